package main

import (
	"net/http"
	"testing"
)

// The calls of examples/cdk/README.md's walk-through. examples/terraform is
// the same app written in Terraform, so both answer them identically.

// gifBase64 is the 1x1 GIF /pixel answers, as its handler holds it.
const gifBase64 = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

// exampleHTTPCalls are the HTTP API's routes (payload 2.0).
var exampleHTTPCalls = []call{
	{name: "hello with a name", path: "/hello?name=ann", status: 200, wantHeader: jsonCT,
		wantBody: `{"message":"hello, ann","routeKey":"GET /hello","layer":"ldk-greeting"}`},
	{name: "hello without a name", path: "/hello", status: 200, wantHeader: jsonCT,
		wantBody: `{"message":"hello, world","routeKey":"GET /hello","layer":"ldk-greeting"}`},
	{name: "repeated query keys are comma-joined", path: "/hello?name=ann&name=bob", status: 200,
		wantBody: `{"message":"hello, ann,bob","routeKey":"GET /hello","layer":"ldk-greeting"}`},
	{name: "no route for the method", method: http.MethodDelete, path: "/hello", status: 404,
		wantHeader: jsonCT, wantBody: `{"message":"Not Found"}`},
	{name: "create with two cookies", method: http.MethodPost, path: "/items",
		header: http.Header{"Content-Type": {"application/json"}}, body: []byte(`{"id":"7","name":"pen"}`),
		status: 201,
		wantHeader: withHeaders(jsonCT, http.Header{
			"Set-Cookie": {"session=ldk-example; Path=/; HttpOnly", "theme=dark; Path=/"},
		}),
		wantBody: `{"created":{"id":"7","name":"pen"}}`},
	{name: "binary request body travels base64", method: http.MethodPost, path: "/items",
		header: http.Header{"Content-Type": {"application/octet-stream"}}, body: []byte(`{"id":"8"}`),
		status: 201, wantBody: `{"created":{"id":"8"}}`},
	{name: "create rejects a body that is not JSON", method: http.MethodPost, path: "/items",
		header: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, body: []byte("not json"),
		status: 400, wantHeader: withHeaders(jsonCT, http.Header{"Set-Cookie": nil}),
		wantBody: `{"error":"body must be JSON"}`},
	{name: "path parameter", path: "/items/42", status: 200, wantHeader: jsonCT,
		wantBody: `{"id":"42","table":"ldk-example-items"}`},
	{name: "result without statusCode is a JSON 200", path: "/config", status: 200, wantHeader: jsonCT,
		wantBody: `{"table":"ldk-example-items",` +
			`"queueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/LdkExample-OrdersQueue3DFA1D51",` +
			`"itemsFunction":"LdkExample-GetItemFn485F5506","greeting":"hi"}`},
	{name: "function error", path: "/boom", status: 500, wantHeader: jsonCT,
		wantBody: `{"message":"Internal Server Error"}`},
	{name: "within the timeout", path: "/slow?ms=10", status: 200, wantBody: `{"sleptMs":10}`},
	{name: "timeout", path: "/slow?ms=3000", status: 500, wantHeader: jsonCT,
		wantBody: `{"message":"Internal Server Error"}`},
	{name: "binary response body", path: "/pixel", status: 200,
		wantHeader: http.Header{"Content-Type": {"image/gif"}, "Content-Length": {"42"}},
		bodyBase64: gifBase64},
	{name: "unknown route", path: "/items", status: 404, wantHeader: jsonCT,
		wantBody: `{"message":"Not Found"}`},
	{name: "unknown path", path: "/nowhere/at/all", status: 404, wantBody: `{"message":"Not Found"}`},
}

// missingToken is what a REST API answers for a request no route takes.
var missingToken = call{status: 403,
	wantHeader: withHeaders(jsonCT, http.Header{"X-Amzn-Errortype": {"MissingAuthenticationTokenException"}}),
	wantBody:   `{"message":"Missing Authentication Token"}`}

// restMissing is missingToken for one request.
func restMissing(name, method, path string) call {
	c := missingToken
	c.name, c.method, c.path = name, method, path
	return c
}

// exampleRESTCalls are the REST API's routes (payload 1.0), the same at the
// root and under the stage.
var exampleRESTCalls = []call{
	{name: "status with a header sent twice", path: "/status", status: 200,
		wantHeader: withHeaders(jsonCT, http.Header{"X-Ldk-Check": {"a", "b"}}),
		wantBody: `{"function":"LdkExample-StatusFn561E8298","memory":"256","path":"/status",` +
			`"resource":"/status","stage":"dev","status":"ok"}`},
	{name: "last query value wins, all values kept", path: "/search?tag=a&tag=b&q=x", status: 200,
		wantBody: `{"multi":{"q":["x"],"tag":["a","b"]},"single":{"q":"x","tag":"b"}}`},
	{name: "no query is null", path: "/search", status: 200, wantBody: `{"multi":null,"single":null}`},
	{name: "greedy proxy", path: "/proxy/a/b/c", status: 200, wantHeader: jsonCT,
		wantBody: `{"path":"/proxy/a/b/c","resource":"/proxy/{proxy+}","proxy":"a/b/c","httpMethod":"GET"}`},
	{name: "ANY takes DELETE", method: http.MethodDelete, path: "/proxy/x", status: 200,
		wantBody: `{"path":"/proxy/x","resource":"/proxy/{proxy+}","proxy":"x","httpMethod":"DELETE"}`},
	restMissing("proxy does not match its bare parent", http.MethodGet, "/proxy"),
	restMissing("no POST on status", http.MethodPost, "/status"),
	restMissing("unknown path", http.MethodGet, "/nowhere"),
}

// runExample checks every answer of the example app on one ldk dev.
func runExample(t *testing.T, d *devServer) {
	httpAPI := d.apiURL(t, "/hello")
	restAPI := d.apiURL(t, "/status")
	t.Run("http-api", func(t *testing.T) {
		t.Parallel()
		runCalls(t, httpAPI, exampleHTTPCalls)
	})
	t.Run("rest-root", func(t *testing.T) {
		t.Parallel()
		runCalls(t, restAPI, exampleRESTCalls)
	})
	t.Run("rest-stage", func(t *testing.T) {
		t.Parallel()
		runCalls(t, restAPI+"/dev", exampleRESTCalls)
	})
	t.Run("function-url-warm-state", func(t *testing.T) {
		t.Parallel()
		// Sequential on purpose: one warm worker counts 1, 2, 3.
		base := d.functionURL(t, "ldk-example-counter")
		for _, c := range []call{
			{path: "/any/path", status: 200, wantHeader: jsonCT,
				wantBody: `{"count":1,"method":"GET","path":"/any/path","routeKey":"$default"}`},
			{path: "/any/path", status: 200,
				wantBody: `{"count":2,"method":"GET","path":"/any/path","routeKey":"$default"}`},
			{method: http.MethodPost, path: "/x", body: []byte("{}"), status: 200,
				wantBody: `{"count":3,"method":"POST","path":"/x","routeKey":"$default"}`},
		} {
			c.do(t, base)
		}
	})
	t.Run("invoke-api", func(t *testing.T) {
		t.Parallel()
		runExampleInvokeAPI(t, d)
	})
}

// TestDevExample serves examples/cdk and its Terraform twin and calls
// every route of the README's walk-through on each.
func TestDevExample(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"cdk", []string{"--project-dir", repoPath("examples", "cdk")}},
		{"terraform", []string{"--tf", repoPath("examples", "terraform")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runExample(t, startDev(t, tc.args...))
		})
	}
}
