package lambdaapi

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

func TestInvokeEventRunsInBackground(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	rec := &recorder{answer: func(req invoke.Request) (*compute.InvokeResult, error) {
		<-release
		return &compute.InvokeResult{Payload: []byte(`null`)}, nil
	}}
	client, h, _ := startServer(t, rec)

	out, err := client.Invoke(context.Background(), &lambda.InvokeInput{
		FunctionName: aws.String("orders-get"), InvocationType: types.InvocationTypeEvent, Payload: []byte(`{"n":1}`),
	})
	if err != nil {
		t.Fatalf("Invoke: %v", err)
	}
	if out.StatusCode != 202 || len(out.Payload) != 0 {
		t.Fatalf("StatusCode %d, payload %q; want 202 and no payload", out.StatusCode, out.Payload)
	}

	close(release)
	if err := h.Close(context.Background()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	checkInvoked(t, rec, &invoke.Request{Function: "orders-get", Payload: []byte(`{"n":1}`)})
}

func TestInvokeEventQueueFull(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	rec := &recorder{answer: func(invoke.Request) (*compute.InvokeResult, error) {
		started <- struct{}{}
		<-release
		return &compute.InvokeResult{Payload: []byte(`null`)}, nil
	}}
	h := NewHandler(rec, testFunctions(), Options{EventQueue: 1, EventWorkers: 1})
	send := func() *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", "/2015-03-31/functions/orders-get/invocations", strings.NewReader(`{}`))
		r.Header.Set("X-Amz-Invocation-Type", "Event")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}

	if w := send(); w.Code != 202 {
		t.Fatalf("first: status %d, want 202", w.Code)
	}
	<-started // the worker holds the first; the queue is empty again
	if w := send(); w.Code != 202 {
		t.Fatalf("second: status %d, want 202 (queued)", w.Code)
	}
	w := send()
	if w.Code != 429 || w.Header().Get("X-Amzn-Errortype") != "TooManyRequestsException" ||
		w.Body.String() != `{"Reason":"ConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}` {
		t.Fatalf("third: %d %q %s; want 429 TooManyRequestsException", w.Code, w.Header().Get("X-Amzn-Errortype"), w.Body)
	}

	close(release)
	<-started
	if err := h.Close(context.Background()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if n := len(rec.requests()); n != 2 {
		t.Fatalf("ran %d event invocations, want 2", n)
	}
	if w := send(); w.Code != 500 {
		t.Fatalf("after Close: status %d, want 500", w.Code)
	}
}

func TestThrottleReason(t *testing.T) {
	t.Parallel()
	rec := &recorder{answer: func(invoke.Request) (*compute.InvokeResult, error) {
		return nil, &invoke.ThrottledError{Function: "orders-get", Limit: 1, Reserved: true}
	}}
	client, _, _ := startServer(t, rec)
	_, err := client.Invoke(context.Background(), &lambda.InvokeInput{FunctionName: aws.String("orders-get")})
	var tooMany *types.TooManyRequestsException
	if !errors.As(err, &tooMany) {
		t.Fatalf("error %v is not TooManyRequestsException", err)
	}
	if tooMany.Reason != types.ThrottleReasonReservedFunctionConcurrentInvocationLimitExceeded || aws.ToString(tooMany.Type) != "User" {
		t.Fatalf("Reason %q Type %q", tooMany.Reason, aws.ToString(tooMany.Type))
	}
}

// TestWireAnswers checks raw answers byte for byte, for calls the SDK would
// refuse to send or that it does not model.
func TestWireAnswers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		method     string
		target     string
		header     http.Header
		body       string
		wantStatus int
		wantType   string
		wantBody   string
	}{
		{"unknown function", "POST", "/2015-03-31/functions/nope/invocations", nil, `{}`,
			404, "ResourceNotFoundException", `{"Type":"User","message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"}`},
		{"unknown function with qualifier", "POST", "/2015-03-31/functions/nope/invocations?Qualifier=live", nil, `{}`,
			404, "ResourceNotFoundException", `{"Type":"User","message":"Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope:live"}`},
		{"unknown path", "GET", "/2015-03-31/layers", nil, ``,
			404, "UnknownOperationException", `{"Type":"User","message":"Unknown operation GET /2015-03-31/layers"}`},
		{"wrong method", "DELETE", "/2015-03-31/functions/orders-get/invocations", nil, ``,
			404, "UnknownOperationException", `{"Type":"User","message":"Unknown operation DELETE /2015-03-31/functions/orders-get/invocations"}`},
		{"bad invocation type", "POST", "/2015-03-31/functions/orders-get/invocations", http.Header{"X-Amz-Invocation-Type": {"Later"}}, `{}`,
			400, "ValidationException", `{"Type":"User","message":"1 validation error detected: Value 'Later' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"}`},
		{"bad log type", "POST", "/2015-03-31/functions/orders-get/invocations", http.Header{"X-Amz-Log-Type": {"All"}}, `{}`,
			400, "ValidationException", `{"Type":"User","message":"1 validation error detected: Value 'All' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]"}`},
		{"bad client context", "POST", "/2015-03-31/functions/orders-get/invocations", http.Header{"X-Amz-Client-Context": {"not base64!"}}, `{}`,
			400, "InvalidRequestContentException", `{"Type":"User","message":"Client context must be a valid Base64-encoded JSON object."}`},
		{"client context above 3583 bytes", "POST", "/2015-03-31/functions/orders-get/invocations",
			http.Header{"X-Amz-Client-Context": {base64.StdEncoding.EncodeToString([]byte(`{"custom":{"k":"` + strings.Repeat("v", 2670) + `"}}`))}}, `{}`,
			400, "ValidationException", `{"Type":"User","message":"1 validation error detected: Value at 'clientContext' failed to satisfy constraint: Member must have length less than or equal to 3583"}`},
		{"bad function name", "POST", "/2015-03-31/functions/a%20b/invocations", nil, `{}`,
			400, "ValidationException", `{"Type":"User","message":"1 validation error detected: Value 'a b' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ` + jsonPattern + `"}`},
		{"too many colons", "POST", "/2015-03-31/functions/a:b:c/invocations", nil, `{}`,
			400, "ValidationException", `{"Type":"User","message":"1 validation error detected: Value 'a:b:c' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ` + jsonPattern + `"}`},
		{"trailing data after JSON", "POST", "/2015-03-31/functions/orders-get/invocations", nil, `{} x`,
			400, "InvalidRequestContentException", `{"Type":"User","message":"Could not parse request body into json: Could not parse payload into json: invalid character 'x' after top-level value"}`},
		{"oversize by Content-Length", "POST", "/2015-03-31/functions/orders-get/invocations", nil, strings.Repeat(" ", maxPayload+1),
			413, "RequestEntityTooLargeException", `{"Type":"User","message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{answer: echo}
			h := NewHandler(rec, testFunctions(), Options{NewRequestID: func() string { return "11111111-2222-4333-8444-555555555555" }})
			t.Cleanup(func() { _ = h.Close(context.Background()) })

			r := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
			for k, vs := range tc.header {
				r.Header[k] = vs
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)

			res := w.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.wantStatus || string(body) != tc.wantBody {
				t.Errorf("got %d %s\nwant %d %s", res.StatusCode, body, tc.wantStatus, tc.wantBody)
			}
			wantHeader := http.Header{
				"Content-Type":     {"application/json"},
				"Content-Length":   {strconv.Itoa(len(tc.wantBody))},
				"X-Amzn-Requestid": {"11111111-2222-4333-8444-555555555555"},
				"X-Amzn-Errortype": {tc.wantType},
			}
			if diff := cmp.Diff(wantHeader, res.Header); diff != "" {
				t.Errorf("headers (-want +got):\n%s", diff)
			}
			if n := len(rec.requests()); n != 0 {
				t.Errorf("invoked %d times, want none", n)
			}
		})
	}
}

func TestGetAndListFunctions(t *testing.T) {
	t.Parallel()
	client, _, _ := startServer(t, &recorder{answer: echo})

	got, err := client.GetFunction(context.Background(), &lambda.GetFunctionInput{FunctionName: aws.String("arn:aws:lambda:us-east-1:123456789012:function:orders-get")})
	if err != nil {
		t.Fatalf("GetFunction: %v", err)
	}
	c := got.Configuration
	if aws.ToString(c.FunctionName) != "orders-get" || aws.ToString(c.FunctionArn) != "arn:aws:lambda:us-east-1:123456789012:function:orders-get" ||
		c.Runtime != types.RuntimeNodejs20x || aws.ToString(c.Handler) != "index.handler" || aws.ToInt32(c.MemorySize) != 128 ||
		aws.ToInt32(c.Timeout) != 3 || c.State != types.StateActive || c.Environment.Variables["GREETING"] != "hello" ||
		aws.ToString(c.Version) != "$LATEST" || len(c.Architectures) != 1 || c.Architectures[0] != types.ArchitectureX8664 {
		t.Errorf("GetFunction configuration = %+v", c)
	}

	_, err = client.GetFunction(context.Background(), &lambda.GetFunctionInput{FunctionName: aws.String("nope")})
	checkAPIError(t, err, new(*types.ResourceNotFoundException), "", "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope")

	list, err := client.ListFunctions(context.Background(), &lambda.ListFunctionsInput{})
	if err != nil {
		t.Fatalf("ListFunctions: %v", err)
	}
	var names []string
	for _, f := range list.Functions {
		names = append(names, aws.ToString(f.FunctionName)+"="+string(f.State)+":"+aws.ToString(f.StateReason))
	}
	want := []string{"orders-get=Active:", "s3-only=Failed:code is in S3; build it locally"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("ListFunctions (-want +got):\n%s", diff)
	}
}

// jsonPattern is namePattern as it appears inside a JSON string.
var jsonPattern = strings.ReplaceAll(namePattern, `\`, `\\`)
