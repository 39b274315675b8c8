package apigw

import (
	"errors"
	"testing"
	"time"
)

// FuzzAuthorizerAnswers feeds arbitrary bytes to every reader of what an
// authorizer or a client hands over: policy and simple answers, JWTs and
// their claims. Each either reads them or says they are malformed; nothing
// may panic.
func FuzzAuthorizerAnswers(f *testing.F) {
	f.Add([]byte(allowAll))
	f.Add([]byte(`{"isAuthorized":true,"context":{"a":[1,{"b":null}]}}`))
	f.Add([]byte(`{"principalId":"u","policyDocument":{"Statement":{"Effect":"Deny","Action":"*","Resource":"*?*"}}}`))
	f.Add([]byte("eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjEsInNjcCI6WyJhIl19.c2ln"))
	f.Add([]byte(`[]`))

	now := time.Unix(1_800_000_000, 0)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, scalar := range []bool{true, false} {
			p, err := parsePolicy(data, scalar)
			if err != nil && !errors.Is(err, errBadAnswer) {
				t.Fatalf("parsePolicy error %v is not an errBadAnswer", err)
			}
			if p != nil {
				_ = p.decide("arn:aws:execute-api:eu-west-1:1:abc/prod/GET/x")
				_ = contextStrings(p.context)
			}
		}
		if _, _, err := parseSimple(data); err != nil && !errors.Is(err, errBadAnswer) {
			t.Fatalf("parseSimple error %v is not an errBadAnswer", err)
		}

		claims, err := decodeJWT(string(data))
		if err != nil {
			return
		}
		_ = checkTimes(claims, now)
		_ = tokenScopes(claims)
		_ = hasAudience(claims, []string{"a"})
		_ = claimStrings(claims, true)
	})
}
