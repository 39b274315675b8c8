package main

import (
	"net/http"
	"syscall"
	"testing"
)

// ldk dev --tf on the shared Terraform fixture; examples/terraform is
// served by TestDevExample with the calls of its CDK twin.

var tfHTTPCalls = []call{
	{name: "README answer", path: "/hello?name=ann", status: 200, wantHeader: jsonCT,
		wantBody: `{"hello":"ann","stage":"dev","table":"shop-dev-users","route":"GET /hello"}`},
	{name: "no query", path: "/hello", status: 200,
		wantBody: `{"hello":"world","stage":"dev","table":"shop-dev-users","route":"GET /hello"}`},
	{name: "module function, GET", path: "/users/5", status: 200,
		wantBody: `{"id": "5", "method": "GET", "body": null, "stage": "dev"}`},
	{name: "module function, PUT with a body", method: http.MethodPut, path: "/users/5",
		header: http.Header{"Content-Type": {"application/json"}}, body: []byte(`{"a":1}`), status: 202,
		wantBody: `{"id": "5", "method": "PUT", "body": {"a": 1}, "stage": "dev"}`},
	{name: "no route for the method", method: http.MethodPost, path: "/users/5", status: 404,
		wantHeader: jsonCT, wantBody: `{"message":"Not Found"}`},
	{name: "unknown route", path: "/users", status: 404, wantBody: `{"message":"Not Found"}`},
}

var tfURLCalls = []call{
	{name: "any path is $default", path: "/x/y?name=bo", status: 200, wantHeader: jsonCT,
		wantBody: `{"hello":"bo","stage":"dev","table":"shop-dev-users","route":"$default"}`},
	{name: "any method", method: http.MethodPost, path: "/", body: []byte("{}"), status: 200,
		wantBody: `{"hello":"world","stage":"dev","table":"shop-dev-users","route":"$default"}`},
}

// TestDevTerraformFixture serves ../shared/fixtures/tf/http-api, and is
// stopped with SIGTERM rather than Ctrl-C.
func TestDevTerraformFixture(t *testing.T) {
	t.Parallel()
	d := startDev(t, "--tf", sharedFixture(t, "tf", "http-api"))
	d.stopSignal = syscall.SIGTERM
	api := d.apiURL(t, "/hello")
	furl := d.functionURL(t, "shop-dev-hello")
	t.Run("http-api", func(t *testing.T) {
		t.Parallel()
		runCalls(t, api, tfHTTPCalls)
	})
	t.Run("function-url", func(t *testing.T) {
		t.Parallel()
		runCalls(t, furl, tfURLCalls)
	})
}
