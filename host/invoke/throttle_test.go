package invoke_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/ldkdev/ldk/compute/computetest"
	"github.com/ldkdev/ldk/host/invoke"
)

func TestConcurrencyCap(t *testing.T) {
	tests := []struct {
		name     string
		cfg      invoke.Config
		function string
		limit    int
		reserved bool
	}{
		{name: "reserved concurrency", function: "orders-get", limit: 2, reserved: true},
		{name: "default of 10", function: "orders-create", limit: 10},
		{name: "configured default", cfg: invoke.Config{DefaultConcurrency: 3}, function: "orders-create", limit: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, tt.cfg)
			e.primeLogs(t, tt.function)

			// Fill every slot with an invocation that blocks until
			// released, and wait until the backend runs each.
			ctx, release := context.WithCancel(context.Background())
			done := make(chan error, tt.limit)
			for i := 0; i < tt.limit; i++ {
				id := fmt.Sprintf("held-%d", i)
				go func() {
					_, err := e.d.Invoke(ctx, invoke.Request{Function: tt.function, RequestID: id,
						Payload: []byte(computetest.PayloadBlock)})
					done <- err
				}()
				e.awaitInvoked(t, id)
			}

			_, err := e.d.Invoke(context.Background(), invoke.Request{Function: tt.function})
			var throttled *invoke.ThrottledError
			if !errors.As(err, &throttled) || !errors.Is(err, invoke.ErrThrottled) {
				t.Fatalf("invocation %d: got %v, want a *ThrottledError", tt.limit+1, err)
			}
			if diff := cmp.Diff(&invoke.ThrottledError{Function: tt.function, Limit: tt.limit, Reserved: tt.reserved}, throttled); diff != "" {
				t.Errorf("throttle (-want +got):\n%s", diff)
			}
			want := fmt.Sprintf("function %q is at its concurrency limit of %d", tt.function, tt.limit)
			if err.Error() != want {
				t.Errorf("got %q, want %q", err, want)
			}

			// Released slots serve again.
			release()
			for i := 0; i < tt.limit; i++ {
				if err := <-done; !errors.Is(err, context.Canceled) {
					t.Errorf("held invocation: got %v, want context.Canceled", err)
				}
			}
			if got := e.echo(t, invoke.Request{Function: tt.function, RequestID: "after"}); got.RequestID != "after" {
				t.Errorf("invocation after release ran %q", got.RequestID)
			}
		})
	}
}
