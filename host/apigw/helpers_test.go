package apigw

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

var update = flag.Bool("update", false, "rewrite the golden event files in testdata/")

// recorder is an invoke.Invoker that keeps the requests it gets and answers
// with a canned result or error. The thing under test is the handler around
// it, not the invoker.
type recorder struct {
	mu     sync.Mutex
	reqs   []invoke.Request
	result *compute.InvokeResult
	err    error
}

func (r *recorder) Invoke(_ context.Context, req invoke.Request) (*compute.InvokeResult, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, req)
	if r.err != nil {
		return nil, r.err
	}
	return r.result, nil
}

// ok returns a recorder answering with the given payload.
func ok(payload string) *recorder {
	return &recorder{result: &compute.InvokeResult{Payload: []byte(payload)}}
}

// testOptions fixes the clock and the request ids so events are stable.
func testOptions() Options {
	return Options{
		AccountID:    "111111111111",
		Region:       "eu-west-1",
		Now:          func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 678e6, time.UTC) },
		NewRequestID: func() string { return "c6af9ac6-7b61-11e6-9a41-93e8deadbeef" },
	}
}

// wantAnswer is an exact HTTP answer.
type wantAnswer struct {
	status int
	header http.Header
	body   string
}

// checkAnswer compares a recorded response with the expected one, headers
// included.
func checkAnswer(t *testing.T, rec *httptest.ResponseRecorder, want wantAnswer) {
	t.Helper()
	res := rec.Result()
	if res.StatusCode != want.status {
		t.Errorf("status = %d, want %d", res.StatusCode, want.status)
	}
	if diff := cmp.Diff(want.header, res.Header); diff != "" {
		t.Errorf("headers (-want +got):\n%s", diff)
	}
	if got := rec.Body.String(); got != want.body {
		t.Errorf("body = %q, want %q", got, want.body)
	}
}

// checkGolden compares the event a function got with testdata/<name>/event.json.
func checkGolden(t *testing.T, name string, event []byte) {
	t.Helper()
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, event, "", "  "); err != nil {
		t.Fatalf("event is not JSON: %v\n%s", err, event)
	}
	pretty.WriteByte('\n')

	path := filepath.Join("testdata", name, "event.json")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}

	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), pretty.String()); diff != "" {
		t.Errorf("event differs from %s (-want +got):\n%s", path, diff)
	}
}

// request builds a request from a client on 127.0.0.1.
func request(method, target string, body []byte, header http.Header) *http.Request {
	r := httptest.NewRequest(method, target, bytes.NewReader(body))
	r.RemoteAddr = "127.0.0.1:50123"
	r.Host = "127.0.0.1:3000"
	for k, vs := range header {
		r.Header[k] = vs
	}
	if header.Get("User-Agent") == "" {
		r.Header.Set("User-Agent", "curl/8.5.0")
	}
	return r
}
