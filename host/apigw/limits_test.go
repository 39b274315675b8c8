package apigw

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
)

// TestEventSizeLimit checks that a request whose event would exceed the
// 6 MB a function accepts is refused with 413 before any function runs,
// even when its body is under the body limit.
func TestEventSizeLimit(t *testing.T) {
	t.Parallel()
	text := http.Header{"Content-Type": {"text/plain"}}
	binary := http.Header{"Content-Type": {"application/octet-stream"}}
	url := appmodel.FunctionURL{Function: "files", AuthType: "NONE"}

	tests := []struct {
		name    string
		handler func(t *testing.T, inv *recorder) http.Handler
		method  string
		target  string
		body    []byte
		header  http.Header
		want    int
		wantMsg string
	}{
		{
			name: "http api text at the event limit", handler: httpAPI, method: "POST", target: "/orders",
			body: bytes.Repeat([]byte("a"), MaxEventBytes), header: text,
			want: 413, wantMsg: `{"message":"Request Entity Too Large"}`,
		},
		{
			name: "http api binary grown by base64", handler: httpAPI, method: "POST", target: "/orders",
			body: bytes.Repeat([]byte{0xff}, 5<<20), header: binary,
			want: 413, wantMsg: `{"message":"Request Entity Too Large"}`,
		},
		{
			name: "http api body over the body limit", handler: httpAPI, method: "POST", target: "/orders",
			body: bytes.Repeat([]byte("a"), DefaultBodyLimit+1), header: text,
			want: 413, wantMsg: `{"message":"Request Entity Too Large"}`,
		},
		{
			name: "http api body well under", handler: httpAPI, method: "POST", target: "/orders",
			body: bytes.Repeat([]byte("a"), 4<<20), header: text,
			want: 200, wantMsg: `{}`,
		},
		{
			name: "rest binary grown by base64", handler: restAPI, method: "POST", target: "/prod/users/7",
			body: bytes.Repeat([]byte{0xff}, 5<<20), header: binary,
			want: 413, wantMsg: "HTTP content length exceeded 10485760 bytes.",
		},
		{
			name:    "function url binary grown by base64",
			handler: func(_ *testing.T, inv *recorder) http.Handler { return NewFunctionURLHandler(url, inv, testOptions()) },
			method:  "PUT", target: "/upload", body: bytes.Repeat([]byte{0xff}, 5<<20), header: binary,
			want: 413, wantMsg: `{"message":"Request Entity Too Large"}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			inv := ok(`{}`)
			rec := httptest.NewRecorder()
			tc.handler(t, inv).ServeHTTP(rec, request(tc.method, tc.target, tc.body, tc.header))

			if rec.Code != tc.want || rec.Body.String() != tc.wantMsg {
				t.Errorf("answer %d %q, want %d %q", rec.Code, rec.Body.String(), tc.want, tc.wantMsg)
			}
			invoked := len(inv.reqs)
			if tc.want == 413 && invoked != 0 {
				t.Errorf("the function ran %d times for a refused request", invoked)
			}
			if tc.want == 200 && invoked != 1 {
				t.Errorf("the function ran %d times, want once", invoked)
			}
		})
	}
}

func httpAPI(t *testing.T, inv *recorder) http.Handler {
	h, err := NewAPIHandler(ordersAPI, ordersRoutes(), inv, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func restAPI(t *testing.T, inv *recorder) http.Handler {
	h, err := NewAPIHandler(shopAPI, shopRoutes(), inv, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	return h
}
