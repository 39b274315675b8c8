package apigw

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// trivialInvoker answers every invocation at once with the same result.
type trivialInvoker struct{ res *compute.InvokeResult }

func (t trivialInvoker) Invoke(context.Context, invoke.Request) (*compute.InvokeResult, error) {
	return t.res, nil
}

// BenchmarkHTTPAPIv2 measures the handler's own cost per request: route,
// build a payload 2.0 event, map the response. The invoker does nothing.
func BenchmarkHTTPAPIv2(b *testing.B) {
	inv := trivialInvoker{&compute.InvokeResult{Payload: []byte(`{"statusCode":200,"headers":{"content-type":"application/json"},"cookies":["a=1"],"body":"{\"id\":\"42\"}"}`)}}
	h, err := NewAPIHandler(ordersAPI, ordersRoutes(), inv, Options{})
	if err != nil {
		b.Fatal(err)
	}
	req := request("GET", "/orders/42?x=1&x=2", nil, http.Header{"Cookie": {"s=1; t=2"}, "Accept": {"*/*"}})

	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkRESTv1 is the same for a REST API and payload 1.0.
func BenchmarkRESTv1(b *testing.B) {
	inv := trivialInvoker{&compute.InvokeResult{Payload: []byte(`{"statusCode":200,"body":"ok"}`)}}
	h, err := NewAPIHandler(shopAPI, shopRoutes(), inv, Options{})
	if err != nil {
		b.Fatal(err)
	}
	req := request("GET", "/prod/items/42?x=1", nil, http.Header{"Accept": {"*/*"}})

	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
