package apigw

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/appmodel"
)

// TestUnservedRoutes checks that a route whose integration ldk does not run
// still wins the match it would win on AWS, and answers with the gateway's
// own 500 instead of reaching a less specific route's function.
func TestUnservedRoutes(t *testing.T) {
	t.Parallel()
	httpRoutes := []appmodel.Route{
		{API: "OrdersApi", Kind: appmodel.KindHTTP, Method: "GET", Path: "/ext", Integration: "HTTP_PROXY"},
		{API: "OrdersApi", Kind: appmodel.KindHTTP, Method: "ANY", Path: "$default", Function: "fallback", PayloadVersion: appmodel.Payload20},
	}
	restRoutes := []appmodel.Route{
		{API: "ShopApi", Kind: appmodel.KindREST, Method: "GET", Path: "/mock", Integration: "MOCK"},
		{API: "ShopApi", Kind: appmodel.KindREST, Method: "OPTIONS", Path: "/mock", Integration: "MOCK", Mock: &appmodel.MockResponse{
			Status: 204, Headers: map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "OPTIONS,GET"},
		}},
		{API: "ShopApi", Kind: appmodel.KindREST, Method: "GET", Path: "/teapot", Integration: "MOCK", Mock: &appmodel.MockResponse{
			Status: 418, Headers: map[string]string{"Content-Type": "text/plain"}, Body: "short and stout",
		}},
		{API: "ShopApi", Kind: appmodel.KindREST, Method: "ANY", Path: "/{proxy+}", Function: "fallback", PayloadVersion: appmodel.Payload10},
	}
	tests := []struct {
		name     string
		api      appmodel.API
		routes   []appmodel.Route
		method   string
		target   string
		function string // the function invoked, "" for none
		want     wantAnswer
		log      []string
	}{
		{
			name: "http_unserved_route_wins_over_default", api: ordersAPI, routes: httpRoutes,
			method: "GET", target: "/ext",
			want: wantAnswer{500, httpHeaders("application/json", "35"), `{"message":"Internal Server Error"}`},
			log:  []string{"[WARN]", "route not served", "api=OrdersApi", `route="GET /ext"`, "integration=HTTP_PROXY"},
		},
		{
			name: "http_other_method_reaches_default", api: ordersAPI, routes: httpRoutes,
			method: "POST", target: "/ext", function: "fallback",
			want: wantAnswer{200, httpHeaders("application/json", "2"), "ok"},
		},
		{
			name: "rest_mock_method_wins_over_greedy", api: shopAPI, routes: restRoutes,
			method: "GET", target: "/prod/mock",
			want: wantAnswer{500, restHeaders("application/json", "36", "X-Amzn-Errortype", "InternalServerErrorException"),
				`{"message": "Internal server error"}`},
			log: []string{"[WARN]", "route not served", "api=ShopApi", `route="GET /mock"`, "integration=MOCK"},
		},
		{
			name: "rest_mock_cors_preflight", api: shopAPI, routes: restRoutes,
			method: "OPTIONS", target: "/prod/mock",
			want: wantAnswer{204, http.Header{
				"Access-Control-Allow-Origin":  {"*"},
				"Access-Control-Allow-Methods": {"OPTIONS,GET"},
				"Content-Type":                 {"application/json"},
				"X-Amzn-Requestid":             {"c6af9ac6-7b61-11e6-9a41-93e8deadbeef"},
				"X-Amz-Apigw-Id":               {"TNlOGRlYWRiZWVm="},
			}, ""},
		},
		{
			name: "rest_mock_with_body", api: shopAPI, routes: restRoutes,
			method: "GET", target: "/prod/teapot",
			want: wantAnswer{418, restHeaders("text/plain", "15"), "short and stout"},
		},
		{
			name: "rest_other_path_reaches_greedy", api: shopAPI, routes: restRoutes,
			method: "GET", target: "/prod/mock/1", function: "fallback",
			want: wantAnswer{200, restHeaders("application/json", "2"), "ok"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf syncBuffer
			opts := testOptions()
			opts.Logger = hclog.New(&hclog.LoggerOptions{Output: &buf, Level: hclog.Info})
			inv := ok(`{"statusCode":200,"body":"ok"}`)
			h, err := NewAPIHandler(tc.api, tc.routes, inv, opts)
			if err != nil {
				t.Fatal(err)
			}

			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request(tc.method, tc.target, nil, nil))
			checkAnswer(t, rec, tc.want)

			var got string
			if len(inv.reqs) > 0 {
				got = inv.reqs[0].Function
			}
			if len(inv.reqs) > 1 || got != tc.function {
				t.Errorf("invoked %d times, function %q; want %q", len(inv.reqs), got, tc.function)
			}
			line := buf.String()
			if len(tc.log) == 0 {
				if line != "" {
					t.Errorf("unexpected log:\n%s", line)
				}
				return
			}
			if strings.Count(line, "\n") != 1 {
				t.Fatalf("want one log line, got:\n%s", line)
			}
			for _, w := range tc.log {
				if !strings.Contains(line, w) {
					t.Errorf("log line lacks %q:\n%s", w, line)
				}
			}
		})
	}
}
