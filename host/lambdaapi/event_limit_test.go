package lambdaapi

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// TestInvokeEventPayloadLimit checks Lambda's 1 MB limit on Event
// payloads: one byte more is refused before anything is queued, exactly
// 1 MB runs.
func TestInvokeEventPayloadLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		size int
		// wantCode is the refusal's error code; "" means accepted.
		wantCode    string
		wantMessage string
	}{
		{name: "1 MB + 1 byte is refused", size: maxEventPayload + 1, wantCode: "RequestEntityTooLargeException",
			wantMessage: "Request must be smaller than 1048576 bytes for the InvokeFunction operation"},
		{name: "exactly 1 MB runs", size: maxEventPayload},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{answer: func(invoke.Request) (*compute.InvokeResult, error) {
				return &compute.InvokeResult{Payload: []byte(`null`)}, nil
			}}
			client, h, _ := startServer(t, rec)

			payload := jsonString(tc.size)
			out, err := client.Invoke(context.Background(), &lambda.InvokeInput{
				FunctionName: aws.String("orders-get"), InvocationType: types.InvocationTypeEvent, Payload: payload,
			})
			if tc.wantCode != "" {
				checkAPIError(t, err, nil, tc.wantCode, tc.wantMessage)
				checkInvoked(t, rec, nil)
				return
			}
			if err != nil {
				t.Fatalf("Invoke: %v", err)
			}
			if out.StatusCode != 202 {
				t.Errorf("StatusCode = %d, want 202", out.StatusCode)
			}
			// Close waits for the queued invocation to run.
			if err := h.Close(context.Background()); err != nil {
				t.Fatalf("Close: %v", err)
			}
			checkInvoked(t, rec, &invoke.Request{Function: "orders-get", Payload: payload})
		})
	}
}
