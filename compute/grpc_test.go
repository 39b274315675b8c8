package compute_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/go-plugin"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/computetest"
)

// inProcess connects a Client to a test backend over go-plugin's
// in-process gRPC connection: the real shim, no process boundary.
func inProcess(t *testing.T) *compute.Client {
	t.Helper()

	ps := map[string]plugin.Plugin{
		compute.PluginName: &compute.GRPCPlugin{Backend: computetest.New("echo"), Name: "echo"},
	}
	// Closing the client also stops the server (go-plugin's controller).
	client, _ := plugin.TestPluginGRPCConn(t, false, ps)
	t.Cleanup(func() { client.Close() })

	raw, err := client.Dispense(compute.PluginName)
	if err != nil {
		t.Fatalf("dispensing the compute plugin: %v", err)
	}
	return raw.(*compute.Client)
}

var testSpec = compute.FunctionSpec{
	Name: "orders-get", Runtime: "nodejs20.x", Handler: "index.handler", CodeDir: "/code",
	MemoryMB: 256, TimeoutSeconds: 3, Environment: map[string]string{"GREETING": "hi"},
}

func TestGRPCDescribe(t *testing.T) {
	c := inProcess(t)

	got, err := c.Describe(context.Background())
	if err != nil {
		t.Fatalf("Describe: %v", err)
	}

	want := &compute.Description{Name: "echo", Version: "0.0.1-test", ProtocolVersion: 1,
		Runtimes: []string{"nodejs20.x", "python3.12"}, Capabilities: []string{"memory-limit"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Describe (-want +got):\n%s", diff)
	}
}

func TestGRPCInvokeRoundTrip(t *testing.T) {
	c := inProcess(t)
	ctx := context.Background()
	if err := c.Start(ctx, testSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}

	deadline := time.UnixMilli(1796000000123)
	req := compute.InvokeRequest{Function: "orders-get", RequestID: "req-1",
		Payload: []byte(`{"id":42}`), Deadline: deadline, InvokedARN: "arn:aws:lambda:us-east-1:1:function:orders-get",
		ClientContext: `{"c":1}`, Identity: `{"i":2}`, TraceID: "Root=1-2-3"}

	tests := []struct {
		name string
		want *compute.InvokeResult
		echo computetest.Echo
	}{
		{
			name: "cold",
			want: &compute.InvokeResult{InitDuration: computetest.InitDuration},
		},
		{
			name: "warm",
			want: &compute.InvokeResult{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Invoke(ctx, req)
			if err != nil {
				t.Fatalf("Invoke: %v", err)
			}

			pid := os.Getpid()
			wantEcho := computetest.Echo{Function: "orders-get", RequestID: "req-1",
				Payload: json.RawMessage(`{"id":42}`), DeadlineMs: 1796000000123,
				InvokedARN: req.InvokedARN, ClientContext: `{"c":1}`, Identity: `{"i":2}`,
				TraceID: "Root=1-2-3", Handler: "index.handler", Greeting: "hi",
				Environment: map[string]string{"GREETING": "hi"}, Pid: pid, Starts: 1}
			var echo computetest.Echo
			if err := json.Unmarshal(got.Payload, &echo); err != nil {
				t.Fatalf("decoding %s: %v", got.Payload, err)
			}
			if diff := cmp.Diff(wantEcho, echo); diff != "" {
				t.Errorf("echo (-want +got):\n%s", diff)
			}

			tt.want.Payload = got.Payload
			tt.want.LogTail = []byte("invoked req-1\n")
			tt.want.Duration = computetest.Duration
			tt.want.MaxMemoryMB = 256
			tt.want.WorkerID = strconv.Itoa(pid)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("result (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGRPCErrors(t *testing.T) {
	c := inProcess(t)
	ctx := context.Background()
	if err := c.Start(ctx, testSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}

	t.Run("function error is a result", func(t *testing.T) {
		got, err := c.Invoke(ctx, compute.InvokeRequest{Function: "orders-get", Payload: []byte(computetest.PayloadThrow)})
		if err != nil {
			t.Fatalf("Invoke: %v", err)
		}
		if got.ErrorType != "Unhandled" || string(got.Payload) != computetest.ThrowPayload {
			t.Errorf("got error type %q payload %s, want Unhandled %s", got.ErrorType, got.Payload, computetest.ThrowPayload)
		}
	})

	tests := []struct {
		name string
		call func() error
		want string
	}{
		{
			name: "backend error keeps its text",
			call: func() error {
				_, err := c.Invoke(ctx, compute.InvokeRequest{Function: "orders-get", Payload: []byte(computetest.PayloadFail)})
				return err
			},
			want: "compute plugin echo: Invoke: backend refused the payload",
		},
		{
			name: "unstarted function",
			call: func() error {
				_, err := c.Invoke(ctx, compute.InvokeRequest{Function: "nope"})
				return err
			},
			want: `compute plugin echo: Invoke: function "nope" is not started`,
		},
		{
			name: "start without a name",
			call: func() error { return c.Start(ctx, compute.FunctionSpec{}) },
			want: "compute plugin echo: Start: function spec has no name",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got error %v, want %q", err, tt.want)
			}
			if errors.Is(err, compute.ErrPluginExited) {
				t.Errorf("error %q claims the plugin exited", err)
			}
		})
	}

	t.Run("caller deadline", func(t *testing.T) {
		short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()

		_, err := c.Invoke(short, compute.InvokeRequest{Function: "orders-get", Payload: []byte(computetest.PayloadBlock)})
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v, want context.DeadlineExceeded", err)
		}
		if want := "calling Invoke on compute plugin echo: context deadline exceeded"; err.Error() != want {
			t.Errorf("got %q, want %q", err, want)
		}
	})
}

func TestGRPCStopAndShutdown(t *testing.T) {
	c := inProcess(t)
	ctx := context.Background()
	if err := c.Start(ctx, testSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}
	if err := c.Stop(ctx, "orders-get"); err != nil {
		t.Fatalf("Stop: %v", err)
	}

	_, err := c.Invoke(ctx, compute.InvokeRequest{Function: "orders-get"})
	if want := `compute plugin echo: Invoke: function "orders-get" is not started`; err == nil || err.Error() != want {
		t.Errorf("Invoke after Stop: got %v, want %q", err, want)
	}

	if err := c.Start(ctx, testSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}
	if err := c.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	_, err = c.Invoke(ctx, compute.InvokeRequest{Function: "orders-get"})
	if err == nil {
		t.Errorf("Invoke after Shutdown succeeded")
	}
}
