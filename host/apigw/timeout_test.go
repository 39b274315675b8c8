package apigw

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// blockingInvoker never answers on its own: it returns when its context
// ends, as a real invoker does when the caller gives up.
type blockingInvoker struct{}

func (blockingInvoker) Invoke(ctx context.Context, _ invoke.Request) (*compute.InvokeResult, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestIntegrationTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		api    appmodel.API
		routes []appmodel.Route
		target string
		want   wantAnswer
	}{
		{"REST answers 504", shopAPI, shopRoutes(), "/prod/items",
			wantAnswer{504, restHeaders("application/json", "41"), `{"message": "Endpoint request timed out"}`}},
		{"HTTP API answers 503", ordersAPI, ordersRoutes(), "/orders/1",
			wantAnswer{503, httpHeaders("application/json", "33"), `{"message":"Service Unavailable"}`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := testOptions()
			opts.IntegrationTimeout = time.Millisecond
			h, err := NewAPIHandler(tc.api, tc.routes, blockingInvoker{}, opts)
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request("GET", tc.target, nil, nil))
			checkAnswer(t, rec, tc.want)
		})
	}
}

func TestDefaultIntegrationTimeouts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		api  appmodel.API
		want time.Duration
	}{{shopAPI, 29 * time.Second}, {ordersAPI, 30 * time.Second}} {
		h, err := NewAPIHandler(tc.api, nil, blockingInvoker{}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if h.opts.IntegrationTimeout != tc.want {
			t.Errorf("%s: timeout %v, want %v", tc.api.Kind, h.opts.IntegrationTimeout, tc.want)
		}
	}
	u := NewFunctionURLHandler(appmodel.FunctionURL{Function: "f"}, blockingInvoker{}, Options{})
	if u.opts.IntegrationTimeout != 0 {
		t.Errorf("function URL timeout %v, want none", u.opts.IntegrationTimeout)
	}
}
