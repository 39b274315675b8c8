package main

import (
	"net/http"
	"testing"
)

// testdata/authtf is the Terraform twin of testdata/authapp: the same
// handlers behind REST and HTTP API Lambda authorizers and a JWT
// authorizer, declared in HCL.

// ARN prefixes of the twin's APIs.
const (
	tfRestARN = "arn:aws:execute-api:eu-west-1:123456789012:wo0pw1e45i/dev"
	tfHTTPARN = "arn:aws:execute-api:eu-west-1:123456789012:19c0sloxng/$default"
)

func tfRestAuthCalls() []call {
	return []call{
		{name: "token allowed", path: "/dev/token", header: auth("tok-allow"), status: 200, wantHeader: jsonCT,
			wantBody: echoed("null", `{"admin":"true","integrationLatency":"number","level":"3","methodArn":"`+tfRestARN+
				`/GET/token","principalId":"user-ann","token":"tok-allow","type":"TOKEN"}`)},
		{name: "token denied", path: "/token", header: auth("tok-deny"), status: 403,
			wantHeader: restAuthHeaders("AccessDeniedException"),
			wantBody:   `{"Message":"User is not authorized to access this resource with an explicit deny"}`},
		{name: "token failing the validation expression", path: "/token", header: auth("nope"), status: 401,
			wantHeader: restAuthHeaders("UnauthorizedException"), wantBody: `{"message":"Unauthorized"}`},
		{name: "authorizer crashes", path: "/token", header: auth("tok-crash"), status: 500,
			wantHeader: restAuthHeaders("AuthorizerConfigurationException"), wantBody: `{"message": null}`},
		{name: "request authorizer allows", path: "/request?key=let-me-in", header: http.Header{"X-User": {"bo"}},
			status: 200, wantBody: echoed("null", `{"hasBody":"false","integrationLatency":"number","methodArn":"`+
				tfRestARN+`/GET/request","path":"/request","principalId":"bo","resource":"/request","stage":"dev",`+
				`"type":"REQUEST","user":"bo"}`)},
		{name: "request authorizer denies", path: "/request?key=no", header: http.Header{"X-User": {"bo"}}, status: 403,
			wantBody: `{"Message":"User is not authorized to access this resource with an explicit deny"}`},
		{name: "request authorizer missing a source", path: "/request", header: http.Header{"X-User": {"bo"}},
			status: 401, wantBody: `{"message":"Unauthorized"}`},
	}
}

func tfHTTPAuthCalls(t *testing.T) []call {
	iss := "https://issuer.example.test"
	return []call{
		{name: "simple response true", path: "/simple", header: auth("yes"), status: 200,
			wantBody: echoed(`"2.0"`, `{"lambda":{"identitySource":["yes"],"n":1,"nested":{"a":1},"routeArn":"`+tfHTTPARN+
				`/GET/simple","routeKey":"GET /simple","type":"REQUEST","user":"bo","version":"2.0"}}`)},
		{name: "simple response false", path: "/simple", header: auth("no"), status: 403,
			wantBody: `{"message":"Forbidden"}`},
		{name: "simple authorizer crashes", path: "/simple", header: auth("crash"), status: 500,
			wantBody: `{"message":"Internal Server Error"}`},
		{name: "policy 1.0 allows", path: "/policy-v1", header: http.Header{"X-Token": {"allow"}}, status: 200,
			wantBody: echoed(`"1.0"`, `{"arn":"`+tfHTTPARN+`/GET/policy-v1","identitySource":"allow",`+
				`"principalId":"user-cy","type":"REQUEST","user":"cy","version":"1.0"}`)},
		{name: "policy 1.0 denies", path: "/policy-v1", header: http.Header{"X-Token": {"deny"}}, status: 403,
			wantBody: `{"message":"Forbidden"}`},
		{name: "policy missing token", path: "/policy-v1", status: 401, wantBody: `{"message":"Unauthorized"}`},
		{name: "jwt with scope", path: "/jwt", status: 200,
			header: auth("Bearer " + jwt(t, map[string]any{"iss": iss, "aud": "ldk-app", "exp": future, "scope": "orders/read"})),
			wantBody: echoed(`"2.0"`, `{"jwt":{"claims":{"aud":"ldk-app","exp":"4102444800","iss":"https://issuer.example.test",`+
				`"scope":"orders/read"},"scopes":["orders/read"]}}`)},
		{name: "jwt wrong audience", path: "/jwt", status: 401,
			header: auth("Bearer " + jwt(t, map[string]any{"iss": iss, "aud": "x", "exp": future, "scope": "orders/read"})),
			wantHeader: http.Header{"Www-Authenticate": {`Bearer scope="" error="invalid_token" ` +
				`error_description="the token does not have a valid audience"`}},
			wantBody: `{"message":"Unauthorized"}`},
		{name: "jwt expired", path: "/jwt", status: 401,
			header:   auth("Bearer " + jwt(t, map[string]any{"iss": iss, "aud": "ldk-app", "exp": past, "scope": "orders/read"})),
			wantBody: `{"message":"Unauthorized"}`},
	}
}

// TestDevAuthorizersTerraform serves testdata/authtf once.
func TestDevAuthorizersTerraform(t *testing.T) {
	t.Parallel()
	d := startDev(t, "--tf", "testdata/authtf")
	rest := d.apiURL(t, "/token")
	httpAPI := d.apiURL(t, "/simple")
	t.Run("rest", func(t *testing.T) {
		t.Parallel()
		runCalls(t, rest, tfRestAuthCalls())
	})
	t.Run("http", func(t *testing.T) {
		t.Parallel()
		runCalls(t, httpAPI, tfHTTPAuthCalls(t))
	})
}
