package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"
)

// lambdaClient is an AWS SDK Lambda client aimed at ldk's AWS endpoint
// only: an explicit loopback endpoint, static dummy credentials, a fixed
// region and no retries, so it never looks for real AWS.
func lambdaClient(t *testing.T, endpoint string) *lambda.Client {
	t.Helper()
	if !strings.HasPrefix(endpoint, "http://127.0.0.1:") {
		t.Fatalf("AWS endpoint %q is not on 127.0.0.1", endpoint)
	}
	return lambda.New(lambda.Options{
		BaseEndpoint: aws.String(endpoint),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("ldk-e2e", "ldk-e2e-secret", ""),
		Retryer:      aws.NopRetryer{},
		HTTPClient:   e2eClient,
	})
}

// requestID is the x-amzn-RequestId of an SDK answer.
func requestID(t *testing.T, out *lambda.InvokeOutput) string {
	t.Helper()
	id, ok := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
	if !ok || id == "" {
		t.Fatal("the answer has no request id")
	}
	return id
}

// The Invoke API's request payload limits: synchronous, and Event.
const (
	sixMB = 6 * 1024 * 1024
	oneMB = 1024 * 1024
)

// paddedEvent is a JSON document of exactly size bytes with the fields of
// prefix (a JSON object without its closing brace) and padding.
func paddedEvent(prefix string, size int) []byte {
	head := prefix + `,"pad":"`
	n := size - len(head) - len(`"}`)
	return []byte(head + strings.Repeat("p", n) + `"}`)
}

// runExampleInvokeAPI drives the Invoke API of an example app with the
// AWS SDK. It never invokes the counter, whose warm state another subtest
// counts.
func runExampleInvokeAPI(t *testing.T, d *devServer) {
	client := lambdaClient(t, d.ready.AWSEndpoint)
	ctx := context.Background()
	const boom = "ldk-example-boom"

	t.Run("sync by name, ARN and partial ARN", func(t *testing.T) {
		t.Parallel()
		for _, name := range []string{
			boom,
			"arn:aws:lambda:us-east-1:123456789012:function:" + boom,
			"123456789012:function:" + boom,
		} {
			out, err := client.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(name), Payload: []byte(`{"fail": false}`)})
			if err != nil {
				t.Fatalf("invoking %s: %v", name, err)
			}
			if out.StatusCode != 200 || string(out.Payload) != `{"ok": true}` || out.FunctionError != nil {
				t.Errorf("%s: status %d, payload %s, function error %v; want 200 {\"ok\": true} and none",
					name, out.StatusCode, out.Payload, aws.ToString(out.FunctionError))
			}
			if v := aws.ToString(out.ExecutedVersion); v != "$LATEST" {
				t.Errorf("%s: executed version %q, want $LATEST", name, v)
			}
		}
	})

	t.Run("qualifier $LATEST", func(t *testing.T) {
		t.Parallel()
		out, err := client.Invoke(ctx, &lambda.InvokeInput{
			FunctionName: aws.String("LdkExample-GetItemFn485F5506"),
			Qualifier:    aws.String("$LATEST"),
			Payload:      []byte(`{"pathParameters": {"id": "1"}}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		want := `{"statusCode": 200, "headers": {"content-type": "application/json"}, ` +
			`"body": "{\"id\":\"1\",\"table\":\"ldk-example-items\"}"}`
		if string(out.Payload) != want {
			t.Errorf("payload\n got %s\nwant %s", out.Payload, want)
		}
	})

	t.Run("log tail", func(t *testing.T) {
		t.Parallel()
		out, err := client.Invoke(ctx, &lambda.InvokeInput{
			FunctionName: aws.String(boom), LogType: types.LogTypeTail, Payload: []byte(`{"fail": false}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		log, err := base64.StdEncoding.DecodeString(aws.ToString(out.LogResult))
		if err != nil {
			t.Fatalf("LogResult is not base64: %v", err)
		}
		id := requestID(t, out)
		for _, want := range []string{
			"START RequestId: " + id + " Version: $LATEST\n",
			"END RequestId: " + id + "\n",
			"REPORT RequestId: " + id + "\tDuration: ",
			"\tMemory Size: 128 MB\tMax Memory Used: ",
		} {
			if !strings.Contains(string(log), want) {
				t.Errorf("log tail lacks %q:\n%s", want, log)
			}
		}
	})

	t.Run("event is accepted", func(t *testing.T) {
		t.Parallel()
		out, err := client.Invoke(ctx, &lambda.InvokeInput{
			FunctionName: aws.String("LdkExample-HelloFn7942DF23"), InvocationType: types.InvocationTypeEvent,
			Payload: []byte(`{}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		if out.StatusCode != 202 || len(out.Payload) != 0 {
			t.Errorf("status %d, payload %q; want 202 and none", out.StatusCode, out.Payload)
		}
	})

	t.Run("dry run", func(t *testing.T) {
		t.Parallel()
		out, err := client.Invoke(ctx, &lambda.InvokeInput{
			FunctionName: aws.String("LdkExample-HelloFn7942DF23"), InvocationType: types.InvocationTypeDryRun,
		})
		if err != nil {
			t.Fatal(err)
		}
		if out.StatusCode != 204 || len(out.Payload) != 0 {
			t.Errorf("status %d, payload %q; want 204 and none", out.StatusCode, out.Payload)
		}
	})

	t.Run("unknown function", func(t *testing.T) {
		t.Parallel()
		_, err := client.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("no-such-function"), Payload: []byte(`{}`)})
		var nf *types.ResourceNotFoundException
		if !errors.As(err, &nf) {
			t.Fatalf("error %v, want ResourceNotFoundException", err)
		}
		want := "Function not found: arn:aws:lambda:us-east-1:123456789012:function:no-such-function"
		if nf.ErrorMessage() != want {
			t.Errorf("message %q, want %q", nf.ErrorMessage(), want)
		}
		checkStatus(t, err, 404)
	})

	t.Run("payload at 6 MB is served", func(t *testing.T) {
		t.Parallel()
		out, err := client.Invoke(ctx, &lambda.InvokeInput{
			FunctionName: aws.String(boom), Payload: paddedEvent(`{"fail": false`, sixMB),
		})
		if err != nil {
			t.Fatal(err)
		}
		if string(out.Payload) != `{"ok": true}` {
			t.Errorf("payload %s, want {\"ok\": true}", out.Payload)
		}
	})

	t.Run("payload over 6 MB is refused", func(t *testing.T) {
		t.Parallel()
		_, err := client.Invoke(ctx, &lambda.InvokeInput{
			FunctionName: aws.String(boom), Payload: paddedEvent(`{"fail": false`, sixMB+1),
		})
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "RequestEntityTooLargeException" {
			t.Fatalf("error %v, want RequestEntityTooLargeException", err)
		}
		checkStatus(t, err, 413)
	})

	t.Run("event payload over 1 MB is refused", func(t *testing.T) {
		t.Parallel()
		_, err := client.Invoke(ctx, &lambda.InvokeInput{
			FunctionName: aws.String("LdkExample-HelloFn7942DF23"), InvocationType: types.InvocationTypeEvent,
			Payload: paddedEvent(`{"e": 1`, oneMB+1),
		})
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "RequestEntityTooLargeException" ||
			apiErr.ErrorMessage() != "Request must be smaller than 1048576 bytes for the InvokeFunction operation" {
			t.Fatalf("error %v, want RequestEntityTooLargeException for 1048576 bytes", err)
		}
		checkStatus(t, err, 413)
	})

	t.Run("function error", func(t *testing.T) {
		t.Parallel()
		out, err := client.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(boom), Payload: []byte(`{}`)})
		if err != nil {
			t.Fatal(err)
		}
		if out.StatusCode != 200 || aws.ToString(out.FunctionError) != "Unhandled" {
			t.Errorf("status %d, function error %q; want 200 Unhandled", out.StatusCode, aws.ToString(out.FunctionError))
		}
		var doc struct {
			ErrorType    string   `json:"errorType"`
			ErrorMessage string   `json:"errorMessage"`
			RequestID    string   `json:"requestId"`
			StackTrace   []string `json:"stackTrace"`
		}
		if err := json.Unmarshal(out.Payload, &doc); err != nil {
			t.Fatalf("payload %s: %v", out.Payload, err)
		}
		id := requestID(t, out)
		if doc.ErrorType != "RuntimeError" || doc.ErrorMessage != "boom on demand" || doc.RequestID != id ||
			len(doc.StackTrace) != 1 || !strings.HasSuffix(doc.StackTrace[0], "raise RuntimeError(\"boom on demand\")\n") {
			t.Errorf("error document %+v, want RuntimeError \"boom on demand\" for request %s", doc, id)
		}
	})

	t.Run("timeout", func(t *testing.T) {
		t.Parallel()
		out, err := client.Invoke(ctx, &lambda.InvokeInput{
			FunctionName: aws.String("LdkExample-SlowFn5557DA41"),
			Payload:      []byte(`{"queryStringParameters": {"ms": "3000"}}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		want := fmt.Sprintf(`{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: %s Error: Task timed out after 1.00 seconds"}`,
			requestID(t, out))
		if aws.ToString(out.FunctionError) != "Unhandled" || string(out.Payload) != want {
			t.Errorf("function error %q, payload\n got %s\nwant %s", aws.ToString(out.FunctionError), out.Payload, want)
		}
	})
}

// checkStatus asserts the HTTP status of an SDK error.
func checkStatus(t *testing.T, err error, want int) {
	t.Helper()
	var re *awshttp.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("error %v carries no HTTP response", err)
	}
	if re.HTTPStatusCode() != want {
		t.Errorf("HTTP status %d, want %d", re.HTTPStatusCode(), want)
	}
}
