package lambdaapi

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestParseFunctionRef(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, qualifier string
		want                functionRef
		wantCode            string
	}{
		{"name", "orders-get", "", functionRef{name: "orders-get"}, ""},
		{"name with qualifier", "orders-get:live", "", functionRef{name: "orders-get", qualifier: "live"}, ""},
		{"name and parameter", "orders-get", "$LATEST", functionRef{name: "orders-get", qualifier: "$LATEST"}, ""},
		{"same qualifier twice", "orders-get:7", "7", functionRef{name: "orders-get", qualifier: "7"}, ""},
		{"partial ARN", "123456789012:function:fn", "", functionRef{name: "fn", account: "123456789012"}, ""},
		{"partial ARN with qualifier", "123456789012:function:fn:prod", "", functionRef{name: "fn", account: "123456789012", qualifier: "prod"}, ""},
		{"full ARN", "arn:aws:lambda:eu-west-1:111111111111:function:fn", "", functionRef{name: "fn", account: "111111111111", region: "eu-west-1"}, ""},
		{"full ARN with qualifier", "arn:aws-cn:lambda:cn-north-1:111111111111:function:fn:$LATEST", "", functionRef{name: "fn", account: "111111111111", region: "cn-north-1", qualifier: "$LATEST"}, ""},
		{"qualifiers disagree", "fn:a", "b", functionRef{}, "InvalidParameterValueException"},
		{"empty qualifier", "fn:", "", functionRef{}, "ValidationException"},
		{"bad qualifier parameter", "fn", "a/b", functionRef{}, "ValidationException"},
		{"short account", "12345:function:fn", "", functionRef{}, "ValidationException"},
		{"not lambda", "arn:aws:s3:eu-west-1:111111111111:function:fn", "", functionRef{}, "ValidationException"},
		{"empty", "", "", functionRef{}, "ValidationException"},
		{"bad character", "fn!", "", functionRef{}, "ValidationException"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseFunctionRef(tc.in, tc.qualifier)
			if tc.wantCode != "" {
				if err == nil || err.code != tc.wantCode || err.status != 400 {
					t.Fatalf("err = %v, want a 400 %s", err, tc.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v", err)
			}
			if got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// FuzzParseInvoke feeds arbitrary function names, qualifiers, headers and
// bodies to the Invoke request parser: it must never panic, and what it
// accepts must be a valid name and a JSON payload.
func FuzzParseInvoke(f *testing.F) {
	f.Add("orders-get", "", "RequestResponse", "Tail", base64.StdEncoding.EncodeToString([]byte(`{"a":1}`)), []byte(`{"x":1}`))
	f.Add("arn:aws:lambda:us-east-1:123456789012:function:fn:live", "live", "Event", "", "", []byte(``))
	f.Add("123456789012:function:fn", "$LATEST", "DryRun", "None", "e30=", []byte(`[1,2`))
	f.Add("::", "%", "x", "y", "!!", []byte{0xff})

	f.Fuzz(func(t *testing.T, name, qualifier, invType, logType, clientContext string, body []byte) {
		target := "/2015-03-31/functions/x/invocations?Qualifier=" + url.QueryEscape(qualifier)
		r := httptest.NewRequest("POST", target, bytes.NewReader(body))
		r.Header.Set("X-Amz-Invocation-Type", invType)
		r.Header.Set("X-Amz-Log-Type", logType)
		r.Header.Set("X-Amz-Client-Context", clientContext)

		inv, err := parseInvoke(r, name)
		if err != nil {
			if err.status < 400 || err.status > 499 || err.code == "" || err.message == "" {
				t.Fatalf("bad error %+v", err)
			}
			return
		}
		if !validName(inv.ref.name) {
			t.Fatalf("accepted invalid name %q from %q", inv.ref.name, name)
		}
		if !json.Valid(inv.payload) {
			t.Fatalf("accepted a payload that is not JSON: %q", inv.payload)
		}
		if inv.clientContext != "" && !json.Valid([]byte(inv.clientContext)) {
			t.Fatalf("accepted a client context that is not JSON: %q", inv.clientContext)
		}
	})
}
