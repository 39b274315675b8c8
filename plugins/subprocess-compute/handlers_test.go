package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/compute"
)

// TestHandlerStyles checks the ways a handler may be written and named.
func TestHandlerStyles(t *testing.T) {
	need(t, "node", "python3")

	cases := []struct {
		name, runtime, code, handler string
		layers                       []string
		payload, want                string
	}{
		{name: "node callback", runtime: "nodejs20.x", code: "node-faults", handler: "index.callback",
			want: `{"cb":true}`},
		{name: "node callback waits for the event loop", runtime: "nodejs20.x", code: "node-faults",
			handler: "index.callbackLate", want: `{"late":true}`},
		{name: "node callback without waiting", runtime: "nodejs20.x", code: "node-faults",
			handler: "index.callbackNoWait", want: `{"cb":"no-wait"}`},
		{name: "node promise", runtime: "nodejs20.x", code: "node-faults", handler: "index.promise",
			payload: `{"n":21}`, want: `{"promised":42}`},
		{name: "node nested export", runtime: "nodejs20.x", code: "node-faults", handler: "index.nested.deep",
			want: `{"nested":true}`},
		{name: "node .cjs file", runtime: "nodejs20.x", code: "node-cjs-ext", handler: "handler.main",
			want: `{"cjs":true}`},
		{name: "node ES module under type module importing a layer", runtime: "nodejs20.x",
			code: "esm-type-module", handler: "index.handler",
			layers: []string{fixtureDir(t, "cdk", "rest-layers", "cdk.out", "asset."+greeterLayer)},
			want:   `{"greeting":"hello from layer (esm)"}`},
		{name: "python dotted package", runtime: "python3.12", code: "py-faults", handler: "pkg.sub.mod.handler",
			want: `{"where": "pkg.sub.mod"}`},
		{name: "python slashed path", runtime: "python3.12", code: "py-faults", handler: "pkg/sub/mod.handler",
			want: `{"where": "pkg.sub.mod"}`},
	}

	b := newTestBackend(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start(t, b, compute.FunctionSpec{Name: tc.name, Runtime: tc.runtime, Handler: tc.handler,
				CodeDir: testdataDir(t, tc.code), Layers: tc.layers})

			res := invoke(t, b, compute.InvokeRequest{Function: tc.name, Payload: []byte(orDefault(tc.payload, "{}"))})
			if res.ErrorType != "" || string(res.Payload) != tc.want {
				t.Errorf("got %s %s, want %s", res.ErrorType, res.Payload, tc.want)
			}
		})
	}
}

// TestContextObjects checks every field of the context each runtime hands
// its handler.
func TestContextObjects(t *testing.T) {
	need(t, "node", "python3")

	b := newTestBackend(t)
	arn := "arn:aws:lambda:us-east-1:000000000000:function:ctx:live"
	req := compute.InvokeRequest{Payload: []byte(`{}`), InvokedARN: arn, Deadline: deadlineIn(30e9),
		TraceID:       "Root=1-5e1b4151-5ac6c58f5b5daa6532e4b2ee;Parent=1;Sampled=0",
		ClientContext: `{"custom":{"k":"v"},"env":{"platform":"test"}}`,
		Identity:      `{"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"}`}

	t.Run("node", func(t *testing.T) {
		start(t, b, compute.FunctionSpec{Name: "ctx", Runtime: "nodejs20.x", Handler: "index.context",
			CodeDir: testdataDir(t, "node-faults"), MemoryMB: 256,
			Environment: lambdaEnv("ctx", 256, nil)})
		req.Function, req.RequestID = "ctx", requestID()

		got := decodeMap(t, invoke(t, b, req))
		want := map[string]any{
			"awsRequestId": req.RequestID, "functionName": "ctx", "functionVersion": "$LATEST",
			"memoryLimitInMB": "256", "invokedFunctionArn": arn, "logGroupName": "/aws/lambda/ctx",
			"logStreamName": "2026/01/01/[$LATEST]0123456789abcdef", "callbackWaitsForEmptyEventLoop": true,
			"clientContext":     map[string]any{"custom": map[string]any{"k": "v"}, "env": map[string]any{"platform": "test"}},
			"identity":          map[string]any{"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"},
			"remainingPositive": true, "remainingAtMost": true,
			"env": map[string]any{"runtimeApi": true, "taskRoot": true,
				"trace": "Root=1-5e1b4151-5ac6c58f5b5daa6532e4b2ee;Parent=1;Sampled=0"},
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("node context (-want +got):\n%s", d)
		}
	})

	t.Run("python", func(t *testing.T) {
		start(t, b, compute.FunctionSpec{Name: "pyctx", Runtime: "python3.12", Handler: "handlers.ctx",
			CodeDir: testdataDir(t, "py-faults"), MemoryMB: 512,
			Environment: lambdaEnv("pyctx", 512, nil)})
		req.Function, req.RequestID = "pyctx", requestID()

		got := decodeMap(t, invoke(t, b, req))
		want := map[string]any{
			"aws_request_id": req.RequestID, "function_name": "pyctx", "function_version": "$LATEST",
			"memory_limit_in_mb": float64(512), "invoked_function_arn": arn,
			"log_group_name": "/aws/lambda/pyctx", "log_stream_name": "2026/01/01/[$LATEST]0123456789abcdef",
			"remaining_ok": true, "client_custom": map[string]any{"k": "v"}, "cognito_identity_id": "id-1",
			"cwd_is_task_root": true, "trace": "Root=1-5e1b4151-5ac6c58f5b5daa6532e4b2ee;Parent=1;Sampled=0",
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("python context (-want +got):\n%s", d)
		}
	})
}

func decodeMap(t *testing.T, res *compute.InvokeResult) map[string]any {
	t.Helper()

	if res.ErrorType != "" {
		t.Fatalf("function error %s: %s", res.ErrorType, res.Payload)
	}

	var m map[string]any
	if err := json.Unmarshal(res.Payload, &m); err != nil {
		t.Fatalf("answer %q: %v", res.Payload, err)
	}

	return m
}

// TestLayerSearchPaths checks the node and python layer directories, in
// layer order, reach the worker.
func TestLayerSearchPaths(t *testing.T) {
	need(t, "node")

	first, second := t.TempDir(), t.TempDir()
	for _, d := range []string{
		filepath.Join(first, "nodejs", "node_modules"),
		filepath.Join(second, "nodejs", "node20", "node_modules"),
		filepath.Join(second, "nodejs", "node_modules"),
	} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	code := t.TempDir()
	src := "exports.handler = async () => process.env.NODE_PATH;\n"
	if err := os.WriteFile(filepath.Join(code, "index.js"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}

	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{Name: "np", Runtime: "nodejs20.x", Handler: "index.handler", CodeDir: code,
		Layers: []string{first, second}})
	res := invoke(t, b, compute.InvokeRequest{Function: "np", Payload: []byte(`{}`)})

	want, _ := json.Marshal(filepath.Join(first, "nodejs", "node_modules") + ":" +
		filepath.Join(second, "nodejs", "node20", "node_modules") + ":" +
		filepath.Join(second, "nodejs", "node_modules"))
	if string(res.Payload) != string(want) {
		t.Errorf("NODE_PATH = %s, want %s", res.Payload, want)
	}
}
