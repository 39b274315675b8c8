package main

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The authorizers of testdata/authapp, a CDK app synthesized for real: its
// echo function answers with the requestContext.authorizer it got, and its
// authorizer functions (node and python) answer by the token they get.

// restAuthARN is the methodArn prefix of the app's REST API, stage dev.
const restAuthARN = "arn:aws:execute-api:us-east-1:123456789012:t8lgwmwo08/dev"

// httpAuthARN is the routeArn prefix of the app's HTTP API.
const httpAuthARN = "arn:aws:execute-api:us-east-1:123456789012:994fsc0lxt/$default"

// jwt builds an unsigned-in-spirit token: a real header and claims, and a
// signature ldk does not check.
func jwt(t testing.TB, claims map[string]any) string {
	t.Helper()
	part := func(v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(data)
	}
	return part(map[string]string{"alg": "RS256", "kid": "test-key"}) + "." + part(claims) + ".c2lnbmF0dXJl"
}

// Token lifetimes: far in the future, and long past.
const (
	future = 4102444800 // 2100-01-01
	past   = 1700000000 // 2023-11-14
)

func auth(v string) http.Header { return http.Header{"Authorization": {v}} }

// restAuthHeaders are the headers of a REST API's own refusal.
func restAuthHeaders(errorType string) http.Header {
	return http.Header{"Content-Type": {"application/json"}, "X-Amzn-Errortype": {errorType}}
}

// echoed is the echo function's answer, with the authorizer it got.
func echoed(version, authorizer string) string {
	return `{"version":` + version + `,"authorizer":` + authorizer + `}`
}

func restAuthCalls(t *testing.T) []call {
	token := func(tok string) string {
		return `{"admin":"true","integrationLatency":"number","level":"3","methodArn":"` + restAuthARN +
			`/GET/token","principalId":"user-ann","token":"` + tok + `","type":"TOKEN"}`
	}
	explicit := `{"Message":"User is not authorized to access this resource with an explicit deny"}`
	good := jwt(t, map[string]any{"sub": "u1", "aud": "ldk-app", "exp": future, "iat": past,
		"scope": "orders/read profile", "cognito:groups": []string{"admin", "dev"}})
	claims := `{"claims":{"aud":"ldk-app","cognito:groups":"[admin dev]","exp":"Fri Jan 01 00:00:00 UTC 2100",` +
		`"iat":"Tue Nov 14 22:13:20 UTC 2023","scope":"orders/read profile","sub":"u1"}}`
	return []call{
		{name: "token allowed, context as strings", path: "/dev/token", header: auth("tok-allow"), status: 200,
			wantHeader: jsonCT, wantBody: echoed("null", token("tok-allow"))},
		{name: "token at the root path", path: "/token", header: auth("tok-allow"), status: 200,
			wantBody: echoed("null", token("tok-allow"))},
		{name: "token denied", path: "/token", header: auth("tok-deny"), status: 403,
			wantHeader: restAuthHeaders("AccessDeniedException"), wantBody: explicit},
		{name: "explicit deny beats allow", path: "/token", header: auth("tok-mixed"), status: 403,
			wantHeader: restAuthHeaders("AccessDeniedException"), wantBody: explicit},
		{name: "allowed elsewhere only", path: "/token", header: auth("tok-elsewhere"), status: 403,
			wantHeader: restAuthHeaders("AccessDeniedException"),
			wantBody:   `{"Message":"User is not authorized to access this resource"}`},
		{name: "wildcard resource matches", path: "/items/7", header: auth("tok-wild"), status: 200,
			wantBody: echoed("null", strings.ReplaceAll(token("tok-wild"), "/GET/token", "/GET/items/7"))},
		{name: "wildcard ? is one character", path: "/items/77", header: auth("tok-wild"), status: 403,
			wantBody: `{"Message":"User is not authorized to access this resource"}`},
		{name: "missing token", path: "/token", status: 401,
			wantHeader: restAuthHeaders("UnauthorizedException"), wantBody: `{"message":"Unauthorized"}`},
		{name: "token failing the validation expression", path: "/token", header: auth("Bearer tok-allow"), status: 401,
			wantHeader: restAuthHeaders("UnauthorizedException"), wantBody: `{"message":"Unauthorized"}`},
		{name: "authorizer throws Unauthorized", path: "/token", header: auth("tok-unauthorized"), status: 401,
			wantHeader: restAuthHeaders("UnauthorizedException"), wantBody: `{"message":"Unauthorized"}`},
		{name: "authorizer crashes", path: "/token", header: auth("tok-crash"), status: 500,
			wantHeader: restAuthHeaders("AuthorizerConfigurationException"), wantBody: `{"message": null}`},
		{name: "authorizer answers no policy", path: "/token", header: auth("tok-malformed"), status: 500,
			wantHeader: restAuthHeaders("AuthorizerConfigurationException"), wantBody: `{"message": null}`},
		{name: "authorizer context holds an object", path: "/token", header: auth("tok-bad-context"), status: 500,
			wantHeader: restAuthHeaders("AuthorizerConfigurationException"), wantBody: `{"message": null}`},
		{name: "request authorizer allows", path: "/request?key=let-me-in", header: http.Header{"X-User": {"ann"}},
			status: 200, wantBody: echoed("null", `{"hasBody":"false","integrationLatency":"number","methodArn":"`+
				restAuthARN+`/GET/request","path":"/request","principalId":"ann","resource":"/request","stage":"dev",`+
				`"type":"REQUEST","user":"ann"}`)},
		{name: "request authorizer denies", path: "/request?key=wrong", header: http.Header{"X-User": {"ann"}},
			status: 403, wantBody: explicit},
		{name: "request authorizer without one identity source", path: "/request?key=let-me-in", status: 401,
			wantBody: `{"message":"Unauthorized"}`},
		{name: "cognito claims", path: "/cognito", header: auth(good), status: 200, wantBody: echoed("null", claims)},
		{name: "cognito scope present", path: "/cognito/scoped", header: auth(good), status: 200,
			wantBody: echoed("null", claims)},
		{name: "cognito scope missing", path: "/cognito/scoped", status: 401,
			header:     auth(jwt(t, map[string]any{"sub": "u1", "exp": future, "scope": "profile"})),
			wantHeader: restAuthHeaders("UnauthorizedException"), wantBody: `{"message":"Unauthorized"}`},
		{name: "cognito token expired", path: "/cognito", header: auth(jwt(t, map[string]any{"sub": "u1", "exp": past})),
			status: 401, wantBody: `{"message":"Unauthorized"}`},
		{name: "cognito token not a JWT", path: "/cognito", header: auth("opaque"), status: 401,
			wantBody: `{"message":"Unauthorized"}`},
		{name: "iam unsigned", path: "/iam", status: 403,
			wantHeader: restAuthHeaders("MissingAuthenticationTokenException"),
			wantBody:   `{"message":"Missing Authentication Token"}`},
		{name: "iam signed", path: "/iam", header: auth(sigV4("AKIDLOCAL")), status: 200,
			wantBody: `{"version":null,"authorizer":null,"accessKey":"AKIDLOCAL"}`},
		{name: "no authorizer", path: "/open", status: 200, wantBody: echoed("null", "null")},
	}
}

// sigV4 is an Authorization header shaped as SigV4 signs it.
func sigV4(key string) string {
	return "AWS4-HMAC-SHA256 Credential=" + key + "/20261204/us-east-1/execute-api/aws4_request, " +
		"SignedHeaders=host;x-amz-date, Signature=0123456789abcdef"
}

// TestDevAuthorizers serves testdata/authapp once and calls every
// authorizer through it.
func TestDevAuthorizers(t *testing.T) {
	t.Parallel()
	d := startDev(t, "--cdk-out", "testdata/authapp/cdk.out")
	d.checkAtExit(checkUnverifiedWarnings)
	rest := d.apiURL(t, "/token")
	httpAPI := d.apiURL(t, "/simple")
	furl := d.functionURL(t, "auth-url-echo")
	t.Run("calls", func(t *testing.T) {
		t.Run("rest", func(t *testing.T) {
			t.Parallel()
			runCalls(t, rest, restAuthCalls(t))
		})
		t.Run("http", func(t *testing.T) {
			t.Parallel()
			runCalls(t, httpAPI, httpAuthCalls(t))
		})
		t.Run("function-url", func(t *testing.T) {
			t.Parallel()
			runCalls(t, furl, urlAuthCalls)
		})
	})
	// The failing authorizers above were logged, each naming its function.
	t.Run("log", func(t *testing.T) {
		for _, want := range []string{
			`[ERROR] ldk.apigw: authorizer function failed: api=auth-rest authorizer=token-auth function=auth-token error_type=Unhandled`,
			`[ERROR] ldk.apigw: authorizer function returned an answer API Gateway cannot read: api=auth-rest ` +
				`authorizer=token-auth function=auth-token error="malformed authorizer answer: principalId is missing or not a string"`,
			`[ERROR] ldk.apigw: authorizer function failed: api=auth-http authorizer=simple-auth function=auth-simple error_type=Unhandled`,
		} {
			d.waitStderr(t, want)
		}
	})
}

// checkUnverifiedWarnings checks that each API with token authorizers
// warned once that signatures are not verified.
func checkUnverifiedWarnings(t testing.TB, stderr string) {
	t.Helper()
	for _, api := range []string{"api=auth-http authorizer=jwt-auth type=JWT", "api=auth-rest authorizer=cognito-auth type=COGNITO_USER_POOLS"} {
		warn := "[WARN]  ldk.apigw: token signatures are NOT verified: ldk checks a token's form, times, issuer, " +
			"audience and scopes, but it is offline and cannot fetch the signing keys: " + api
		if n := strings.Count(stderr, warn); n != 1 {
			t.Errorf("log has %d warnings %q, want 1", n, warn)
		}
	}
}

// waitStderr waits up to 30 s for ldk dev's stderr to hold want: log
// lines travel apart from the answers they belong to.
func (d *devServer) waitStderr(t *testing.T, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(d.stderr.String(), want) {
		if time.Now().After(deadline) {
			t.Errorf("ldk dev's log lacks %q after 30 s", want)
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// BenchmarkDevAuthorizer measures what an authorizer adds to a warm
// request through ldk dev: the same echo unguarded, behind a node TOKEN
// authorizer (a second warm invocation), and behind a JWT authorizer (no
// invocation).
func BenchmarkDevAuthorizer(b *testing.B) {
	d := startDev(b, "--cdk-out", "testdata/authapp/cdk.out")
	rest := d.apiURL(b, "/token")
	httpAPI := d.apiURL(b, "/simple")
	tok := jwt(b, map[string]any{"iss": "https://issuer.example.test", "aud": "ldk-app", "exp": future})
	for _, bc := range []struct{ name, url, auth string }{
		{"rest-open", rest + "/open", ""},
		{"rest-token", rest + "/token", "tok-allow"},
		{"http-open", httpAPI + "/open", ""},
		{"http-simple", httpAPI + "/simple", "yes"},
		{"http-jwt", httpAPI + "/jwt", "Bearer " + tok},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req, err := http.NewRequest(http.MethodGet, bc.url, nil)
			if err != nil {
				b.Fatal(err)
			}
			if bc.auth != "" {
				req.Header.Set("Authorization", bc.auth)
			}
			get := func() {
				resp, err := e2eClient.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					b.Fatalf("GET %s: %d (%v)", bc.url, resp.StatusCode, err)
				}
			}
			get() // the cold starts are not what this measures
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				get()
			}
		})
	}
}
