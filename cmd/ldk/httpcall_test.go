package main

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// call is one HTTP request to a listener of ldk dev and the answer it must
// get.
type call struct {
	name   string
	method string
	// path is appended to the listener's base URL; it carries the query.
	path   string
	header http.Header
	body   []byte

	status int
	// wantHeader lists headers whose values must be exactly these (in
	// order); a nil slice means the header must be absent.
	wantHeader http.Header
	// Exactly one of body, bodyRE and bodyBase64 is checked: the body as
	// text, a regexp the whole body must match, or the body's base64.
	wantBody   string
	bodyRE     string
	bodyBase64 string
}

// e2eClient is the plain client of the tests: no proxy from the
// environment, no redirects followed, no cookie jar.
var e2eClient = &http.Client{
	Transport: &http.Transport{Proxy: nil},
	CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	},
}

// do sends c to base and checks the answer.
func (c call) do(t *testing.T, base string) {
	t.Helper()
	method := c.method
	if method == "" {
		method = http.MethodGet
	}
	req, err := http.NewRequest(method, base+c.path, bytes.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range c.header {
		req.Header[k] = vs
	}
	resp, err := e2eClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, c.path, err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, c.path, err)
	}

	if resp.StatusCode != c.status {
		t.Errorf("%s %s: status %d, want %d (body %q)", method, c.path, resp.StatusCode, c.status, got)
	}
	for k, want := range c.wantHeader {
		if diff := cmp.Diff(want, resp.Header.Values(k)); diff != "" {
			t.Errorf("%s %s: header %s (-want +got):\n%s", method, c.path, k, diff)
		}
	}
	switch {
	case c.bodyRE != "":
		if !regexp.MustCompile(`\A(?:` + c.bodyRE + `)\z`).Match(got) {
			t.Errorf("%s %s: body %q does not match %s", method, c.path, got, c.bodyRE)
		}
	case c.bodyBase64 != "":
		if b := base64.StdEncoding.EncodeToString(got); b != c.bodyBase64 {
			t.Errorf("%s %s: body (base64) %s, want %s", method, c.path, b, c.bodyBase64)
		}
	default:
		if string(got) != c.wantBody {
			t.Errorf("%s %s: body\n got %s\nwant %s", method, c.path, got, c.wantBody)
		}
	}
}

// runCalls runs each call as a parallel subtest against base.
func runCalls(t *testing.T, base string, calls []call) {
	t.Helper()
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.do(t, base)
		})
	}
}

// jsonCT is the content type header of a JSON answer.
var jsonCT = http.Header{"Content-Type": {"application/json"}}

// withHeaders merges header sets for a call's expectations.
func withHeaders(hs ...http.Header) http.Header {
	out := http.Header{}
	for _, h := range hs {
		for k, v := range h {
			out[k] = v
		}
	}
	return out
}
