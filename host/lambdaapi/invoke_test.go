package lambdaapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// echo answers with the payload it got, a 5000-byte log, and an error for
// the function "fails".
func echo(req invoke.Request) (*compute.InvokeResult, error) {
	log := append(bytes.Repeat([]byte("x"), 5000-4), []byte("END\n")...)
	return &compute.InvokeResult{Payload: req.Payload, LogTail: log}, nil
}

func TestInvokeSDK(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input lambda.InvokeInput
		// answer overrides echo.
		answer      func(invoke.Request) (*compute.InvokeResult, error)
		wantStatus  int32
		wantPayload string
		wantFnError string
		wantLog     string
		wantInvoked *invoke.Request
		wantErrAs   any
		// wantCode is the error code for errors the SDK has no type for.
		wantCode      string
		wantErrString string
	}{
		{
			name:       "sync by name",
			input:      lambda.InvokeInput{FunctionName: aws.String("orders-get"), Payload: []byte(`{"a":1}`)},
			wantStatus: 200, wantPayload: `{"a":1}`,
			wantInvoked: &invoke.Request{Function: "orders-get", Payload: []byte(`{"a":1}`)},
		},
		{
			name:       "empty payload is {}",
			input:      lambda.InvokeInput{FunctionName: aws.String("orders-get")},
			wantStatus: 200, wantPayload: `{}`,
			wantInvoked: &invoke.Request{Function: "orders-get", Payload: []byte(`{}`)},
		},
		{
			name:       "partial ARN",
			input:      lambda.InvokeInput{FunctionName: aws.String("123456789012:function:orders-get"), Payload: []byte(`1`)},
			wantStatus: 200, wantPayload: `1`,
			wantInvoked: &invoke.Request{Function: "orders-get", Payload: []byte(`1`)},
		},
		{
			name:       "full ARN with alias",
			input:      lambda.InvokeInput{FunctionName: aws.String("arn:aws:lambda:us-east-1:123456789012:function:orders-get:live"), Payload: []byte(`"s"`)},
			wantStatus: 200, wantPayload: `"s"`,
			wantInvoked: &invoke.Request{Function: "orders-get", Qualifier: "live", Payload: []byte(`"s"`)},
		},
		{
			name:       "name:alias",
			input:      lambda.InvokeInput{FunctionName: aws.String("orders-get:live"), Payload: []byte(`[]`)},
			wantStatus: 200, wantPayload: `[]`,
			wantInvoked: &invoke.Request{Function: "orders-get", Qualifier: "live", Payload: []byte(`[]`)},
		},
		{
			name:       "Qualifier parameter",
			input:      lambda.InvokeInput{FunctionName: aws.String("orders-get"), Qualifier: aws.String("$LATEST"), Payload: []byte(`null`)},
			wantStatus: 200, wantPayload: `null`,
			wantInvoked: &invoke.Request{Function: "orders-get", Qualifier: "$LATEST", Payload: []byte(`null`)},
		},
		{
			name:          "qualifiers that disagree",
			input:         lambda.InvokeInput{FunctionName: aws.String("orders-get:live"), Qualifier: aws.String("dev")},
			wantErrAs:     new(*types.InvalidParameterValueException),
			wantErrString: "The derived qualifier from the function name does not match the specified qualifier.",
		},
		{
			name:       "Tail gives the last 4 KB of the log",
			input:      lambda.InvokeInput{FunctionName: aws.String("orders-get"), LogType: types.LogTypeTail, Payload: []byte(`{}`)},
			wantStatus: 200, wantPayload: `{}`, wantLog: strings.Repeat("x", 4096-4) + "END\n",
			wantInvoked: &invoke.Request{Function: "orders-get", Payload: []byte(`{}`)},
		},
		{
			name:       "DryRun runs nothing",
			input:      lambda.InvokeInput{FunctionName: aws.String("orders-get"), InvocationType: types.InvocationTypeDryRun},
			wantStatus: 204,
		},
		{
			name:       "client context passes through",
			input:      lambda.InvokeInput{FunctionName: aws.String("orders-get"), ClientContext: aws.String(base64.StdEncoding.EncodeToString([]byte(`{"custom":{"k":"v"}}`)))},
			wantStatus: 200, wantPayload: `{}`,
			wantInvoked: &invoke.Request{Function: "orders-get", Payload: []byte(`{}`), ClientContext: `{"custom":{"k":"v"}}`},
		},
		{
			name:       "client context of 3580 base64 bytes passes",
			input:      lambda.InvokeInput{FunctionName: aws.String("orders-get"), ClientContext: aws.String(base64.StdEncoding.EncodeToString([]byte(`{"custom":{"k":"` + strings.Repeat("v", 2666) + `"}}`)))},
			wantStatus: 200, wantPayload: `{}`,
			wantInvoked: &invoke.Request{Function: "orders-get", Payload: []byte(`{}`), ClientContext: `{"custom":{"k":"` + strings.Repeat("v", 2666) + `"}}`},
		},
		{
			name:  "function error",
			input: lambda.InvokeInput{FunctionName: aws.String("orders-get")},
			answer: func(invoke.Request) (*compute.InvokeResult, error) {
				return &compute.InvokeResult{ErrorType: "Unhandled", Payload: []byte(`{"errorType":"Error","errorMessage":"boom","trace":[]}`)}, nil
			},
			wantStatus: 200, wantPayload: `{"errorType":"Error","errorMessage":"boom","trace":[]}`, wantFnError: "Unhandled",
			wantInvoked: &invoke.Request{Function: "orders-get", Payload: []byte(`{}`)},
		},
		{
			name:  "response above 6 MB",
			input: lambda.InvokeInput{FunctionName: aws.String("orders-get")},
			answer: func(invoke.Request) (*compute.InvokeResult, error) {
				return &compute.InvokeResult{Payload: jsonString(maxResponse + 1)}, nil
			},
			wantStatus:  200,
			wantPayload: `{"errorMessage":"Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}`,
			wantFnError: "Unhandled",
			wantInvoked: &invoke.Request{Function: "orders-get", Payload: []byte(`{}`)},
		},
		{
			name:          "unknown function",
			input:         lambda.InvokeInput{FunctionName: aws.String("nope")},
			wantErrAs:     new(*types.ResourceNotFoundException),
			wantErrString: "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope",
		},
		{
			name:          "ARN of another region",
			input:         lambda.InvokeInput{FunctionName: aws.String("arn:aws:lambda:eu-west-1:123456789012:function:orders-get")},
			wantErrAs:     new(*types.ResourceNotFoundException),
			wantErrString: "Function not found: arn:aws:lambda:eu-west-1:123456789012:function:orders-get",
		},
		{
			name:          "payload of 6 MB + 1 byte",
			input:         lambda.InvokeInput{FunctionName: aws.String("orders-get"), Payload: jsonString(maxPayload + 1)},
			wantCode:      "RequestEntityTooLargeException",
			wantErrString: "Request must be smaller than 6291456 bytes for the InvokeFunction operation",
		},
		{
			name:  "payload of exactly 6 MB",
			input: lambda.InvokeInput{FunctionName: aws.String("orders-get"), Payload: jsonString(maxPayload)},
			answer: func(invoke.Request) (*compute.InvokeResult, error) {
				return &compute.InvokeResult{Payload: []byte(`"ok"`)}, nil
			},
			wantStatus: 200, wantPayload: `"ok"`,
			wantInvoked: &invoke.Request{Function: "orders-get", Payload: jsonString(maxPayload)},
		},
		{
			name:          "payload that is not JSON",
			input:         lambda.InvokeInput{FunctionName: aws.String("orders-get"), Payload: []byte(`{"a":`)},
			wantErrAs:     new(*types.InvalidRequestContentException),
			wantErrString: "Could not parse request body into json: Could not parse payload into json: unexpected end of JSON input",
		},
		{
			name:  "throttled",
			input: lambda.InvokeInput{FunctionName: aws.String("orders-get")},
			answer: func(invoke.Request) (*compute.InvokeResult, error) {
				return nil, &invoke.ThrottledError{Function: "orders-get", Limit: 1}
			},
			wantErrAs:     new(*types.TooManyRequestsException),
			wantErrString: "Rate Exceeded.",
			wantInvoked:   &invoke.Request{Function: "orders-get", Payload: []byte(`{}`)},
		},
		{
			name:  "not runnable",
			input: lambda.InvokeInput{FunctionName: aws.String("s3-only")},
			answer: func(invoke.Request) (*compute.InvokeResult, error) {
				return nil, errors.Join(invoke.ErrNotRunnable, errors.New("code is in S3"))
			},
			wantErrAs:     new(*types.ResourceNotReadyException),
			wantErrString: "function cannot run locally\ncode is in S3",
			wantInvoked:   &invoke.Request{Function: "s3-only", Payload: []byte(`{}`)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := &recorder{answer: echo}
			if tc.answer != nil {
				rec.answer = tc.answer
			}
			client, _, _ := startServer(t, rec)

			out, err := client.Invoke(context.Background(), &tc.input)
			checkInvoked(t, rec, tc.wantInvoked)
			if tc.wantErrAs != nil || tc.wantCode != "" {
				checkAPIError(t, err, tc.wantErrAs, tc.wantCode, tc.wantErrString)
				return
			}
			if err != nil {
				t.Fatalf("Invoke: %v", err)
			}
			if out.StatusCode != tc.wantStatus {
				t.Errorf("StatusCode = %d, want %d", out.StatusCode, tc.wantStatus)
			}
			if string(out.Payload) != tc.wantPayload {
				t.Errorf("Payload = %.80q, want %.80q", out.Payload, tc.wantPayload)
			}
			if got := aws.ToString(out.FunctionError); got != tc.wantFnError {
				t.Errorf("FunctionError = %q, want %q", got, tc.wantFnError)
			}
			if tc.wantStatus == 200 && aws.ToString(out.ExecutedVersion) != "$LATEST" {
				t.Errorf("ExecutedVersion = %q, want $LATEST", aws.ToString(out.ExecutedVersion))
			}
			gotLog, err := base64.StdEncoding.DecodeString(aws.ToString(out.LogResult))
			if err != nil || string(gotLog) != tc.wantLog {
				t.Errorf("LogResult decodes to %.60q (%v), want %.60q (%d bytes)", gotLog, err, tc.wantLog, len(tc.wantLog))
			}
		})
	}
}

// jsonString is a JSON string document of exactly n bytes.
func jsonString(n int) []byte {
	b := bytes.Repeat([]byte("a"), n)
	b[0], b[n-1] = '"', '"'
	return b
}

// checkInvoked asserts the one invocation the invoker saw, or none.
func checkInvoked(t *testing.T, rec *recorder, want *invoke.Request) {
	t.Helper()
	reqs := rec.requests()
	if want == nil {
		if len(reqs) != 0 {
			t.Fatalf("invoked %d times, want none", len(reqs))
		}
		return
	}
	if len(reqs) != 1 {
		t.Fatalf("invoked %d times, want 1", len(reqs))
	}
	got := reqs[0]
	if got.Function != want.Function || got.Qualifier != want.Qualifier || !bytes.Equal(got.Payload, want.Payload) || got.ClientContext != want.ClientContext {
		t.Errorf("invoked {%q %q %.60q %q}, want {%q %q %.60q %q}",
			got.Function, got.Qualifier, got.Payload, got.ClientContext,
			want.Function, want.Qualifier, want.Payload, want.ClientContext)
	}
	if len(got.RequestID) != 36 {
		t.Errorf("RequestID = %q, want a UUID", got.RequestID)
	}
}

// checkAPIError asserts the SDK raised the typed exception (target) or,
// for codes the SDK has no type for, an API error with that code, and the
// message.
func checkAPIError(t *testing.T, err error, target any, code, message string) {
	t.Helper()
	if err == nil {
		t.Fatalf("call succeeded, want an error")
	}
	if target != nil && !errors.As(err, target) {
		t.Fatalf("error %v is not %T", err, target)
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v is not an API error", err)
	}
	if code != "" && apiErr.ErrorCode() != code {
		t.Errorf("code = %q, want %q", apiErr.ErrorCode(), code)
	}
	if apiErr.ErrorMessage() != message {
		t.Errorf("message = %q, want %q", apiErr.ErrorMessage(), message)
	}
}
