package main

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ldkdev/ldk/compute"
)

// busyWorker starts a long invocation of the sleep handler and returns the
// pid of its worker once it runs, with the channel of its result.
func busyWorker(t *testing.T, b *Backend, ctx context.Context, fn string) (int, <-chan *compute.InvokeResult, <-chan error) {
	t.Helper()

	results, errs := make(chan *compute.InvokeResult, 1), make(chan error, 1)
	go func() {
		res, err := b.Invoke(ctx, compute.InvokeRequest{Function: fn, RequestID: requestID(),
			Payload: []byte(`{"ms":60000}`), Deadline: deadlineIn(time.Minute)})
		results <- res
		errs <- err
	}()

	for range 6000 {
		b.mu.Lock()
		f := b.functions[fn]
		b.mu.Unlock()

		f.mu.Lock()
		for w := range f.all {
			// Taken: the worker is inside the handler.
			if !w.ep.ReadyAt().IsZero() {
				f.mu.Unlock()
				return w.pid, results, errs
			}
		}
		f.mu.Unlock()
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the long invocation never reached a worker")

	return 0, nil, nil
}

// TestWorkerKilledMidInvocation checks a worker killed from outside gives
// Runtime.ExitError naming the signal, and the next invocation is served.
func TestWorkerKilledMidInvocation(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{Name: "s", Runtime: "nodejs20.x", Handler: "index.sleep",
		CodeDir: testdataDir(t, "node-faults"), TimeoutSeconds: 60})

	pid, results, _ := busyWorker(t, b, context.Background(), "s")
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}

	res := <-results
	if res == nil || res.ErrorType != "Runtime.ExitError" ||
		!strings.HasSuffix(string(res.Payload), `Error: Runtime exited with error: signal: killed"}`) {
		t.Fatalf("killed worker gave %+v", res)
	}

	next := decodePID(t, invoke(t, b, compute.InvokeRequest{Function: "s", Payload: []byte(`{"ms":1}`)}))
	if next.PID == pid {
		t.Errorf("next invocation ran in the killed worker %d", pid)
	}
}

// TestIdleWorkerKilled checks a warm worker killed while idle is replaced
// without the caller seeing an error.
func TestIdleWorkerKilled(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{Name: "c", Runtime: "nodejs20.x", Handler: "index.counter",
		CodeDir: testdataDir(t, "node-faults")})

	first := decodePID(t, invoke(t, b, compute.InvokeRequest{Function: "c", Payload: []byte(`{}`)}))
	if err := syscall.Kill(first.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}

	second := decodePID(t, invoke(t, b, compute.InvokeRequest{Function: "c", Payload: []byte(`{}`)}))
	if second.PID == first.PID || second.Count != 1 {
		t.Errorf("after kill: pid %d count %d, want a fresh worker with count 1", second.PID, second.Count)
	}
}

// TestHostGivesUp checks an invocation whose context ends is abandoned with
// an error and its worker killed.
func TestHostGivesUp(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{Name: "s", Runtime: "nodejs20.x", Handler: "index.sleep",
		CodeDir: testdataDir(t, "node-faults"), TimeoutSeconds: 60})

	ctx, cancel := context.WithCancel(context.Background())
	pid, results, errs := busyWorker(t, b, ctx, "s")
	cancel()

	if res, err := <-results, <-errs; res != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("Invoke = %v, %v; want no result and context.Canceled", res, err)
	}
	waitGone(t, pid)
}

// TestStartReplacesGracefully checks starting a function again lets the
// invocation in progress finish, and later ones use the new spec.
func TestStartReplacesGracefully(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)
	spec := compute.FunctionSpec{Name: "s", Runtime: "nodejs20.x", Handler: "index.sleep",
		CodeDir: testdataDir(t, "node-faults"), TimeoutSeconds: 60}
	start(t, b, spec)

	results := make(chan *compute.InvokeResult, 1)
	go func() {
		results <- invoke(t, b, compute.InvokeRequest{Function: "s", Payload: []byte(`{"ms":500}`)})
	}()
	for {
		b.mu.Lock()
		f := b.functions["s"]
		b.mu.Unlock()
		f.mu.Lock()
		n := len(f.all)
		f.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}

	spec.Handler = "index.counter"
	start(t, b, spec)

	if res := <-results; res.ErrorType != "" {
		t.Errorf("the invocation in progress failed: %s %s", res.ErrorType, res.Payload)
	}
	if a := decodePID(t, invoke(t, b, compute.InvokeRequest{Function: "s", Payload: []byte(`{}`)})); a.Count != 1 {
		t.Errorf("after the restart: count %d, want 1 from the new handler", a.Count)
	}
}

// TestNoGoroutineLeak checks a backend's goroutines end with Shutdown.
func TestNoGoroutineLeak(t *testing.T) {
	need(t, "node", "python3")

	before := runtime.NumGoroutine()

	b := newBackend(newTestBackend(t).log, "test")
	start(t, b, compute.FunctionSpec{Name: "n", Runtime: "nodejs20.x", Handler: "index.counter",
		CodeDir: testdataDir(t, "node-faults")})
	start(t, b, compute.FunctionSpec{Name: "p", Runtime: "python3.12", Handler: "handlers.counter",
		CodeDir: testdataDir(t, "py-faults")})
	for range 3 {
		invoke(t, b, compute.InvokeRequest{Function: "n", Payload: []byte(`{}`)})
		invoke(t, b, compute.InvokeRequest{Function: "p", Payload: []byte(`{}`)})
	}
	if err := b.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}

	// Goroutines of closed connections end shortly after; wait for them.
	now := runtime.NumGoroutine()
	for range 500 {
		if now = runtime.NumGoroutine(); now <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	buf := make([]byte, 1<<16)
	t.Errorf("%d goroutines before, %d after Shutdown:\n%s", before, now, buf[:runtime.Stack(buf, true)])
}
