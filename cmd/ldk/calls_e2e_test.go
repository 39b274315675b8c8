package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

// testdata/calls is a Terraform app of this package's own: a function that
// invokes another through AWS_ENDPOINT_URL_LAMBDA, and functions that fail
// or return what no API can send.

// internalError is what a REST API answers when its function fails.
var internalError = call{status: 502,
	wantHeader: withHeaders(jsonCT, http.Header{"X-Amzn-Errortype": {"InternalServerErrorException"}}),
	wantBody:   `{"message": "Internal server error"}`}

func restInternalError(name, path string) call {
	c := internalError
	c.name, c.path = name, path
	return c
}

var callsHTTPCalls = []call{
	{name: "function invokes function", path: "/caller?n=21", status: 200, wantHeader: jsonCT,
		wantBody: `{"endpointHost":"127.0.0.1","status":200,"version":"$LATEST",` +
			`"answer":{"doubled":42,"by":"calls-callee"}}`},
	{name: "function error", path: "/broken", status: 500, wantHeader: jsonCT,
		wantBody: `{"message":"Internal Server Error"}`},
	{name: "malformed result", path: "/malformed", status: 500, wantHeader: jsonCT,
		wantBody: `{"message":"Internal Server Error"}`},
}

var callsRESTCalls = []call{
	restInternalError("function error", "/broken"),
	restInternalError("malformed result", "/malformed"),
}

// TestDevCalls serves testdata/calls.
func TestDevCalls(t *testing.T) {
	t.Parallel()
	d := startDev(t, "--tf", "testdata/calls")
	httpAPI := d.apiURL(t, "/caller")
	var restAPI string
	for _, a := range d.ready.APIs {
		if a.Name == "calls-rest" {
			restAPI = a.URL
		}
	}
	if restAPI == "" {
		t.Fatalf("no API calls-rest in the ready file: %+v", d.ready)
	}
	t.Run("http-api", func(t *testing.T) {
		t.Parallel()
		runCalls(t, httpAPI, callsHTTPCalls)
	})
	t.Run("rest-root", func(t *testing.T) {
		t.Parallel()
		runCalls(t, restAPI, callsRESTCalls)
	})
	t.Run("rest-stage", func(t *testing.T) {
		t.Parallel()
		runCalls(t, restAPI+"/v1", callsRESTCalls)
	})
	t.Run("errors are logged", func(t *testing.T) {
		t.Parallel()
		call{path: "/broken", status: 500, wantBody: `{"message":"Internal Server Error"}`}.do(t, httpAPI)
		d.checkAtExit(func(t testing.TB, stderr string) {
			if !strings.Contains(stderr, "[ERROR] ldk.apigw: function failed: api=calls-http function=calls-broken") ||
				!strings.Contains(stderr, `broken on purpose`) {
				t.Errorf("ldk dev did not log the function error")
			}
		})
	})
	t.Run("context and client context", func(t *testing.T) {
		t.Parallel()
		client := lambdaClient(t, d.ready.AWSEndpoint)
		cc := `{"custom":{"k":"v"},"env":{"e":"1"},"client":{"installation_id":"i1"}}`
		out, err := client.Invoke(context.Background(), &lambda.InvokeInput{
			FunctionName:  aws.String("arn:aws:lambda:eu-west-1:123456789012:function:calls-echo"),
			ClientContext: aws.String(base64.StdEncoding.EncodeToString([]byte(cc))),
			Payload:       []byte(`{"context": true}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		want := `{"awsRequestId":"` + requestID(t, out) + `","functionName":"calls-echo","functionVersion":"$LATEST",` +
			`"memoryLimitInMB":"128","invokedFunctionArn":"arn:aws:lambda:eu-west-1:123456789012:function:calls-echo",` +
			`"logGroupName":"/aws/lambda/calls-echo","clientContext":` + cc + `,"remainingOk":true}`
		if string(out.Payload) != want {
			t.Errorf("payload\n got %s\nwant %s", out.Payload, want)
		}
	})
	t.Run("invoke-api", func(t *testing.T) {
		t.Parallel()
		client := lambdaClient(t, d.ready.AWSEndpoint)
		out, err := client.Invoke(context.Background(), &lambda.InvokeInput{
			FunctionName: aws.String("calls-caller"), Payload: []byte(`{"n": 4}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		want := `{"statusCode":200,"headers":{"content-type":"application/json"},"body":"{\"endpointHost\":\"127.0.0.1\",` +
			`\"status\":200,\"version\":\"$LATEST\",\"answer\":{\"doubled\":8,\"by\":\"calls-callee\"}}"}`
		if string(out.Payload) != want {
			t.Errorf("payload\n got %s\nwant %s", out.Payload, want)
		}

		out, err = client.Invoke(context.Background(), &lambda.InvokeInput{
			FunctionName: aws.String("calls-broken"), Payload: []byte(`{}`),
		})
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			ErrorType    string   `json:"errorType"`
			ErrorMessage string   `json:"errorMessage"`
			Trace        []string `json:"trace"`
		}
		if err := json.Unmarshal(out.Payload, &doc); err != nil {
			t.Fatalf("payload %s: %v", out.Payload, err)
		}
		if aws.ToString(out.FunctionError) != "Unhandled" || doc.ErrorType != "TypeError" ||
			doc.ErrorMessage != "broken on purpose" || len(doc.Trace) == 0 || doc.Trace[0] != "TypeError: broken on purpose" {
			t.Errorf("function error %q, document %s; want Unhandled, a node TypeError",
				aws.ToString(out.FunctionError), out.Payload)
		}
	})
}
