package main

import (
	"net/http"
	"testing"
)

// The HTTP API and function URL calls of TestDevAuthorizers.

func httpAuthCalls(t *testing.T) []call {
	simple := func(route, version string) string {
		return `{"identitySource":["yes"],"n":1,"nested":{"a":1},"routeArn":"` + httpAuthARN + `/GET/` + route +
			`","routeKey":"GET /` + route + `","type":"REQUEST","user":"bo","version":"` + version + `"}`
	}
	policy := func(route, version, sources string) string {
		return `"arn":"` + httpAuthARN + `/GET/` + route + `","identitySource":` + sources +
			`,"type":"REQUEST","user":"cy","version":"` + version + `"`
	}
	iss := "https://issuer.example.test"
	good := jwt(t, map[string]any{"iss": iss, "aud": "ldk-app", "sub": "u1", "exp": future, "iat": past,
		"scope": "orders/read profile", "groups": []string{"a", "b"}})
	claims := `"claims":{"aud":"ldk-app","exp":"4102444800","groups":"[a b]","iat":"1700000000",` +
		`"iss":"https://issuer.example.test","scope":"orders/read profile","sub":"u1"},"scopes":["orders/read","profile"]`
	invalid := func(reason string) http.Header {
		return http.Header{"Www-Authenticate": {`Bearer scope="" error="invalid_token" error_description="` + reason + `"`}}
	}
	unauthorized := `{"message":"Unauthorized"}`
	return []call{
		{name: "simple response true, payload 2.0", path: "/simple", header: auth("yes"), status: 200,
			wantHeader: jsonCT, wantBody: echoed(`"2.0"`, `{"lambda":`+simple("simple", "2.0")+`}`)},
		{name: "simple response true, 1.0 integration", path: "/simple-v1", header: auth("yes"), status: 200,
			wantBody: echoed(`"1.0"`, simple("simple-v1", "2.0"))},
		{name: "simple response false", path: "/simple", header: auth("no"), status: 403,
			wantHeader: jsonCT, wantBody: `{"message":"Forbidden"}`},
		{name: "simple response malformed", path: "/simple", header: auth("garbage"), status: 500,
			wantBody: `{"message":"Internal Server Error"}`},
		{name: "authorizer throws Unauthorized", path: "/simple", header: auth("unauthorized"), status: 401,
			wantBody: unauthorized},
		{name: "authorizer crashes", path: "/simple", header: auth("crash"), status: 500,
			wantHeader: jsonCT, wantBody: `{"message":"Internal Server Error"}`},
		{name: "missing identity source", path: "/simple", status: 401, wantHeader: jsonCT, wantBody: unauthorized},
		{name: "policy allows, payload 2.0", path: "/policy", header: http.Header{"X-Token": {"allow"}}, status: 200,
			wantBody: echoed(`"2.0"`, `{"lambda":{`+policy("policy", "2.0", `["allow"]`)+`}}`)},
		{name: "policy allows, payload 1.0, principal added", path: "/policy-v1", header: http.Header{"X-Token": {"allow"}},
			status: 200, wantBody: echoed(`"1.0"`, `{"arn":"`+httpAuthARN+`/GET/policy-v1","identitySource":"allow",`+
				`"principalId":"user-cy","type":"REQUEST","user":"cy","version":"1.0"}`)},
		{name: "policy denies", path: "/policy", header: http.Header{"X-Token": {"deny"}}, status: 403,
			wantBody: `{"message":"Forbidden"}`},
		{name: "policy denies, payload 1.0", path: "/policy-v1", header: http.Header{"X-Token": {"deny"}}, status: 403,
			wantBody: `{"message":"Forbidden"}`},
		{name: "jwt good", path: "/jwt", header: auth("Bearer " + good), status: 200,
			wantHeader: http.Header{"Www-Authenticate": nil}, wantBody: echoed(`"2.0"`, `{"jwt":{`+claims+`}}`)},
		{name: "jwt good without Bearer, 1.0 integration", path: "/jwt-v1", header: auth(good), status: 200,
			wantBody: echoed(`"1.0"`, `{`+claims+`}`)},
		{name: "jwt with the route's scope", path: "/jwt/scoped", header: auth("Bearer " + good), status: 200,
			wantBody: echoed(`"2.0"`, `{"jwt":{`+claims+`}}`)},
		{name: "jwt without the route's scope", path: "/jwt/scoped", status: 403,
			header: auth("Bearer " + jwt(t, map[string]any{"iss": iss, "aud": "ldk-app", "exp": future, "scp": []string{"profile"}})),
			wantHeader: http.Header{"Www-Authenticate": {`Bearer scope="orders/read" error="insufficient_scope" ` +
				`error_description="the token does not have a valid scope"`}},
			wantBody: `{"message":"Forbidden"}`},
		{name: "jwt expired", path: "/jwt", header: auth("Bearer " + jwt(t, map[string]any{"iss": iss, "aud": "ldk-app", "exp": past})),
			status: 401, wantHeader: invalid("the token has expired"), wantBody: unauthorized},
		{name: "jwt not yet valid", path: "/jwt", status: 401,
			header:     auth("Bearer " + jwt(t, map[string]any{"iss": iss, "aud": "ldk-app", "exp": future, "nbf": future - 1})),
			wantHeader: invalid("the token is not valid yet"), wantBody: unauthorized},
		{name: "jwt wrong audience", path: "/jwt", header: auth("Bearer " + jwt(t, map[string]any{"iss": iss, "aud": "other", "exp": future})),
			status: 401, wantHeader: invalid("the token does not have a valid audience"), wantBody: unauthorized},
		{name: "jwt audience from client_id", path: "/jwt", status: 200,
			header:   auth("Bearer " + jwt(t, map[string]any{"iss": iss, "client_id": "ldk-app", "exp": future})),
			wantBody: echoed(`"2.0"`, `{"jwt":{"claims":{"client_id":"ldk-app","exp":"4102444800","iss":"https://issuer.example.test"}}}`)},
		{name: "jwt wrong issuer", path: "/jwt", header: auth("Bearer " + jwt(t, map[string]any{"iss": "https://evil.test", "aud": "ldk-app", "exp": future})),
			status: 401, wantHeader: invalid("the token does not have a valid issuer"), wantBody: unauthorized},
		{name: "jwt malformed", path: "/jwt", header: auth("Bearer not.a-jwt"), status: 401,
			wantHeader: invalid("the token is not a well-formed JWT"), wantBody: unauthorized},
		{name: "jwt missing", path: "/jwt", status: 401, wantHeader: http.Header{"Www-Authenticate": nil}, wantBody: unauthorized},
		{name: "iam unsigned", path: "/iam", status: 403, wantHeader: jsonCT, wantBody: `{"message":"Forbidden"}`},
		{name: "iam signed", path: "/iam", header: auth(sigV4("AKIDLOCAL")), status: 200,
			wantBody: echoed(`"2.0"`, `{"iam":{"accessKey":"AKIDLOCAL","accountId":"123456789012","callerId":null,`+
				`"cognitoIdentity":null,"principalOrgId":null,"userArn":null,"userId":null}}`)},
		{name: "no authorizer", path: "/open", status: 200, wantBody: echoed(`"2.0"`, "null")},
	}
}

// urlAuthCalls reach the function URL with AuthType AWS_IAM.
var urlAuthCalls = []call{
	{name: "unsigned", path: "/any", status: 403,
		wantHeader: http.Header{"Content-Type": {"application/json"}, "X-Amzn-Errortype": {"AccessDeniedException"}},
		wantBody:   `{"Message":"Forbidden"}`},
	{name: "signed header", path: "/any", header: auth(sigV4("AKIDURL")), status: 200,
		wantBody: echoed(`"2.0"`, `{"iam":{"accessKey":"AKIDURL","accountId":"123456789012","callerId":null,`+
			`"cognitoIdentity":null,"principalOrgId":null,"userArn":null,"userId":null}}`)},
	{name: "presigned query", path: "/any?X-Amz-Credential=AKIDQ%2F20261204%2Fus-east-1%2Flambda%2Faws4_request&X-Amz-Signature=ab12",
		status: 200, wantBody: echoed(`"2.0"`, `{"iam":{"accessKey":"AKIDQ","accountId":"123456789012","callerId":null,`+
			`"cognitoIdentity":null,"principalOrgId":null,"userArn":null,"userId":null}}`)},
}
