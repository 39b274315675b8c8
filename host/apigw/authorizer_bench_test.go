package apigw

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// byFunction answers each function at once with its own result.
type byFunction map[string]*compute.InvokeResult

func (f byFunction) Invoke(_ context.Context, req invoke.Request) (*compute.InvokeResult, error) {
	return f[req.Function], nil
}

// benchAuth measures one guarded request: the authorizer's work in the
// handler (identity sources, its event, its answer, the grant) plus the
// route's event and response. The invoker does nothing.
func benchAuth(b *testing.B, api appmodel.API, version string, a *appmodel.Authorizer, header http.Header) {
	inv := byFunction{
		"items": {Payload: []byte(`{"statusCode":200,"body":"ok"}`)},
		"auth":  {Payload: []byte(allowAll)},
	}
	h, err := NewAPIHandler(api, authRoute(api, version, a), inv, Options{})
	if err != nil {
		b.Fatal(err)
	}
	req := request("GET", "/items/42?x=1", nil, header)

	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}

// BenchmarkAuthorizerRESTToken is a REST TOKEN authorizer's overhead.
func BenchmarkAuthorizerRESTToken(b *testing.B) {
	benchAuth(b, shopAPI, appmodel.Payload10,
		&appmodel.Authorizer{Name: "t", Type: appmodel.AuthorizerToken, Function: "auth", ValidationExpression: "^Bearer .+$"},
		http.Header{"Authorization": {"Bearer abc"}})
}

// BenchmarkAuthorizerHTTPLambda is an HTTP API payload 2.0 Lambda
// authorizer's overhead.
func BenchmarkAuthorizerHTTPLambda(b *testing.B) {
	benchAuth(b, ordersAPI, appmodel.Payload20,
		&appmodel.Authorizer{Name: "l", Type: appmodel.AuthorizerRequest, Function: "auth", PayloadVersion: "2.0",
			IdentitySource: []string{"$request.header.Authorization"}},
		http.Header{"Authorization": {"abc"}})
}

// BenchmarkAuthorizerJWT is an HTTP API JWT authorizer's overhead.
func BenchmarkAuthorizerJWT(b *testing.B) {
	claims := map[string]any{"iss": "https://issuer.test", "aud": "app", "exp": time.Now().Add(time.Hour).Unix(), "scope": "a b"}
	tok := token(b, map[string]string{"alg": "RS256"}, claims)
	benchAuth(b, ordersAPI, appmodel.Payload20,
		&appmodel.Authorizer{Name: "j", Type: appmodel.AuthorizerJWT, JWTIssuer: "https://issuer.test", JWTAudience: []string{"app"}},
		http.Header{"Authorization": {"Bearer " + tok}})
}
