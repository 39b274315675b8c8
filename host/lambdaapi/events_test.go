package lambdaapi

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// sendEvent posts one Event invocation of orders-get to h and checks the
// 202.
func sendEvent(t *testing.T, h *Handler) {
	t.Helper()

	r := httptest.NewRequest("POST", "/2015-03-31/functions/orders-get/invocations", strings.NewReader(`{"n":1}`))
	r.Header.Set("X-Amz-Invocation-Type", "Event")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 202 {
		t.Fatalf("status %d, want 202: %s", w.Code, w.Body)
	}
}

func TestEventRetriedWhileThrottled(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		throttled int // answers that are throttling before one runs
	}{
		{"runs at once", 0},
		{"throttled once", 1},
		{"throttled past the longest wait", 9},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			rec := &recorder{answer: func(invoke.Request) (*compute.InvokeResult, error) {
				if int(calls.Add(1)) <= tc.throttled {
					return nil, &invoke.ThrottledError{Function: "orders-get", Limit: 1}
				}
				return &compute.InvokeResult{Payload: []byte(`null`)}, nil
			}}
			h := NewHandler(rec, testFunctions(), Options{})
			sendEvent(t, h)

			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if err := h.Close(ctx); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if got, want := int(calls.Load()), tc.throttled+1; got != want {
				t.Errorf("%d invocations, want %d", got, want)
			}
			for _, req := range rec.requests() {
				if req.Function != "orders-get" || string(req.Payload) != `{"n":1}` {
					t.Errorf("invoked %s with %s", req.Function, req.Payload)
				}
			}
		})
	}
}

func TestEventThrottledForeverEndsAtClose(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: func(invoke.Request) (*compute.InvokeResult, error) {
		return nil, &invoke.ThrottledError{Function: "orders-get", Limit: 1}
	}}
	h := NewHandler(rec, testFunctions(), Options{})
	sendEvent(t, h)

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := h.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close: %v, want the deadline", err)
	}
	n := len(rec.requests())
	if n < 1 {
		t.Fatalf("the event was never tried")
	}
	time.Sleep(2 * eventRetryMax)
	if again := len(rec.requests()); again != n {
		t.Errorf("tried %d more times after Close", again-n)
	}
}

// TestCloseWithNothingQueued closes handlers that never took an Event
// invocation with a context already over, as a second Ctrl-C does: with
// nothing to cut, Close must not report that it cut something.
func TestCloseWithNothingQueued(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i := range 200 {
		h := NewHandler(&recorder{}, testFunctions(), Options{})
		if err := h.Close(ctx); err != nil {
			t.Fatalf("Close #%d with nothing queued: %v, want nil", i, err)
		}
	}
}
