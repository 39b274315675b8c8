package lambdaapi

import (
	"bytes"
	"context"
	"net/http/httptest"
	"testing"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// BenchmarkInvokeOverhead measures the Invoke API's own cost per call:
// parse, resolve an ARN, map the result. The invoker does nothing.
func BenchmarkInvokeOverhead(b *testing.B) {
	res := &compute.InvokeResult{Payload: []byte(`{"ok":true}`)}
	h := NewHandler(fixedInvoker{res}, testFunctions(), Options{AccountID: "123456789012", Region: "us-east-1"})
	b.Cleanup(func() { _ = h.Close(context.Background()) })
	body := []byte(`{"orderId":9,"items":["a","b"]}`)

	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aorders-get/invocations", bytes.NewReader(body))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != 200 {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}

// fixedInvoker answers every invocation at once with the same result.
type fixedInvoker struct{ res *compute.InvokeResult }

func (f fixedInvoker) Invoke(context.Context, invoke.Request) (*compute.InvokeResult, error) {
	return f.res, nil
}
