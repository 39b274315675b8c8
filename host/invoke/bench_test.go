package invoke_test

import (
	"context"
	"testing"

	"github.com/ldkdev/ldk/host/invoke"
)

// BenchmarkDispatch measures one warm invocation through the Dispatcher,
// the plugin manager and a real plugin process (the test backend, which
// runs no function code): the host's whole overhead per invocation.
func BenchmarkDispatch(b *testing.B) {
	e := newEnv(b, invoke.Config{})
	req := invoke.Request{Function: "orders-get", Payload: []byte(`{"hello":"world"}`)}
	ctx := context.Background()
	if _, err := e.d.Invoke(ctx, req); err != nil {
		b.Fatalf("Invoke: %v", err)
	}

	b.ResetTimer()
	for b.Loop() {
		if _, err := e.d.Invoke(ctx, req); err != nil {
			b.Fatalf("Invoke: %v", err)
		}
	}
}
