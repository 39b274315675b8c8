package apigw

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
)

// FuzzBuildEvent feeds arbitrary paths, queries, headers and bodies through
// routing and all three event builders, and the results through both
// response mappers. Every event must be valid JSON; nothing may panic.
func FuzzBuildEvent(f *testing.F) {
	f.Add("GET", "/items/42", "x=1&x=2", "Cookie", "a=1; b=2", []byte(`{"a":1}`))
	f.Add("POST", "/files/a/b.png", "q=%zz&&=", "Content-Type", "image/png", []byte{0xff, 0, 1})
	f.Add("DELETE", "/prod", "", "X-A", "", []byte(nil))
	f.Add("ANY", "//", "a=%20;b", "Cookie", ";;", []byte("\x00"))

	table, err := compileRoutes(append(shopRoutes(), appmodel.Route{Method: "ANY", Path: "$default", Function: "d"}))
	if err != nil {
		f.Fatal(err)
	}
	opts := testOptions().withDefaults("abc.example", DefaultBodyLimit)

	f.Fuzz(func(t *testing.T, method, path, query, hk, hv string, body []byte) {
		in := &incoming{
			method: method, path: path, rawPath: (&url.URL{Path: path}).EscapedPath(), rawQuery: query,
			header: http.Header{http.CanonicalHeaderKey(hk): {hv}}, body: body,
			sourceIP: "127.0.0.1", userAgent: hv, protocol: "HTTP/1.1", now: opts.Now(), requestID: "id",
		}
		m := table.find(method, path)
		if m == nil {
			t.Fatalf("the $default route must match %s %q", method, path)
		}

		for _, api := range []appmodel.API{shopAPI, ordersAPI} {
			ev, err := buildV1Event(in, v1Target{api: api, route: m.route, params: m.params, stagePath: "/prod" + path}, opts)
			checkEvent(t, ev, err)
		}
		ev, err := buildV2Event(in, v2Target{apiID: "a", stage: "$default", routeKey: m.route.routeKey, params: m.params}, opts)
		checkEvent(t, ev, err)

		for _, payload := range [][]byte{body, []byte(path), []byte(query)} {
			if a, err := mapV1Response(payload); err == nil && (a.status < 100 || a.status > 599) {
				t.Fatalf("v1 status %d out of range", a.status)
			}
			if a, err := mapV2Response(payload); err == nil && (a.status < 100 || a.status > 599) {
				t.Fatalf("v2 status %d out of range", a.status)
			}
		}
	})
}

func checkEvent(t *testing.T, ev []byte, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("building event: %v", err)
	}
	if !json.Valid(ev) {
		t.Fatalf("event is not JSON: %s", ev)
	}
	if !bytes.HasPrefix(ev, []byte("{")) {
		t.Fatalf("event is not an object: %s", ev)
	}
}
