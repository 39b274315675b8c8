package compute_test

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/computetest"
	computev1 "github.com/ldkdev/ldk/compute/proto/ldk/compute/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

func TestProcessRoundTrip(t *testing.T) {
	p := startPlugin(t)
	ctx := context.Background()

	desc, err := p.backend.Describe(ctx)
	if err != nil {
		t.Fatalf("Describe: %v", err)
	}
	wantDesc := &compute.Description{Name: "echo", Version: "0.0.1-test", ProtocolVersion: 1,
		Runtimes: []string{"nodejs20.x", "python3.12"}, Capabilities: []string{"memory-limit"}}
	if diff := cmp.Diff(wantDesc, desc); diff != "" {
		t.Errorf("Describe (-want +got):\n%s", diff)
	}

	startFunction(t, p.backend)
	req := compute.InvokeRequest{Function: "orders-get", RequestID: "req-1", Payload: []byte(`[1,2]`),
		Deadline: time.UnixMilli(1796000000999)}
	for i, wantInit := range []time.Duration{computetest.InitDuration, 0} {
		got, err := p.backend.Invoke(ctx, req)
		if err != nil {
			t.Fatalf("Invoke %d: %v", i, err)
		}

		wantEcho := computetest.Echo{Function: "orders-get", RequestID: "req-1",
			Payload: json.RawMessage(`[1,2]`), DeadlineMs: 1796000000999,
			Handler: "index.handler", Greeting: "hi",
			Environment: map[string]string{"GREETING": "hi"}, Pid: p.pid, Starts: 1}
		wantPayload, _ := json.Marshal(wantEcho)
		want := &compute.InvokeResult{Payload: wantPayload, LogTail: []byte("invoked req-1\n"),
			InitDuration: wantInit, Duration: computetest.Duration, MaxMemoryMB: 256,
			WorkerID: strconv.Itoa(p.pid)}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Invoke %d (-want +got):\n%s", i, diff)
		}
	}

	if err := p.backend.Stop(ctx, "orders-get"); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if _, err := p.backend.Invoke(ctx, req); err == nil ||
		err.Error() != `compute plugin echo: Invoke: function "orders-get" is not started` {
		t.Errorf("Invoke after Stop: got %v", err)
	}
	if err := p.backend.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
}

func TestProcessLargePayload(t *testing.T) {
	p := startPlugin(t)
	startFunction(t, p.backend)

	// A 6 MB JSON string, the largest synchronous payload Lambda takes, and
	// its echo (a little larger) coming back.
	payload := []byte(`"` + strings.Repeat("x", 6<<20-2) + `"`)
	got, err := p.backend.Invoke(context.Background(), compute.InvokeRequest{Function: "orders-get", Payload: payload})
	if err != nil {
		t.Fatalf("Invoke with 6 MB: %v", err)
	}

	var echo computetest.Echo
	if err := json.Unmarshal(got.Payload, &echo); err != nil {
		t.Fatalf("decoding the echo: %v", err)
	}
	if len(echo.Payload) != len(payload) {
		t.Errorf("echoed %d bytes, want %d", len(echo.Payload), len(payload))
	}
}

func TestProcessLogs(t *testing.T) {
	p := startPlugin(t)
	records := collectLogs(t, p.backend)
	startFunction(t, p.backend)
	primeLogs(t, p.backend, records)

	if _, err := p.backend.Invoke(context.Background(), compute.InvokeRequest{Function: "orders-get", RequestID: "r"}); err != nil {
		t.Fatalf("Invoke: %v", err)
	}
	rec := awaitRecord(t, records)
	want := compute.LogRecord{Function: "orders-get", RequestID: "r", Stream: "stdout", Text: "invoked r", Time: rec.Time}
	if diff := cmp.Diff(want, rec); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
}

func TestProcessExitMidInvoke(t *testing.T) {
	p := startPlugin(t)
	records := make(chan compute.LogRecord, 10)
	logsEnded := make(chan error, 1)
	go func() {
		logsEnded <- p.backend.Logs(context.Background(), func(r compute.LogRecord) { records <- r })
	}()
	startFunction(t, p.backend)
	primeLogs(t, p.backend, records)

	// Start an invocation that blocks, wait until the plugin has it (its
	// log record arrives), then kill the plugin.
	result := make(chan error, 1)
	go func() {
		_, err := p.backend.Invoke(context.Background(), compute.InvokeRequest{Function: "orders-get",
			RequestID: "doomed", Payload: []byte(computetest.PayloadBlock)})
		result <- err
	}()
	for rec := awaitRecord(t, records); rec.RequestID != "doomed"; rec = awaitRecord(t, records) {
	}
	if err := syscall.Kill(p.pid, syscall.SIGKILL); err != nil {
		t.Fatalf("killing the plugin: %v", err)
	}

	err := <-result
	if !errors.Is(err, compute.ErrPluginExited) {
		t.Fatalf("in-flight Invoke: got %v, want ErrPluginExited", err)
	}
	var exited *compute.PluginExitedError
	if !errors.As(err, &exited) || exited.Plugin != "echo" || exited.Call != "Invoke" {
		t.Errorf("got %#v, want a *PluginExitedError for echo's Invoke", err)
	}
	if !strings.HasPrefix(err.Error(), "compute plugin echo exited during Invoke") {
		t.Errorf("error text %q", err)
	}

	if err := <-logsEnded; !errors.Is(err, compute.ErrPluginExited) {
		t.Errorf("Logs stream: got %v, want ErrPluginExited", err)
	}

	<-p.backend.Done()
	_, err = p.backend.Invoke(context.Background(), compute.InvokeRequest{Function: "orders-get"})
	if !errors.Is(err, compute.ErrPluginExited) {
		t.Errorf("Invoke after the exit: got %v, want ErrPluginExited", err)
	}
}

func TestProcessRefusesPlainConnections(t *testing.T) {
	p := startPlugin(t)
	addr := p.client.ReattachConfig().Addr

	conn, err := grpc.NewClient("unix:"+addr.String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatalf("making a plain client: %v", err)
	}
	defer conn.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := computev1.NewComputeClient(conn).Describe(ctx, &computev1.DescribeRequest{}); err == nil {
		t.Fatal("a connection without the host's TLS certificate was served: AutoMTLS is off")
	}

	if _, err := p.backend.Describe(context.Background()); err != nil {
		t.Errorf("the host's own mTLS connection failed: %v", err)
	}
}

func TestProcessKillLeavesNoProcess(t *testing.T) {
	p := startPlugin(t)
	if _, err := p.backend.Describe(context.Background()); err != nil {
		t.Fatalf("Describe: %v", err)
	}

	p.client.Kill()
	if err := syscall.Kill(p.pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Errorf("plugin pid %d after Kill: signal 0 gave %v, want ESRCH", p.pid, err)
	}
}

func BenchmarkProcessInvoke(b *testing.B) {
	p := startPlugin(b)
	startFunction(b, p.backend)
	req := compute.InvokeRequest{Function: "orders-get", RequestID: "bench", Payload: []byte(`{"hello":"world"}`)}
	ctx := context.Background()

	b.ResetTimer()
	for b.Loop() {
		if _, err := p.backend.Invoke(ctx, req); err != nil {
			b.Fatalf("Invoke: %v", err)
		}
	}
}
