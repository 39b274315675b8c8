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

// authInvoker answers each function from its own recorder; a function it
// lacks is not found, as the dispatcher says of a function not in the app.
type authInvoker map[string]*recorder

func (a authInvoker) Invoke(ctx context.Context, req invoke.Request) (*compute.InvokeResult, error) {
	r, ok := a[req.Function]
	if !ok {
		return nil, &invoke.NotFoundError{Function: req.Function}
	}
	return r.Invoke(ctx, req)
}

// allowAll is a policy answer allowing every call, with a context.
const allowAll = `{"principalId":"me","policyDocument":{"Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]},` +
	`"context":{"user":"ann","n":2,"ok":true}}`

// authRoute is a route of API api guarded by a.
func authRoute(api appmodel.API, version string, a *appmodel.Authorizer) []appmodel.Route {
	return []appmodel.Route{{API: api.Name, Kind: api.Kind, Method: "GET", Path: "/items/{id}", Function: "items",
		PayloadVersion: version, Authorizer: a}}
}

func TestAuthorizers(t *testing.T) {
	t.Parallel()
	token := &appmodel.Authorizer{Name: "tok", Type: appmodel.AuthorizerToken, Function: "auth",
		IdentitySource: []string{"method.request.header.Authorization"}, ValidationExpression: "^Bearer [a-z]+$"}
	reqAuth := &appmodel.Authorizer{Name: "req", Type: appmodel.AuthorizerRequest, Function: "auth",
		IdentitySource: []string{"method.request.header.X-User", "method.request.querystring.key",
			"stageVariables.env", "context.identity.sourceIp"}}
	httpV2 := &appmodel.Authorizer{Name: "lam", Type: appmodel.AuthorizerRequest, Function: "auth", PayloadVersion: "2.0",
		IdentitySource: []string{"$request.header.X-User", "$request.querystring.key"}}
	httpV1 := &appmodel.Authorizer{Name: "lam1", Type: appmodel.AuthorizerRequest, Function: "auth", PayloadVersion: "1.0",
		IdentitySource: []string{"$request.header.X-User"}}
	with := func(a *appmodel.Authorizer, edit func(*appmodel.Authorizer)) *appmodel.Authorizer {
		c := *a
		edit(&c)
		return &c
	}
	restErr := func(status int, length, errType, body string) wantAnswer {
		return wantAnswer{status, restHeaders("application/json", length, "X-Amzn-Errortype", errType), body}
	}
	routeOK := `{"statusCode":200,"body":"ok"}`

	tests := []struct {
		name    string
		api     appmodel.API
		version string
		auth    *appmodel.Authorizer
		target  string
		header  http.Header
		authInv *recorder // nil: the authorizer function is not in the app
		// routeCalled says the route's function ran; golden compares the
		// authorizer's and the route's events with testdata.
		routeCalled bool
		golden      bool
		want        wantAnswer
	}{
		{name: "auth_rest_token", api: shopAPI, version: "1.0", auth: token, target: "/prod/items/7",
			header: http.Header{"Authorization": {"Bearer abc"}}, authInv: ok(allowAll), routeCalled: true, golden: true,
			want: wantAnswer{200, restHeaders("application/json", "2"), "ok"}},
		{name: "auth_rest_token_fails_validation", api: shopAPI, version: "1.0", auth: token, target: "/prod/items/7",
			header: http.Header{"Authorization": {"Basic abc"}}, authInv: ok(allowAll),
			want: restErr(401, "26", "UnauthorizedException", `{"message":"Unauthorized"}`)},
		{name: "auth_rest_token_bad_expression", api: shopAPI, version: "1.0",
			auth: with(token, func(a *appmodel.Authorizer) { a.ValidationExpression = "(" }), target: "/prod/items/7",
			header: http.Header{"Authorization": {"Bearer abc"}}, authInv: ok(allowAll),
			want: restErr(500, "17", "AuthorizerConfigurationException", `{"message": null}`)},
		{name: "auth_rest_request", api: shopAPI, version: "1.0", auth: reqAuth, target: "/items/7?key=k1&key=k2",
			header: http.Header{"X-User": {"ann"}}, authInv: ok(allowAll), routeCalled: true, golden: true,
			want: wantAnswer{200, restHeaders("application/json", "2"), "ok"}},
		{name: "auth_rest_request_missing_source", api: shopAPI, version: "1.0", auth: reqAuth, target: "/items/7",
			header: http.Header{"X-User": {"ann"}}, authInv: ok(allowAll),
			want: restErr(401, "26", "UnauthorizedException", `{"message":"Unauthorized"}`)},
		{name: "auth_rest_function_not_in_app", api: shopAPI, version: "1.0",
			auth: with(token, func(a *appmodel.Authorizer) { a.Function = "ghost" }), target: "/items/7",
			header: http.Header{"Authorization": {"Bearer abc"}},
			want:   restErr(500, "17", "AuthorizerConfigurationException", `{"message": null}`)},
		{name: "auth_rest_no_function", api: shopAPI, version: "1.0",
			auth: with(token, func(a *appmodel.Authorizer) { a.Function = "" }), target: "/items/7",
			header: http.Header{"Authorization": {"Bearer abc"}}, authInv: ok(allowAll),
			want: restErr(500, "17", "AuthorizerConfigurationException", `{"message": null}`)},
		{name: "auth_rest_throttled", api: shopAPI, version: "1.0", auth: token, target: "/items/7",
			header:  http.Header{"Authorization": {"Bearer abc"}},
			authInv: &recorder{err: &invoke.ThrottledError{Function: "auth", Limit: 1}},
			want:    restErr(429, "31", "TooManyRequestsException", `{"message":"Too Many Requests"}`)},
		{name: "auth_http_simple_answer_when_policy_expected", api: ordersAPI, version: "2.0", auth: httpV2, target: "/items/7?key=k1&key=k2",
			header: http.Header{"X-User": {"ann"}}, authInv: ok(`{"isAuthorized":true}`),
			want: wantAnswer{500, httpHeaders("application/json", "35"), `{"message":"Internal Server Error"}`}},
		{name: "auth_http_v2_policy", api: ordersAPI, version: "2.0", auth: httpV2, target: "/items/7?key=k1&key=k2",
			header: http.Header{"X-User": {"ann"}}, authInv: ok(allowAll), routeCalled: true, golden: true,
			want: wantAnswer{200, httpHeaders("application/json", "2"), "ok"}},
		{name: "auth_http_v1_simple", api: ordersAPI, version: "1.0",
			auth: with(httpV1, func(a *appmodel.Authorizer) { a.SimpleResponses = true }), target: "/items/7",
			header: http.Header{"X-User": {"ann"}}, authInv: ok(`{"isAuthorized":true,"context":{"k":[1,2]}}`),
			routeCalled: true, golden: true, want: wantAnswer{200, httpHeaders("application/json", "2"), "ok"}},
		{name: "auth_http_unknown_type", api: ordersAPI, version: "2.0",
			auth: &appmodel.Authorizer{Name: "odd", Type: "TOKEN", Function: "auth"}, target: "/items/7", authInv: ok(allowAll),
			want: wantAnswer{500, httpHeaders("application/json", "35"), `{"message":"Internal Server Error"}`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			route := ok(routeOK)
			inv := authInvoker{"items": route}
			if tc.authInv != nil {
				inv[tc.auth.Function] = tc.authInv
			}
			h, err := NewAPIHandler(tc.api, authRoute(tc.api, tc.version, tc.auth), inv, testOptions())
			if err != nil {
				t.Fatal(err)
			}

			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request("GET", tc.target, nil, tc.header))
			checkAnswer(t, rec, tc.want)
			if tc.routeCalled != (len(route.reqs) == 1) {
				t.Fatalf("route function invoked %d times, want called=%v", len(route.reqs), tc.routeCalled)
			}
			if tc.golden {
				checkGolden(t, tc.name+"_authorizer", tc.authInv.reqs[0].Payload)
				checkGolden(t, tc.name, route.reqs[0].Payload)
			}
		})
	}
}

// stalled is an authorizer function that never answers: it returns only
// when the gateway gives up on it.
type stalled struct{}

func (stalled) Invoke(ctx context.Context, _ invoke.Request) (*compute.InvokeResult, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestAuthorizerTimeout(t *testing.T) {
	t.Parallel()
	token := &appmodel.Authorizer{Name: "tok", Type: appmodel.AuthorizerToken, Function: "auth"}
	simple := &appmodel.Authorizer{Name: "lam", Type: appmodel.AuthorizerRequest, Function: "auth", PayloadVersion: "2.0",
		SimpleResponses: true, IdentitySource: []string{"$request.header.Authorization"}}
	tests := []struct {
		name      string
		api       appmodel.API
		auth      *appmodel.Authorizer
		opts      func(*Options)
		wantLimit time.Duration
		want      wantAnswer
	}{
		{name: "HTTP API default", api: ordersAPI, auth: simple, wantLimit: HTTPAuthorizerTimeout},
		{name: "HTTP API shorter integration timeout", api: ordersAPI, auth: simple,
			opts: func(o *Options) { o.IntegrationTimeout = 3 * time.Second }, wantLimit: 3 * time.Second},
		{name: "HTTP API without integration timeout", api: ordersAPI, auth: simple,
			opts: func(o *Options) { o.IntegrationTimeout = -1 }, wantLimit: HTTPAuthorizerTimeout},
		{name: "REST API default", api: shopAPI, auth: token, wantLimit: RESTIntegrationTimeout},
		{name: "HTTP API authorizer stalls", api: ordersAPI, auth: simple,
			opts:      func(o *Options) { o.AuthorizerTimeout = 20 * time.Millisecond },
			wantLimit: 20 * time.Millisecond,
			want:      wantAnswer{500, httpHeaders("application/json", "35"), `{"message":"Internal Server Error"}`}},
		{name: "REST API authorizer stalls", api: shopAPI, auth: token,
			opts:      func(o *Options) { o.IntegrationTimeout = 20 * time.Millisecond },
			wantLimit: 20 * time.Millisecond,
			want: wantAnswer{500, restHeaders("application/json", "17", "X-Amzn-Errortype", "AuthorizerConfigurationException"),
				`{"message": null}`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := testOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			route := ok(`{"statusCode":200,"body":"ok"}`)
			inv := authInvokerWith{"items": route, "auth": stalled{}}
			h, err := NewAPIHandler(tc.api, authRoute(tc.api, "2.0", tc.auth), inv, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := h.authorizerLimit(); got != tc.wantLimit {
				t.Errorf("authorizer limit %v, want %v", got, tc.wantLimit)
			}
			if tc.want.status == 0 {
				return
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request("GET", "/items/7", nil, http.Header{"Authorization": {"Bearer abc"}}))
			checkAnswer(t, rec, tc.want)
			if len(route.reqs) != 0 {
				t.Errorf("route function invoked %d times after the authorizer stalled", len(route.reqs))
			}
		})
	}
}

// authInvokerWith answers each function from its own invoker.
type authInvokerWith map[string]invoke.Invoker

func (a authInvokerWith) Invoke(ctx context.Context, req invoke.Request) (*compute.InvokeResult, error) {
	inv, ok := a[req.Function]
	if !ok {
		return nil, &invoke.NotFoundError{Function: req.Function}
	}
	return inv.Invoke(ctx, req)
}
