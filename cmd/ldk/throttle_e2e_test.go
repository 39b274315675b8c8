package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// takenLimit bounds the wait for the gate function to take its
// invocation; it only keeps a broken build from hanging the suite.
const takenLimit = 60 * time.Second

// waitFile waits until path exists.
func waitFile(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(takenLimit)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(path); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s did not appear within %v", path, takenLimit)
}

// TestDevThrottle holds the one invocation calls-gate may run (reserved
// concurrency 1) and checks that every front door throttles a second one,
// then that the cap frees once the first ends; last, that an Event
// invocation runs in the background.
func TestDevThrottle(t *testing.T) {
	t.Parallel()
	d := startDev(t, "--tf", "testdata/calls")
	client := lambdaClient(t, d.ready.AWSEndpoint)
	httpAPI := d.apiURL(t, "/gate")
	dir := t.TempDir()
	gate := filepath.Join(dir, "gate")
	started := filepath.Join(dir, "started")
	payload := fmt.Sprintf(`{"started":%q,"gate":%q}`, started, gate)

	type result struct {
		out *lambda.InvokeOutput
		err error
	}
	first := make(chan result, 1)
	go func() {
		out, err := client.Invoke(context.Background(), &lambda.InvokeInput{
			FunctionName: aws.String("calls-gate"), Payload: []byte(payload),
		})
		first <- result{out, err}
	}()
	waitFile(t, started)

	// The cap is held: both front doors refuse, and the function never sees
	// these invocations (it would create "refused").
	refused := filepath.Join(dir, "refused")
	_, err := client.Invoke(context.Background(), &lambda.InvokeInput{
		FunctionName: aws.String("calls-gate"),
		Payload:      []byte(fmt.Sprintf(`{"started":%q,"gate":%q}`, refused, gate)),
	})
	var tooMany *types.TooManyRequestsException
	if !errors.As(err, &tooMany) {
		t.Errorf("second invocation: error %v, want TooManyRequestsException", err)
	} else if tooMany.Reason != types.ThrottleReasonReservedFunctionConcurrentInvocationLimitExceeded {
		t.Errorf("throttle reason %q, want ReservedFunctionConcurrentInvocationLimitExceeded", tooMany.Reason)
	}
	checkStatus(t, err, 429)

	call{path: "/gate?" + url.Values{"started": {refused}, "gate": {gate}}.Encode(), status: 429,
		wantHeader: jsonCT, wantBody: `{"message":"Too Many Requests"}`}.do(t, httpAPI)

	if err := os.WriteFile(gate, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r := <-first
	if r.err != nil || string(r.out.Payload) != `{"opened":true}` {
		t.Fatalf("first invocation: %v, payload %s; want {\"opened\":true}", r.err, invokedPayload(r.out))
	}
	if _, err := os.Stat(refused); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a throttled invocation reached the function (stat %s: %v)", refused, err)
	}

	// The cap is free again.
	call{path: "/gate?" + url.Values{"started": {started}, "gate": {gate}}.Encode(), status: 200,
		wantHeader: jsonCT, wantBody: `{"opened":true}`}.do(t, httpAPI)

	// An Event invocation answers 202 at once and runs in the background.
	background := filepath.Join(dir, "background")
	out, err := client.Invoke(context.Background(), &lambda.InvokeInput{
		FunctionName: aws.String("calls-gate"), InvocationType: types.InvocationTypeEvent,
		Payload: []byte(fmt.Sprintf(`{"started":%q,"gate":%q}`, background, gate)),
	})
	if err != nil || out.StatusCode != 202 {
		t.Fatalf("event invocation: %v, status %d; want 202", err, statusOf(out))
	}
	waitFile(t, background)
}

func statusOf(out *lambda.InvokeOutput) int32 {
	if out == nil {
		return 0
	}
	return out.StatusCode
}

func invokedPayload(out *lambda.InvokeOutput) []byte {
	if out == nil {
		return nil
	}
	return out.Payload
}
