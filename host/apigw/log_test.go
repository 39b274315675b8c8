package apigw

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
)

// syncBuffer is a bytes.Buffer safe for the logger's writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestFailuresAreLogged(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		inv  *recorder
		// want are fragments the one log line must contain.
		want []string
	}{
		{"function error", &recorder{result: &compute.InvokeResult{ErrorType: "Unhandled", Payload: []byte(`{"errorMessage":"boom"}`)}},
			[]string{"[ERROR]", "function failed", "api=OrdersApi", "function=orders-get", "error_type=Unhandled", `boom`}},
		{"malformed response", ok(`{"statusCode":"abc"}`),
			[]string{"[ERROR]", "function returned a response the gateway cannot send", "function=orders-get", `statusCode \"abc\" is not an HTTP status`}},
		{"no result", &recorder{},
			[]string{"[ERROR]", "invoking function", "function=orders-get", "the invoker returned no result"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var buf syncBuffer
			opts := testOptions()
			opts.Logger = hclog.New(&hclog.LoggerOptions{Output: &buf, Level: hclog.Debug})
			h, err := NewAPIHandler(ordersAPI, ordersRoutes(), tc.inv, opts)
			if err != nil {
				t.Fatal(err)
			}

			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request("GET", "/orders/1", nil, nil))
			if rec.Code != 500 {
				t.Fatalf("status %d, want 500", rec.Code)
			}
			line := buf.String()
			if strings.Count(line, "\n") != 1 {
				t.Fatalf("want one log line, got:\n%s", line)
			}
			for _, w := range tc.want {
				if !strings.Contains(line, w) {
					t.Errorf("log line lacks %q:\n%s", w, line)
				}
			}
		})
	}
}
