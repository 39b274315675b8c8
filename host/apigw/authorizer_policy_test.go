package apigw

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWildcardMatch(t *testing.T) {
	t.Parallel()
	arn := "arn:aws:execute-api:us-east-1:123456789012:abc/dev/GET/items/7"
	tests := []struct {
		name    string
		pattern string
		want    bool
	}{
		{"exact", arn, true},
		{"star alone", "*", true},
		{"star in the middle", "arn:aws:execute-api:*:*:abc/dev/*", true},
		{"question mark is one character", "arn:aws:execute-api:us-east-1:123456789012:abc/dev/GET/items/?", true},
		{"question mark is not two", "arn:aws:execute-api:us-east-1:123456789012:abc/dev/GET/item?", false},
		{"other method", "arn:aws:execute-api:us-east-1:123456789012:abc/dev/POST/*", false},
		{"trailing stars", arn + "**", true},
		{"longer than the arn", arn + "/x", false},
		{"empty", "", false},
		{"backtracking star", "arn:*/items/*7", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := wildcardMatch(tc.pattern, arn); got != tc.want {
				t.Errorf("wildcardMatch(%q) = %v, want %v", tc.pattern, got, tc.want)
			}
		})
	}
}

func TestParsePolicyDecide(t *testing.T) {
	t.Parallel()
	arn := "arn:aws:execute-api:eu-west-1:111111111111:abc/prod/GET/items"
	tests := []struct {
		name     string
		payload  string
		scalar   bool
		err      string
		decision decision
		context  map[string]any
	}{
		{name: "allow with a list", payload: `{"principalId":"u","policyDocument":{"Statement":[{"Effect":"Allow","Action":["execute-api:Invoke"],"Resource":["` + arn + `"]}]},"context":{"a":"b"}}`,
			scalar: true, decision: decisionAllow, context: map[string]any{"a": "b"}},
		{name: "allow with strings and one statement", payload: `{"principalId":"u","policyDocument":{"Statement":{"Effect":"Allow","Action":"execute-api:*","Resource":"*"}}}`,
			decision: decisionAllow},
		{name: "explicit deny wins", payload: `{"principalId":"u","policyDocument":{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"execute-api:Invoke","Resource":"` + arn + `"}]}}`,
			decision: decisionDeny},
		{name: "allow of another action", payload: `{"principalId":"u","policyDocument":{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}}`,
			decision: decisionNotAllowed},
		{name: "no statement", payload: `{"principalId":"u","policyDocument":{"Statement":[]}}`, decision: decisionNotAllowed},
		{name: "not an object", payload: `"allow"`, err: "malformed authorizer answer: the answer is not a JSON object"},
		{name: "no principal", payload: `{"policyDocument":{"Statement":[]}}`, err: "malformed authorizer answer: principalId is missing or not a string"},
		{name: "no policy", payload: `{"principalId":"u"}`, err: "malformed authorizer answer: policyDocument is missing or not an object"},
		{name: "bad effect", payload: `{"principalId":"u","policyDocument":{"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}}`,
			err: `policyDocument.Statement[0]: malformed authorizer answer: Effect must be "Allow" or "Deny", got allow`},
		{name: "resource a number", payload: `{"principalId":"u","policyDocument":{"Statement":[{"Effect":"Allow","Action":"*","Resource":[1]}]}}`,
			err: "policyDocument.Statement[0]: malformed authorizer answer: Resource holds a json.Number, not a string"},
		{name: "nested context refused on REST", payload: `{"principalId":"u","policyDocument":{"Statement":[]},"context":{"o":{"a":1}}}`,
			scalar: true, err: `malformed authorizer answer: context value "o" is not a string, number or boolean`},
		{name: "nested context kept on HTTP APIs", payload: `{"principalId":"u","policyDocument":{"Statement":[]},"context":{"o":{"a":"b"}}}`,
			decision: decisionNotAllowed, context: map[string]any{"o": map[string]any{"a": "b"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := parsePolicy([]byte(tc.payload), tc.scalar)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err || !errors.Is(err, errBadAnswer) {
					t.Fatalf("error = %v, want %q (an errBadAnswer)", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := p.decide(arn); got != tc.decision {
				t.Errorf("decide = %v, want %v", got, tc.decision)
			}
			if diff := cmp.Diff(tc.context, p.context); diff != "" {
				t.Errorf("context (-want +got):\n%s", diff)
			}
		})
	}
}
