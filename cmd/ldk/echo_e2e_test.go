package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The events the APIs build, as a real node function receives them:
// testdata/calls's echo function answers with the fields it got.

// port is the port of a base URL.
func port(t *testing.T, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	return u.Port()
}

// fill replaces {port} in the expected bodies.
func fill(calls []call, port string) []call {
	out := make([]call, len(calls))
	for i, c := range calls {
		c.wantBody = strings.ReplaceAll(c.wantBody, "{port}", port)
		out[i] = c
	}
	return out
}

// forwarded is what the API adds to every request's headers.
const forwarded = `"x-forwarded-for":"127.0.0.1","x-forwarded-port":"{port}","x-forwarded-proto":"http"`

var echoV2Calls = []call{
	{name: "query, cookies, repeated headers, text body", method: http.MethodPost,
		path:   "/echo/7?a=1&a=2&b=%20x",
		header: http.Header{"X-Multi": {"one", "two"}, "Cookie": {"s=1; t=2"}, "Content-Type": {"text/plain"}},
		body:   []byte("hello"), status: 200,
		wantBody: `{"version":"2.0","routeKey":"ANY /echo/{id}","rawPath":"/echo/7","rawQueryString":"a=1&a=2&b=%20x",` +
			`"cookies":["s=1","t=2"],"headers":{"content-type":"text/plain",` + forwarded + `,"x-multi":"one,two"},` +
			`"queryStringParameters":{"a":"1,2","b":" x"},"pathParameters":{"id":"7"},"method":"POST",` +
			`"contextPath":"/echo/7","stage":"$default","routeKeyInContext":"ANY /echo/{id}","body":"hello","isBase64Encoded":false}`},
	{name: "binary body in base64", method: http.MethodPut, path: "/echo/8",
		header: http.Header{"Content-Type": {"application/octet-stream"}}, body: []byte("\xff\x00bin"), status: 200,
		wantBody: `{"version":"2.0","routeKey":"ANY /echo/{id}","rawPath":"/echo/8","rawQueryString":"",` +
			`"headers":{"content-type":"application/octet-stream",` + forwarded + `},"pathParameters":{"id":"8"},` +
			`"method":"PUT","contextPath":"/echo/8","stage":"$default","routeKeyInContext":"ANY /echo/{id}",` +
			`"body":"/wBiaW4=","isBase64Encoded":true}`},
	{name: "body above 10 MB is refused", method: http.MethodPost, path: "/echo/10",
		body: bytes.Repeat([]byte("x"), 10<<20+1), status: 413, wantHeader: jsonCT,
		wantBody: `{"message":"Request Entity Too Large"}`},
	{name: "nothing to carry is omitted", path: "/echo/9", status: 200,
		wantBody: `{"version":"2.0","routeKey":"ANY /echo/{id}","rawPath":"/echo/9","rawQueryString":"",` +
			`"headers":{` + forwarded + `},"pathParameters":{"id":"9"},"method":"GET","contextPath":"/echo/9",` +
			`"stage":"$default","routeKeyInContext":"ANY /echo/{id}","isBase64Encoded":false}`},
}

var echoURLCalls = []call{
	{name: "any method and path, $default", method: http.MethodDelete, path: "/any/path?x=1&x=2",
		header: http.Header{"Cookie": {"a=1"}, "X-Multi": {"p", "q"}}, status: 200,
		wantBody: `{"version":"2.0","routeKey":"$default","rawPath":"/any/path","rawQueryString":"x=1&x=2",` +
			`"cookies":["a=1"],"headers":{` + forwarded + `,"x-multi":"p,q"},"queryStringParameters":{"x":"1,2"},` +
			`"method":"DELETE","contextPath":"/any/path","stage":"$default","routeKeyInContext":"$default",` +
			`"isBase64Encoded":false}`},
	{name: "body above 6 MB is refused", method: http.MethodPost, path: "/big",
		body: bytes.Repeat([]byte("x"), 6<<20+1), status: 413, wantHeader: jsonCT,
		wantBody: `{"message":"Request Entity Too Large"}`},
}

// echoHTTPV1Calls reach the echo through an HTTP API integration with
// payload format 1.0: the REST shape plus "version", lower-case headers.
var echoHTTPV1Calls = []call{
	{name: "payload 1.0 on an HTTP API", path: "/v1/echo/5?a=1&a=2",
		header: http.Header{"X-Multi": {"p", "q"}, "Cookie": {"c=1"}}, status: 200,
		wantBody: `{"hasVersion":true,"resource":"/v1/echo/{id}","path":"/v1/echo/5","httpMethod":"GET",` +
			`"headers":{"cookie":"c=1",` + forwarded + `,"x-multi":"q"},` +
			`"multiValueHeaders":{"cookie":["c=1"],"x-forwarded-for":["127.0.0.1"],"x-forwarded-port":["{port}"],` +
			`"x-forwarded-proto":["http"],"x-multi":["p","q"]},` +
			`"queryStringParameters":{"a":"2"},"multiValueQueryStringParameters":{"a":["1","2"]},` +
			`"pathParameters":{"id":"5"},"stageVariables":null,"resourcePath":"/v1/echo/{id}","contextPath":"/v1/echo/5",` +
			`"stage":"$default","body":null,"isBase64Encoded":false}`},
}

// forwardedV1 is forwarded in payload 1.0's header shapes.
const (
	forwardedV1      = `"X-Forwarded-For":"127.0.0.1","X-Forwarded-Port":"{port}","X-Forwarded-Proto":"http"`
	forwardedV1Multi = `"X-Forwarded-For":["127.0.0.1"],"X-Forwarded-Port":["{port}"],"X-Forwarded-Proto":["http"]`
)

// echoV1Calls are made at the root; contextPath carries the stage anyway.
var echoV1Calls = []call{
	{name: "query, cookie and repeated headers", path: "/echo?a=1&a=2&b=%20x",
		header: http.Header{"X-Multi": {"one", "two"}, "Cookie": {"s=1; t=2"}}, status: 200,
		wantBody: `{"hasVersion":false,"resource":"/echo","path":"/echo","httpMethod":"GET",` +
			`"headers":{"Cookie":"s=1; t=2",` + forwardedV1 + `,"X-Multi":"two"},` +
			`"multiValueHeaders":{"Cookie":["s=1; t=2"],` + forwardedV1Multi + `,"X-Multi":["one","two"]},` +
			`"queryStringParameters":{"a":"2","b":" x"},"multiValueQueryStringParameters":{"a":["1","2"],"b":[" x"]},` +
			`"pathParameters":null,"stageVariables":{"color":"blue"},"resourcePath":"/echo","contextPath":"/v1/echo",` +
			`"stage":"v1","body":null,"isBase64Encoded":false}`},
	{name: "absent values are null", path: "/echo", status: 200,
		wantBody: `{"hasVersion":false,"resource":"/echo","path":"/echo","httpMethod":"GET",` +
			`"headers":{` + forwardedV1 + `},"multiValueHeaders":{` + forwardedV1Multi + `},` +
			`"queryStringParameters":null,"multiValueQueryStringParameters":null,"pathParameters":null,` +
			`"stageVariables":{"color":"blue"},"resourcePath":"/echo","contextPath":"/v1/echo","stage":"v1",` +
			`"body":null,"isBase64Encoded":false}`},
}

// TestDevEvents checks the events of an HTTP API, a function URL and a
// REST API field by field, as the function sees them.
func TestDevEvents(t *testing.T) {
	t.Parallel()
	d := startDev(t, "--tf", "testdata/calls")
	httpAPI := d.apiURL(t, "/echo/{id}")
	restAPI := d.apiURL(t, "/echo")
	t.Run("payload-2.0", func(t *testing.T) {
		t.Parallel()
		runCalls(t, httpAPI, fill(echoV2Calls, port(t, httpAPI)))
	})
	t.Run("payload-1.0-on-http-api", func(t *testing.T) {
		t.Parallel()
		runCalls(t, httpAPI, fill(echoHTTPV1Calls, port(t, httpAPI)))
	})
	t.Run("function-url", func(t *testing.T) {
		t.Parallel()
		furl := d.functionURL(t, "calls-echo")
		runCalls(t, furl, fill(echoURLCalls, port(t, furl)))
	})
	t.Run("payload-1.0-root", func(t *testing.T) {
		t.Parallel()
		runCalls(t, restAPI, fill(echoV1Calls, port(t, restAPI)))
	})
	t.Run("payload-1.0-stage", func(t *testing.T) {
		t.Parallel()
		runCalls(t, restAPI+"/v1", fill(echoV1Calls, port(t, restAPI)))
	})
}
