package apigw

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

var shopAPI = appmodel.API{
	Name: "ShopApi", Kind: appmodel.KindREST, ID: "abc123defg", Stage: "prod",
	StageVariables: map[string]string{"env": "dev"},
}

func shopRoutes() []appmodel.Route {
	r := func(method, path, fn string) appmodel.Route {
		return appmodel.Route{API: "ShopApi", Kind: appmodel.KindREST, Method: method, Path: path, Function: fn, PayloadVersion: appmodel.Payload10}
	}
	return []appmodel.Route{
		r("GET", "/items", "items"),
		r("GET", "/items/{itemId}", "item"),
		r("GET", "/items/special", "special"),
		r("ANY", "/users/{userId}", "users"),
		r("ANY", "/files/{proxy+}", "files"),
		r("POST", "/upload", "upload"),
		r("GET", "/", "root"),
	}
}

// restHeaders are the headers of a REST answer from a function.
func restHeaders(contentType string, length string, extra ...string) http.Header {
	h := http.Header{
		"Content-Type":     {contentType},
		"X-Amzn-Requestid": {"c6af9ac6-7b61-11e6-9a41-93e8deadbeef"},
		"X-Amz-Apigw-Id":   {"TNlOGRlYWRiZWVm="},
	}
	if length != "" {
		h["Content-Length"] = []string{length}
	}
	for i := 0; i+1 < len(extra); i += 2 {
		h[extra[i]] = append(h[extra[i]], extra[i+1])
	}
	return h
}

func TestRESTAPI(t *testing.T) {
	t.Parallel()
	okResult := `{"statusCode":200,"headers":{"Content-Type":"text/plain"},"multiValueHeaders":{"Set-Cookie":["a=1; Path=/","b=2"]},"body":"ok"}`
	tests := []struct {
		name   string
		method string
		target string
		header http.Header
		body   []byte
		inv    *recorder
		// function is the function that must be invoked; "" when none.
		function string
		golden   bool
		want     wantAnswer
	}{
		{
			name: "rest_stage_prefix_query_cookies", method: "GET", target: "/prod/items?x=1&x=2&y=a%20b",
			header:   http.Header{"X-Multi": {"one", "two"}, "Cookie": {"s=1; t=2"}},
			inv:      ok(okResult),
			function: "items", golden: true,
			want: wantAnswer{200, restHeaders("text/plain", "2", "Set-Cookie", "a=1; Path=/", "Set-Cookie", "b=2"), "ok"},
		},
		{
			name: "rest_root_path_parameter", method: "GET", target: "/items/42",
			inv: ok(`{"statusCode":200,"body":"{\"id\":\"42\"}"}`), function: "item", golden: true,
			want: wantAnswer{200, restHeaders("application/json", "11"), `{"id":"42"}`},
		},
		{
			name: "rest_exact_beats_parameter", method: "GET", target: "/prod/items/special",
			inv: ok(`{"statusCode":204}`), function: "special",
			want: wantAnswer{204, restHeaders("application/json", ""), ""},
		},
		{
			name: "rest_greedy_proxy", method: "GET", target: "/files/a/b.png",
			inv: ok(`{"statusCode":200,"body":"x"}`), function: "files", golden: true,
			want: wantAnswer{200, restHeaders("application/json", "1"), "x"},
		},
		{
			name: "rest_greedy_bare_parent", method: "GET", target: "/prod/files",
			inv:  ok(`{}`),
			want: wantAnswer{403, restHeaders("application/json", "42", "X-Amzn-Errortype", "MissingAuthenticationTokenException"), `{"message":"Missing Authentication Token"}`},
		},
		{
			name: "rest_unknown_route", method: "GET", target: "/prod/nope",
			inv:  ok(`{}`),
			want: wantAnswer{403, restHeaders("application/json", "42", "X-Amzn-Errortype", "MissingAuthenticationTokenException"), `{"message":"Missing Authentication Token"}`},
		},
		{
			name: "rest_wrong_method", method: "DELETE", target: "/items",
			inv:  ok(`{}`),
			want: wantAnswer{403, restHeaders("application/json", "42", "X-Amzn-Errortype", "MissingAuthenticationTokenException"), `{"message":"Missing Authentication Token"}`},
		},
		{
			name: "rest_any_method", method: "DELETE", target: "/prod/users/7",
			inv: ok(`{"statusCode":"202","body":""}`), function: "users",
			want: wantAnswer{202, restHeaders("application/json", "0"), ""},
		},
		{
			name: "rest_binary_body", method: "POST", target: "/prod/upload",
			header: http.Header{"Content-Type": {"image/png"}}, body: []byte{0x89, 'P', 'N', 'G', 0, 1, 2, 0xff},
			inv:      ok(`{"statusCode":200,"headers":{"Content-Type":"image/png"},"body":"iVBORw==","isBase64Encoded":true}`),
			function: "upload", golden: true,
			want: wantAnswer{200, restHeaders("image/png", "4"), "\x89PNG"},
		},
		{
			name: "rest_form_body", method: "POST", target: "/prod/upload",
			header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, body: []byte("item=tea&qty=2"),
			inv: ok(`{"statusCode":200,"body":""}`), function: "upload", golden: true,
			want: wantAnswer{200, restHeaders("application/json", "0"), ""},
		},
		{
			name: "rest_text_body", method: "POST", target: "/upload",
			header: http.Header{"Content-Type": {"application/json"}}, body: []byte(`{"a":"é"}`),
			inv: ok(`{"statusCode":200,"body":""}`), function: "upload", golden: true,
			want: wantAnswer{200, restHeaders("application/json", "0"), ""},
		},
		{
			name: "rest_function_error", method: "GET", target: "/items",
			inv: &recorder{result: &compute.InvokeResult{ErrorType: "Unhandled", Payload: []byte(`{"errorType":"Error","errorMessage":"boom"}`)}}, function: "items",
			want: wantAnswer{502, restHeaders("application/json", "36", "X-Amzn-Errortype", "InternalServerErrorException"), `{"message": "Internal server error"}`},
		},
		{
			name: "rest_malformed_result", method: "GET", target: "/items",
			inv: ok(`"just a string"`), function: "items",
			want: wantAnswer{502, restHeaders("application/json", "36", "X-Amzn-Errortype", "InternalServerErrorException"), `{"message": "Internal server error"}`},
		},
		{
			name: "rest_body_not_a_string", method: "GET", target: "/items",
			inv: ok(`{"statusCode":200,"body":{"a":1}}`), function: "items",
			want: wantAnswer{502, restHeaders("application/json", "36", "X-Amzn-Errortype", "InternalServerErrorException"), `{"message": "Internal server error"}`},
		},
		{
			name: "rest_missing_status", method: "GET", target: "/items",
			inv: ok(`{"body":"x"}`), function: "items",
			want: wantAnswer{502, restHeaders("application/json", "36", "X-Amzn-Errortype", "InternalServerErrorException"), `{"message": "Internal server error"}`},
		},
		{
			name: "rest_response_above_6MB", method: "GET", target: "/items",
			inv: ok(`{"statusCode":200,"body":"` + strings.Repeat("a", maxResponse) + `"}`), function: "items",
			want: wantAnswer{502, restHeaders("application/json", "36", "X-Amzn-Errortype", "InternalServerErrorException"), `{"message": "Internal server error"}`},
		},
		{
			name: "rest_throttled", method: "GET", target: "/items",
			inv: &recorder{err: &invoke.ThrottledError{Function: "items", Limit: 1}}, function: "items",
			want: wantAnswer{429, restHeaders("application/json", "31", "X-Amzn-Errortype", "TooManyRequestsException"), `{"message":"Too Many Requests"}`},
		},
		{
			name: "rest_function_not_found", method: "GET", target: "/items",
			inv: &recorder{err: &invoke.NotFoundError{Function: "items"}}, function: "items",
			want: wantAnswer{502, restHeaders("application/json", "36", "X-Amzn-Errortype", "InternalServerErrorException"), `{"message": "Internal server error"}`},
		},
		{
			name: "rest_too_large", method: "POST", target: "/prod/upload",
			body: bytes.Repeat([]byte("a"), DefaultBodyLimit+1), inv: ok(`{}`),
			want: wantAnswer{413, restHeaders("application/json", "44"), "HTTP content length exceeded 10485760 bytes."},
		},
		{
			// Under the body limit, but the event exceeds the 6 MB a
			// function accepts: refused before the function runs.
			name: "rest_at_limit", method: "POST", target: "/prod/upload",
			body: bytes.Repeat([]byte("a"), DefaultBodyLimit), inv: ok(`{"statusCode":200}`),
			want: wantAnswer{413, restHeaders("application/json", "44"), "HTTP content length exceeded 10485760 bytes."},
		},
		{
			name: "rest_under_event_limit", method: "POST", target: "/prod/upload",
			body: bytes.Repeat([]byte("a"), 6<<20-4096), inv: ok(`{"statusCode":200}`), function: "upload",
			want: wantAnswer{200, restHeaders("application/json", "0"), ""},
		},
		{
			name: "rest_stage_root", method: "GET", target: "/prod",
			inv: ok(`{"statusCode":200,"body":"root"}`), function: "root", golden: true,
			want: wantAnswer{200, restHeaders("application/json", "4"), "root"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, err := NewAPIHandler(shopAPI, shopRoutes(), tc.inv, testOptions())
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

// checkInvoked asserts which function ran (none when function is "") and
// compares its event with the golden file when golden is set.
func checkInvoked(t *testing.T, inv *recorder, function, name string, golden bool) {
	t.Helper()
	if function == "" {
		if len(inv.reqs) != 0 {
			t.Fatalf("invoked %d times, want no invocation", len(inv.reqs))
		}
		return
	}
	if len(inv.reqs) != 1 {
		t.Fatalf("invoked %d times, want 1", len(inv.reqs))
	}
	if got := inv.reqs[0].Function; got != function {
		t.Errorf("invoked %q, want %q", got, function)
	}
	if golden {
		checkGolden(t, name, inv.reqs[0].Payload)
	}
}

func TestNewAPIHandlerRejectsBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		api     appmodel.API
		routes  []appmodel.Route
		wantErr string
	}{
		{"unknown kind", appmodel.API{Name: "A", Kind: "websocket"}, nil,
			`serving API "A": kind "websocket" is neither "http" nor "rest"`},
		{"mixed segment", appmodel.API{Name: "A", Kind: appmodel.KindHTTP},
			[]appmodel.Route{{API: "A", Method: "GET", Path: "/a/x{id}"}},
			`compiling route "GET /a/x{id}" of API "A": segment "x{id}" mixes text and a parameter; use a whole segment like {name}`},
		{"greedy not last", appmodel.API{Name: "A", Kind: appmodel.KindHTTP},
			[]appmodel.Route{{API: "A", Method: "GET", Path: "/{proxy+}/x"}},
			`compiling route "GET /{proxy+}/x" of API "A": greedy parameter {proxy+} must be the last segment`},
		{"relative path", appmodel.API{Name: "A", Kind: appmodel.KindHTTP},
			[]appmodel.Route{{API: "A", Method: "GET", Path: "a"}},
			`compiling route "GET a" of API "A": path must start with "/" or be "$default"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewAPIHandler(tc.api, tc.routes, ok(`{}`), Options{})
			if err == nil || err.Error() != tc.wantErr {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
		})
	}
}

func TestSetRoutesSwapsTable(t *testing.T) {
	t.Parallel()
	inv := ok(`{"statusCode":200,"body":"x"}`)
	h, err := NewAPIHandler(shopAPI, shopRoutes(), inv, testOptions())
	if err != nil {
		t.Fatal(err)
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, request("GET", "/prod/new", nil, nil))
	if rec.Code != 403 {
		t.Fatalf("before swap: status %d, want 403", rec.Code)
	}

	routes := append(shopRoutes(), appmodel.Route{API: "ShopApi", Method: "GET", Path: "/new", Function: "new"})
	if err := h.SetRoutes(routes); err != nil {
		t.Fatal(err)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, request("GET", "/prod/new", nil, nil))
	if rec.Code != 200 || inv.reqs[0].Function != "new" {
		t.Fatalf("after swap: status %d, function %q; want 200 and \"new\"", rec.Code, inv.reqs[0].Function)
	}

	bad := []appmodel.Route{{API: "ShopApi", Method: "GET", Path: "nope"}}
	if err := h.SetRoutes(bad); err == nil || !strings.Contains(err.Error(), "path must start") {
		t.Fatalf("SetRoutes(bad) = %v, want a path error", err)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, request("GET", "/prod/new", nil, nil))
	if rec.Code != 200 {
		t.Fatalf("after a failed swap the old table must stay: status %d, want 200", rec.Code)
	}
}
