package main

import (
	"net/http"
	"testing"
)

// The shared CDK fixtures served by ldk dev; their README gives the
// expected answers, their handlers the rest.

// uuidRE matches a random (version 4) UUID as node's crypto.randomUUID
// writes it.
const uuidRE = `[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`

var ordersCalls = []call{
	{name: "path parameter and repeated query keys", path: "/orders/42?x=1&x=2", status: 200,
		wantBody: `{"id":"42","routeKey":"GET /orders/{id}","q":{"x":"1,2"},"version":"2.0"}`},
	{name: "no query is null", path: "/orders/abc", status: 200,
		wantBody: `{"id":"abc","routeKey":"GET /orders/{id}","q":null,"version":"2.0"}`},
	{name: "create with a generated id", method: http.MethodPost, path: "/orders",
		header: http.Header{"Content-Type": {"application/json"}},
		body:   []byte(`{"customer":"ann","items":[1,2]}`), status: 201, wantHeader: jsonCT,
		bodyRE: `\{"id":"` + uuidRE + `","customer":"ann","items":\[1,2\],"table":"OrdersStack-OrdersA9B65338",` +
			`"greeting":"hello","fn":"OrdersStack-CreateOrder18B1EE4A","remaining":true\}`},
	{name: "unknown route", path: "/orders", status: 404, wantHeader: jsonCT, wantBody: `{"message":"Not Found"}`},
	{name: "no route for the method", method: http.MethodDelete, path: "/orders/42", status: 404,
		wantBody: `{"message":"Not Found"}`},
}

var shopCalls = []call{
	{name: "layer and two cookies", path: "/items", status: 200,
		wantHeader: withHeaders(jsonCT, http.Header{"Set-Cookie": {"a=1", "b=2"}, "X-Item": {"all"}}),
		wantBody: `{"msg":"hello from layer (dev)","id":null,"resource":"/items","path":"/items",` +
			`"stage":"prod","mv":null}`},
	{name: "path parameter and multi-value query", path: "/items/7?a=1&a=2", status: 200,
		wantHeader: http.Header{"Set-Cookie": {"a=1", "b=2"}, "X-Item": {"7"}},
		wantBody: `{"msg":"hello from layer (dev)","id":"7","resource":"/items/{itemId}","path":"/items/7",` +
			`"stage":"prod","mv":{"a":["1","2"]}}`},
	{name: "python package handler with a layer", method: http.MethodPut, path: "/users/u1", status: 200,
		wantHeader: jsonCT,
		wantBody:   `{"user": "u1", "method": "PUT", "shout": "HI!", "remaining_ok": true}`},
	{name: "inline code", path: "/inline", status: 200, wantBody: "inline ok"},
	{name: "ES module handler", method: http.MethodPost, path: "/hello", body: []byte("hi there"),
		header: http.Header{"Content-Type": {"text/plain"}}, status: 200,
		wantBody: `{"esm":true,"echo":"hi there"}`},
	{name: "bundled function under a greedy proxy", path: "/files/x/y.txt", status: 200,
		wantBody: `{"file":"y.txt","kind":"v1"}`},
	restMissing("proxy does not match its bare parent", http.MethodGet, "/files"),
	restMissing("no GET on hello", http.MethodGet, "/hello"),
	restMissing("unknown path", http.MethodGet, "/nowhere"),
}

var proxyAPICalls = []call{
	{name: "ANY on the root", path: "/", status: 200, wantBody: `{"esm":true,"echo":null}`},
	{name: "ANY on a greedy path", method: http.MethodPatch, path: "/a/b", body: []byte("x"),
		header: http.Header{"Content-Type": {"text/plain"}}, status: 200, wantBody: `{"esm":true,"echo":"x"}`},
	{name: "binary body decoded by the handler", method: http.MethodPost, path: "/bin",
		body: []byte{0xff, 0xfe, 'o', 'k'}, header: http.Header{"Content-Type": {"application/octet-stream"}},
		status: 200, wantBody: "{\"esm\":true,\"echo\":\"\ufffd\ufffdok\"}"},
}

var bundledURLCalls = []call{
	{name: "any path", path: "/a/b.png", status: 200, wantBody: `{"file":"b.png","kind":"2.0"}`},
	{name: "any method", method: http.MethodDelete, path: "/c.txt", status: 200, wantBody: `{"file":"c.txt","kind":"2.0"}`},
}

// TestDevFixtures serves each shared CDK fixture and calls its routes.
func TestDevFixtures(t *testing.T) {
	t.Parallel()
	t.Run("orders-http", func(t *testing.T) {
		t.Parallel()
		d := startDev(t, "--project-dir", sharedFixture(t, "cdk", "orders-http"))
		runCalls(t, d.apiURL(t, "/orders"), ordersCalls)
	})
	t.Run("rest-layers", func(t *testing.T) {
		t.Parallel()
		d := startDev(t, "--project-dir", sharedFixture(t, "cdk", "rest-layers"))
		shop := d.apiURL(t, "/items")
		proxy := d.apiURL(t, "/{proxy+}")
		furl := d.functionURL(t, "RestStack-BundledFnF793AEF8")
		t.Run("shop-root", func(t *testing.T) { t.Parallel(); runCalls(t, shop, shopCalls) })
		t.Run("shop-stage", func(t *testing.T) { t.Parallel(); runCalls(t, shop+"/prod", shopCalls) })
		t.Run("proxy-root", func(t *testing.T) { t.Parallel(); runCalls(t, proxy, proxyAPICalls) })
		t.Run("proxy-stage", func(t *testing.T) { t.Parallel(); runCalls(t, proxy+"/prod", proxyAPICalls) })
		t.Run("function-url", func(t *testing.T) { t.Parallel(); runCalls(t, furl, bundledURLCalls) })
	})
}
