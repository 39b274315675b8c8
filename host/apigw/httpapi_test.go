package apigw

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

var ordersAPI = appmodel.API{Name: "OrdersApi", Kind: appmodel.KindHTTP, ID: "h77xyz1234", Stage: "$default"}

func ordersRoutes() []appmodel.Route {
	r := func(method, path, fn, version string) appmodel.Route {
		return appmodel.Route{API: "OrdersApi", Kind: appmodel.KindHTTP, Method: method, Path: path, Function: fn, PayloadVersion: version}
	}
	return []appmodel.Route{
		r("GET", "/orders/{id}", "orders-get", appmodel.Payload20),
		r("GET", "/orders/latest", "orders-latest", appmodel.Payload20),
		r("POST", "/orders", "orders-create", appmodel.Payload20),
		r("GET", "/legacy/{id}", "legacy", appmodel.Payload10),
		r("ANY", "/static/{proxy+}", "static", appmodel.Payload20),
	}
}

// httpHeaders are the headers of an HTTP API answer.
func httpHeaders(contentType, length string, extra ...string) http.Header {
	h := http.Header{
		"Content-Type":    {contentType},
		"Apigw-Requestid": {"TNlOGRlYWRiZWVm="},
	}
	if length != "" {
		h["Content-Length"] = []string{length}
	}
	for i := 0; i+1 < len(extra); i += 2 {
		h[extra[i]] = append(h[extra[i]], extra[i+1])
	}
	return h
}

func TestHTTPAPI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		api      appmodel.API
		routes   []appmodel.Route
		method   string
		target   string
		header   http.Header
		body     []byte
		inv      *recorder
		function string
		golden   bool
		want     wantAnswer
	}{
		{
			name: "http_v2_query_cookies", method: "GET", target: "/orders/42?x=1&x=2&y=a%20b&flag",
			header: http.Header{"X-Multi": {"one", "two"}, "Cookie": {"s=1; t=2", "u=3"}},
			inv:    ok(`{"id":"42"}`), function: "orders-get", golden: true,
			want: wantAnswer{200, httpHeaders("application/json", "11"), `{"id":"42"}`},
		},
		{
			name: "http_v2_exact_beats_parameter", method: "GET", target: "/orders/latest",
			inv: ok(`"latest"`), function: "orders-latest",
			want: wantAnswer{200, httpHeaders("application/json", "8"), `"latest"`},
		},
		{
			name: "http_v2_text_body_and_cookies_out", method: "POST", target: "/orders",
			header: http.Header{"Content-Type": {"application/json"}}, body: []byte(`{"item":"tea"}`),
			inv:      ok(`{"statusCode":201,"cookies":["a=1; HttpOnly","b=2"],"headers":{"content-type":"text/plain","x-n":7},"body":"made"}`),
			function: "orders-create", golden: true,
			want: wantAnswer{201, httpHeaders("text/plain", "4", "Set-Cookie", "a=1; HttpOnly", "Set-Cookie", "b=2", "X-N", "7"), "made"},
		},
		{
			name: "http_v2_binary_in_and_out", method: "POST", target: "/orders",
			header: http.Header{"Content-Type": {"application/octet-stream"}}, body: []byte{0, 1, 2, 0xfe},
			inv:      ok(`{"statusCode":200,"headers":{"content-type":"application/octet-stream"},"body":"AAEC","isBase64Encoded":true}`),
			function: "orders-create", golden: true,
			want: wantAnswer{200, httpHeaders("application/octet-stream", "3"), "\x00\x01\x02"},
		},
		{
			name: "http_v2_form_body", method: "POST", target: "/orders",
			header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, body: []byte("item=tea&qty=2"),
			inv: ok(`{"statusCode":201}`), function: "orders-create", golden: true,
			want: wantAnswer{201, httpHeaders("application/json", "0"), ""},
		},
		{
			name: "http_v2_greedy", method: "PUT", target: "/static/css/site.css",
			inv: ok(`{"statusCode":200,"body":"x"}`), function: "static", golden: true,
			want: wantAnswer{200, httpHeaders("application/json", "1"), "x"},
		},
		{
			name: "http_v2_greedy_bare_parent", method: "GET", target: "/static",
			inv:  ok(`{}`),
			want: wantAnswer{404, httpHeaders("application/json", "23"), `{"message":"Not Found"}`},
		},
		{
			name: "http_v2_unknown_route", method: "GET", target: "/orders",
			inv:  ok(`{}`),
			want: wantAnswer{404, httpHeaders("application/json", "23"), `{"message":"Not Found"}`},
		},
		{
			name: "http_v1_payload", method: "GET", target: "/legacy/5?a=1&a=2",
			header: http.Header{"X-Multi": {"one", "two"}},
			inv:    ok(`{"statusCode":200,"multiValueHeaders":{"Set-Cookie":["a=1","b=2"]},"body":"v1"}`), function: "legacy", golden: true,
			want: wantAnswer{200, httpHeaders("application/json", "2", "Set-Cookie", "a=1", "Set-Cookie", "b=2"), "v1"},
		},
		{
			name: "http_v1_missing_status", method: "GET", target: "/legacy/5",
			inv: ok(`{"body":"v1"}`), function: "legacy",
			want: wantAnswer{500, httpHeaders("application/json", "35"), `{"message":"Internal Server Error"}`},
		},
		{
			name: "http_v2_function_error", method: "GET", target: "/orders/1",
			inv:      &recorder{result: &compute.InvokeResult{ErrorType: "Sandbox.Timedout", Payload: []byte(`{"errorMessage":"Task timed out after 3.00 seconds"}`)}},
			function: "orders-get",
			want:     wantAnswer{500, httpHeaders("application/json", "35"), `{"message":"Internal Server Error"}`},
		},
		{
			name: "http_v2_result_not_json", method: "GET", target: "/orders/1",
			inv: ok(`not json`), function: "orders-get",
			want: wantAnswer{500, httpHeaders("application/json", "35"), `{"message":"Internal Server Error"}`},
		},
		{
			name: "http_v2_bad_base64", method: "GET", target: "/orders/1",
			inv: ok(`{"statusCode":200,"body":"%%%","isBase64Encoded":true}`), function: "orders-get",
			want: wantAnswer{500, httpHeaders("application/json", "35"), `{"message":"Internal Server Error"}`},
		},
		{
			name: "http_v2_throttled", method: "GET", target: "/orders/1",
			inv: &recorder{err: &invoke.ThrottledError{Function: "orders-get", Limit: 2}}, function: "orders-get",
			want: wantAnswer{429, httpHeaders("application/json", "31"), `{"message":"Too Many Requests"}`},
		},
		{
			name: "http_v2_too_large", method: "POST", target: "/orders",
			body: bytes.Repeat([]byte("a"), DefaultBodyLimit+1), inv: ok(`{}`),
			want: wantAnswer{413, httpHeaders("application/json", "38"), `{"message":"Request Entity Too Large"}`},
		},
		{
			name: "http_default_route", method: "PATCH", target: "/anything/here?q=1",
			api: appmodel.API{Name: "Catch", Kind: appmodel.KindHTTP, ID: "cccccccccc", Stage: "$default"},
			routes: []appmodel.Route{
				{API: "Catch", Method: "ANY", Path: "$default", Function: "catch-all", PayloadVersion: appmodel.Payload20},
				{API: "Catch", Method: "GET", Path: "/anything/here", Function: "exact", PayloadVersion: appmodel.Payload20},
			},
			inv: ok(`{"statusCode":200}`), function: "catch-all", golden: true,
			want: wantAnswer{200, httpHeaders("application/json", "0"), ""},
		},
		{
			name: "http_named_stage", method: "GET", target: "/dev/orders/9",
			api: appmodel.API{Name: "OrdersApi", Kind: appmodel.KindHTTP, ID: "h77xyz1234", Stage: "dev", StageVariables: map[string]string{"table": "orders-dev"}},
			inv: ok(`{}`), function: "orders-get", golden: true,
			want: wantAnswer{200, httpHeaders("application/json", "2"), `{}`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			api, routes := ordersAPI, ordersRoutes()
			if tc.api.Name != "" {
				api = tc.api
			}
			if tc.routes != nil {
				routes = tc.routes
			}
			h, err := NewAPIHandler(api, routes, tc.inv, testOptions())
			if err != nil {
				t.Fatal(err)
			}

			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request(tc.method, tc.target, tc.body, tc.header))
			checkAnswer(t, rec, tc.want)
			checkInvoked(t, tc.inv, tc.function, tc.name, tc.golden)
		})
	}
}

func TestFunctionURL(t *testing.T) {
	t.Parallel()
	url := appmodel.FunctionURL{Function: "bundled", AuthType: "NONE"}
	urlHeaders := func(contentType, length string) http.Header {
		return http.Header{
			"Content-Type":     {contentType},
			"Content-Length":   {length},
			"X-Amzn-Requestid": {"c6af9ac6-7b61-11e6-9a41-93e8deadbeef"},
		}
	}
	tests := []struct {
		name   string
		method string
		target string
		header http.Header
		body   []byte
		inv    *recorder
		called bool
		golden bool
		want   wantAnswer
	}{
		{
			name: "furl_get", method: "GET", target: "/a/b.png?q=1&q=2", header: http.Header{"Cookie": {"k=v"}},
			inv: ok(`{"file":"b.png","kind":"2.0"}`), called: true, golden: true,
			want: wantAnswer{200, urlHeaders("application/json", "29"), `{"file":"b.png","kind":"2.0"}`},
		},
		{
			name: "furl_post_text", method: "POST", target: "/", header: http.Header{"Content-Type": {"text/plain"}}, body: []byte("hello"),
			inv: ok(`{"statusCode":200,"body":"hi","headers":{"content-type":"text/plain"}}`), called: true, golden: true,
			want: wantAnswer{200, urlHeaders("text/plain", "2"), "hi"},
		},
		{
			name: "furl_function_error", method: "GET", target: "/",
			inv:    &recorder{result: &compute.InvokeResult{ErrorType: "Unhandled", Payload: []byte(`{}`)}},
			called: true,
			want:   wantAnswer{502, urlHeaders("application/json", "21"), "Internal Server Error"},
		},
		{
			name: "furl_too_large", method: "POST", target: "/", body: bytes.Repeat([]byte("a"), FunctionURLBodyLimit+1),
			inv:  ok(`{}`),
			want: wantAnswer{413, urlHeaders("application/json", "38"), `{"message":"Request Entity Too Large"}`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := NewFunctionURLHandler(url, tc.inv, testOptions())
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request(tc.method, tc.target, tc.body, tc.header))
			checkAnswer(t, rec, tc.want)
			fn := ""
			if tc.called {
				fn = "bundled"
			}
			checkInvoked(t, tc.inv, fn, tc.name, tc.golden)
		})
	}
}
