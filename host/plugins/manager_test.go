package plugins

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/go-hclog"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/computetest"
)

// TestMain lets the test binary double as a compute plugin (see
// computetest.ServeIfPlugin).
func TestMain(m *testing.M) {
	computetest.ServeIfPlugin()
	serveIfHost()
	code := m.Run()
	if misbehavePath != "" {
		os.RemoveAll(filepath.Dir(misbehavePath))
	}
	os.Exit(code)
}

// installPlugin links the test binary into dir as ldk-compute-<name>.
func installPlugin(t *testing.T, dir, name string) string {
	t.Helper()

	self, err := os.Executable()
	if err != nil {
		t.Fatalf("finding the test binary: %v", err)
	}
	path := filepath.Join(dir, BinaryPrefix+name)
	if err := os.Symlink(self, path); err != nil {
		t.Fatalf("installing plugin %s: %v", name, err)
	}
	return path
}

// recorder is a LogSink that keeps what it gets, by plugin.
type recorder struct {
	records chan string
}

func (r *recorder) sink(plugin string, rec compute.LogRecord) {
	select {
	case r.records <- plugin + " " + rec.Function + " " + rec.RequestID + " " + rec.Stream + " " + rec.Text:
	default: // a sink must not block; tests read only what they await
	}
}

// prime returns once the plugin's log stream is open: the stream opens
// asynchronously and the test backend drops records no stream is open for.
func (r *recorder) prime(t *testing.T, b compute.Backend) {
	t.Helper()

	for i := 0; i < 500; i++ {
		invokeEcho(t, b, "prime")
		select {
		case <-r.records:
			for len(r.records) > 0 {
				<-r.records
			}
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatal("the log stream never opened")
}

// await returns the next record whose request id is id; the bound only
// keeps a broken stream from hanging the test.
func (r *recorder) await(t *testing.T, want string) {
	t.Helper()

	timeout := time.After(10 * time.Second)
	for {
		select {
		case got := <-r.records:
			if got == want {
				return
			}
		case <-timeout:
			t.Fatalf("log record %q never arrived", want)
		}
	}
}

// testManager is a Manager over a fresh plugin directory holding the test
// binary as plugin "echo", with nothing next to ldk nor on PATH.
func testManager(t *testing.T) (*Manager, *recorder) {
	t.Helper()

	dir := t.TempDir()
	installPlugin(t, dir, "echo")
	rec := &recorder{records: make(chan string, 1000)}
	m := NewManager(Options{
		ExecutableDir: t.TempDir(), Dir: dir, Path: t.TempDir(),
		Logger:  hclog.New(&hclog.LoggerOptions{Name: "ldk", Level: hclog.Warn, Output: os.Stderr}),
		LogSink: rec.sink, MinBackoff: 10 * time.Millisecond, MaxBackoff: 100 * time.Millisecond,
	})
	t.Cleanup(func() { _ = m.Close() })
	return m, rec
}

var echoSpec = compute.FunctionSpec{Name: "orders-get", Runtime: "nodejs20.x", Handler: "index.handler",
	CodeDir: "/code", MemoryMB: 128, Environment: map[string]string{"GREETING": "hey"}}

// invokeEcho invokes orders-get and decodes the echo.
func invokeEcho(t *testing.T, b compute.Backend, requestID string) computetest.Echo {
	t.Helper()

	res, err := b.Invoke(context.Background(), compute.InvokeRequest{Function: "orders-get",
		RequestID: requestID, Payload: []byte(`{}`)})
	if err != nil {
		t.Fatalf("Invoke %s: %v", requestID, err)
	}
	var echo computetest.Echo
	if err := json.Unmarshal(res.Payload, &echo); err != nil {
		t.Fatalf("decoding %s: %v", res.Payload, err)
	}
	return echo
}

// gone says whether no process has the pid.
func gone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

func TestManagerBackend(t *testing.T) {
	m, rec := testManager(t)
	ctx := context.Background()

	b, desc, err := m.Backend(ctx, "echo")
	if err != nil {
		t.Fatalf("Backend: %v", err)
	}
	wantDesc := &compute.Description{Name: "echo", Version: "0.0.1-test", ProtocolVersion: 1,
		Runtimes: []string{"nodejs20.x", "python3.12"}, Capabilities: []string{"memory-limit"}}
	if diff := cmp.Diff(wantDesc, desc); diff != "" {
		t.Errorf("Description (-want +got):\n%s", diff)
	}

	if err := b.Start(ctx, echoSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}
	rec.prime(t, b)
	echo := invokeEcho(t, b, "r1")
	if echo.Pid == os.Getpid() || echo.Greeting != "hey" || echo.RequestID != "r1" || echo.Starts != 1 {
		t.Errorf("echo %+v: want another process, greeting hey, request r1, started once", echo)
	}
	rec.await(t, "echo orders-get r1 stdout invoked r1")

	// A second Backend call shares the running plugin.
	b2, _, err := m.Backend(ctx, "echo")
	if err != nil {
		t.Fatalf("second Backend: %v", err)
	}
	if again := invokeEcho(t, b2, "r2"); again.Pid != echo.Pid {
		t.Errorf("second Backend runs pid %d, want the same plugin %d", again.Pid, echo.Pid)
	}

	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if !gone(echo.Pid) {
		t.Errorf("plugin pid %d still exists after Close", echo.Pid)
	}
	if _, err := b.Invoke(ctx, compute.InvokeRequest{Function: "orders-get"}); !errors.Is(err, ErrClosed) {
		t.Errorf("Invoke after Close: got %v, want ErrClosed", err)
	}
	if _, _, err := m.Backend(ctx, "echo"); !errors.Is(err, ErrClosed) {
		t.Errorf("Backend after Close: got %v, want ErrClosed", err)
	}
}

func TestManagerRestartsAKilledPlugin(t *testing.T) {
	m, rec := testManager(t)
	ctx := context.Background()

	b, _, err := m.Backend(ctx, "echo")
	if err != nil {
		t.Fatalf("Backend: %v", err)
	}
	if err := b.Start(ctx, echoSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}
	rec.prime(t, b)
	old := invokeEcho(t, b, "before").Pid

	// An invocation in flight when the plugin is killed.
	result := make(chan error, 1)
	go func() {
		_, err := b.Invoke(ctx, compute.InvokeRequest{Function: "orders-get", RequestID: "doomed",
			Payload: []byte(computetest.PayloadBlock)})
		result <- err
	}()
	rec.await(t, "echo orders-get doomed stdout invoked doomed")
	if err := syscall.Kill(old, syscall.SIGKILL); err != nil {
		t.Fatalf("killing the plugin: %v", err)
	}

	err = <-result
	if !errors.Is(err, compute.ErrPluginExited) {
		t.Fatalf("in-flight Invoke: got %v, want ErrPluginExited", err)
	}

	// The next call waits for the restart and finds the function started
	// again on the new process.
	after := invokeEcho(t, b, "after")
	if after.Pid == old || after.Starts != 1 || after.Greeting != "hey" {
		t.Errorf("after the restart: %+v, want a new pid (old %d) with orders-get started once", after, old)
	}
	if !gone(old) {
		t.Errorf("killed plugin pid %d was not reaped", old)
	}
	rec.prime(t, b)

	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if !gone(after.Pid) {
		t.Errorf("restarted plugin pid %d still exists after Close", after.Pid)
	}
}

func TestManagerStoppedFunctionIsNotRestarted(t *testing.T) {
	m, _ := testManager(t)
	ctx := context.Background()

	b, _, err := m.Backend(ctx, "echo")
	if err != nil {
		t.Fatalf("Backend: %v", err)
	}
	if err := b.Start(ctx, echoSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}
	pid := invokeEcho(t, b, "r").Pid
	if err := b.Stop(ctx, "orders-get"); err != nil {
		t.Fatalf("Stop: %v", err)
	}

	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("killing the plugin: %v", err)
	}
	// Describe may meet the dying process; the next call waits for the
	// restart.
	d, err := b.Describe(ctx)
	if errors.Is(err, compute.ErrPluginExited) {
		d, err = b.Describe(ctx)
	}
	if err != nil || d.Name != "echo" {
		t.Fatalf("Describe after restart: %v, %v", d, err)
	}

	_, err = b.Invoke(ctx, compute.InvokeRequest{Function: "orders-get"})
	if want := `compute plugin echo: Invoke: function "orders-get" is not started`; err == nil || err.Error() != want {
		t.Errorf("Invoke of a stopped function after restart: got %v, want %q", err, want)
	}
}

func TestManagerBackendNotFound(t *testing.T) {
	m, _ := testManager(t)

	_, _, err := m.Backend(context.Background(), "docker")
	var nf *NotFoundError
	if !errors.As(err, &nf) || len(nf.Available) != 1 || nf.Available[0].Name != "echo" {
		t.Fatalf("got %v, want a *NotFoundError listing echo", err)
	}
}

func TestManagerRefusesANonPlugin(t *testing.T) {
	m, _ := testManager(t)
	put(t, m.opts.Dir, "ldk-compute-liar", 0o755) // a shell script that exits 1

	_, _, err := m.Backend(context.Background(), "liar")
	want := "starting compute plugin liar (" + filepath.Join(m.opts.Dir, "ldk-compute-liar") +
		"): it exited before the handshake without a word; is it a compute plugin built with compute.Serve for this machine?"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

func TestManagerCloseKillsEveryPlugin(t *testing.T) {
	m, _ := testManager(t)
	installPlugin(t, m.opts.Dir, "other")
	ctx := context.Background()

	var pids []int
	for _, name := range []string{"echo", "other"} {
		b, desc, err := m.Backend(ctx, name)
		if err != nil {
			t.Fatalf("Backend %s: %v", name, err)
		}
		if desc.Name != name {
			t.Errorf("Describe of %s says %q", name, desc.Name)
		}
		if err := b.Start(ctx, echoSpec); err != nil {
			t.Fatalf("Start on %s: %v", name, err)
		}
		pids = append(pids, invokeEcho(t, b, name).Pid)
	}
	if pids[0] == pids[1] {
		t.Fatalf("two backends share pid %d", pids[0])
	}

	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for _, pid := range pids {
		if !gone(pid) {
			t.Errorf("pid %d still exists after Close", pid)
		}
	}
}
