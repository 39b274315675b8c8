package invoke_test

import (
	"context"
	"errors"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/computetest"
	"github.com/ldkdev/ldk/host/invoke"
	"github.com/ldkdev/ldk/host/plugins"
)

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestDispatchRoundTrip(t *testing.T) {
	e := newEnv(t, invoke.Config{})

	before := time.Now()
	got := e.echo(t, invoke.Request{Function: "orders-get", Payload: []byte(`{"id":"42"}`),
		ClientContext: `{"custom":{"a":"b"}}`, Identity: `{"cognitoIdentityId":"c"}`})
	after := time.Now()

	if !uuidV4.MatchString(got.RequestID) {
		t.Errorf("generated request id %q is not a v4 UUID", got.RequestID)
	}
	if lo, hi := before.Add(10*time.Second).UnixMilli(), after.Add(10*time.Second).UnixMilli(); got.DeadlineMs < lo || got.DeadlineMs > hi {
		t.Errorf("deadline %d not 10 s after the call (%d..%d)", got.DeadlineMs, lo, hi)
	}
	if !regexp.MustCompile(`^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$`).MatchString(got.TraceID) {
		t.Errorf("generated trace id %q", got.TraceID)
	}

	want := computetest.Echo{
		Function: "orders-get", RequestID: got.RequestID, Payload: []byte(`{"id":"42"}`),
		DeadlineMs: got.DeadlineMs, InvokedARN: "arn:aws:lambda:eu-west-1:111111111111:function:orders-get",
		ClientContext: `{"custom":{"a":"b"}}`, Identity: `{"cognitoIdentityId":"c"}`, TraceID: got.TraceID,
		Handler: "api/items.list", Greeting: "hello", Pid: got.Pid, Starts: 1,
		Environment: map[string]string{
			"AWS_LAMBDA_FUNCTION_NAME":        "orders-get",
			"AWS_LAMBDA_FUNCTION_VERSION":     "$LATEST",
			"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
			"AWS_LAMBDA_LOG_GROUP_NAME":       "/aws/lambda/orders-get",
			"AWS_LAMBDA_LOG_STREAM_NAME":      "2026/12/04/[$LATEST]test",
			"AWS_LAMBDA_INITIALIZATION_TYPE":  "on-demand",
			"AWS_REGION":                      "eu-west-1",
			"AWS_DEFAULT_REGION":              "eu-west-1",
			"AWS_EXECUTION_ENV":               "AWS_Lambda_nodejs20.x",
			"LAMBDA_TASK_ROOT":                "/code/get",
			"LAMBDA_RUNTIME_DIR":              "/var/runtime",
			"_HANDLER":                        "api/items.list",
			"TZ":                              ":UTC",
			"AWS_ACCESS_KEY_ID":               compute.DummyAccessKeyID,
			"AWS_SECRET_ACCESS_KEY":           compute.DummySecretAccessKey,
			"AWS_SESSION_TOKEN":               compute.DummySessionToken,
			"GREETING":                        "hello",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("echo (-want +got):\n%s", diff)
	}

	// Started once, lazily; a caller's ids are kept.
	again := e.echo(t, invoke.Request{Function: "orders-get", RequestID: "apigw-1", TraceID: "Root=1-x"})
	if again.Starts != 1 || again.RequestID != "apigw-1" || again.TraceID != "Root=1-x" || again.Pid != got.Pid {
		t.Errorf("second invocation %+v: want started once, ids kept, same plugin", again)
	}
}

func TestDispatchQualifiers(t *testing.T) {
	e := newEnv(t, invoke.Config{})
	arn := "arn:aws:lambda:eu-west-1:111111111111:function:"

	tests := []struct {
		name, function, qualifier, wantARN string
	}{
		{"none", "orders-get", "", arn + "orders-get"},
		{"latest", "orders-get", "$LATEST", arn + "orders-get:$LATEST"},
		{"declared alias", "orders-get", "live", arn + "orders-get:live"},
		{"alias a function URL targets", "orders-create", "prod", arn + "orders-create:prod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.echo(t, invoke.Request{Function: tt.function, Qualifier: tt.qualifier})
			if got.Function != tt.function || got.InvokedARN != tt.wantARN {
				t.Errorf("ran %q as %q, want %q as %q", got.Function, got.InvokedARN, tt.function, tt.wantARN)
			}
		})
	}
}

func TestDispatchRefusals(t *testing.T) {
	e := newEnv(t, invoke.Config{})

	tests := []struct {
		name    string
		req     invoke.Request
		wantIs  error
		wantMsg string
	}{
		{
			name:    "unknown function with a close match",
			req:     invoke.Request{Function: "orders-gte"},
			wantIs:  invoke.ErrNotFound,
			wantMsg: `function "orders-gte" not found; did you mean "orders-get"?`,
		},
		{
			name:    "unknown function",
			req:     invoke.Request{Function: "zzzzzzzzzzzz"},
			wantIs:  invoke.ErrNotFound,
			wantMsg: `function "zzzzzzzzzzzz" not found`,
		},
		{
			name:    "unknown qualifier",
			req:     invoke.Request{Function: "orders-get", Qualifier: "beta"},
			wantIs:  invoke.ErrNotFound,
			wantMsg: `function "orders-get:beta" not found`,
		},
		{
			name:    "not runnable",
			req:     invoke.Request{Function: "from-s3"},
			wantIs:  invoke.ErrNotRunnable,
			wantMsg: `function "from-s3": function cannot run locally: its code is only in S3 (bucket assets, key app.zip): build it locally`,
		},
		{
			name:    "reserved concurrency of zero",
			req:     invoke.Request{Function: "frozen"},
			wantIs:  invoke.ErrThrottled,
			wantMsg: `function "frozen" is at its concurrency limit of 0`,
		},
		{
			name: "runtime the backend does not run",
			req:  invoke.Request{Function: "java-fn"},
			wantMsg: `function "java-fn" uses runtime "java21", which compute backend echo does not run ` +
				`(it runs nodejs20.x, python3.12): choose another backend for it`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.d.Invoke(context.Background(), tt.req)
			if err == nil || err.Error() != tt.wantMsg {
				t.Fatalf("got %v, want %q", err, tt.wantMsg)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) is false", err, tt.wantIs)
			}
		})
	}
}

func TestDispatchBackendSelection(t *testing.T) {
	e := newEnv(t, invoke.Config{FunctionBackends: map[string]string{"other-fn": "other"}})

	a := e.echo(t, invoke.Request{Function: "orders-get"})
	b := e.echo(t, invoke.Request{Function: "other-fn"})
	if a.Pid == b.Pid {
		t.Errorf("orders-get and other-fn both ran in pid %d, want two plugins", a.Pid)
	}
	if b.Environment["AWS_REGION"] != "us-west-2" {
		t.Errorf("other-fn's region %q, want us-west-2 from its ARN", b.Environment["AWS_REGION"])
	}

	d, _, err := e.plugins.Backend(context.Background(), "other")
	if err != nil {
		t.Fatalf("Backend other: %v", err)
	}
	res, err := d.Invoke(context.Background(), compute.InvokeRequest{Function: "other-fn", Payload: []byte(`1`)})
	if err != nil || res.WorkerID != strconv.Itoa(b.Pid) {
		t.Errorf("other-fn is not started on backend other: %v, %v", res, err)
	}
}

func TestDispatchDefaultBackendIsSubprocess(t *testing.T) {
	e := newEnv(t, invoke.Config{})
	d := invoke.NewDispatcher(invoke.Config{App: testApp(), Plugins: e.plugins})

	_, err := d.Invoke(context.Background(), invoke.Request{Function: "orders-get"})
	var nf *plugins.NotFoundError
	if !errors.As(err, &nf) || nf.Name != "subprocess" {
		t.Fatalf("got %v, want backend subprocess not found", err)
	}
}

func TestPrepare(t *testing.T) {
	e := newEnv(t, invoke.Config{})

	err := e.d.Prepare(context.Background(), "orders-get", "java-fn", "nope")
	want := `function "java-fn" uses runtime "java21", which compute backend echo does not run ` +
		`(it runs nodejs20.x, python3.12): choose another backend for it` + "\n" +
		`function "nope" not found`
	if err == nil || err.Error() != want {
		t.Fatalf("Prepare: got %v, want %q", err, want)
	}

	if got := e.echo(t, invoke.Request{Function: "orders-get"}); got.Starts != 1 {
		t.Errorf("orders-get started %d times, want once (by Prepare)", got.Starts)
	}
}

func TestNewRequestID(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := invoke.NewRequestID()
		if !uuidV4.MatchString(id) || seen[id] {
			t.Fatalf("request id %q: not a v4 UUID or repeated", id)
		}
		seen[id] = true
	}
}

// BenchmarkDispatch measures one warm invocation through the Dispatcher,
// the plugin manager and a real plugin process (the test backend, which
// runs no function code): the host's whole overhead per invocation.
func BenchmarkDispatch(b *testing.B) {
	e := newEnv(b, invoke.Config{})
	req := invoke.Request{Function: "orders-get", Payload: []byte(`{"hello":"world"}`)}
	ctx := context.Background()
	if _, err := e.d.Invoke(ctx, req); err != nil {
		b.Fatalf("Invoke: %v", err)
	}

	b.ResetTimer()
	for b.Loop() {
		if _, err := e.d.Invoke(ctx, req); err != nil {
			b.Fatalf("Invoke: %v", err)
		}
	}
}
