package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ldkdev/ldk/compute"
)

type pidAnswer struct {
	Count int `json:"count"`
	PID   int `json:"pid"`
}

func decodePID(t *testing.T, res *compute.InvokeResult) pidAnswer {
	t.Helper()

	if res.ErrorType != "" {
		t.Fatalf("function error %s: %s", res.ErrorType, res.Payload)
	}

	var a pidAnswer
	if err := json.Unmarshal(res.Payload, &a); err != nil {
		t.Fatalf("answer %q: %v", res.Payload, err)
	}

	if res.WorkerID != fmt.Sprint(a.PID) {
		t.Errorf("WorkerID = %q, but the handler ran in pid %d", res.WorkerID, a.PID)
	}

	return a
}

// TestWarmState checks module state survives between invocations of one
// worker, and that only the first invocation is a cold start.
func TestWarmState(t *testing.T) {
	need(t, "node", "python3")

	cases := []struct {
		name, runtime, code, handler string
	}{
		{"node", "nodejs20.x", "node-faults", "index.counter"},
		{"python", "python3.12", "py-faults", "handlers.counter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newTestBackend(t)
			start(t, b, compute.FunctionSpec{Name: "c", Runtime: tc.runtime, Handler: tc.handler,
				CodeDir: testdataDir(t, tc.code)})

			var pid int
			for want := 1; want <= 3; want++ {
				res := invoke(t, b, compute.InvokeRequest{Function: "c", Payload: []byte(`{}`)})
				a := decodePID(t, res)
				if a.Count != want {
					t.Errorf("invocation %d: count = %d", want, a.Count)
				}
				if want == 1 {
					pid = a.PID
					if res.InitDuration <= 0 {
						t.Errorf("cold start has InitDuration %v", res.InitDuration)
					}
				} else {
					if a.PID != pid {
						t.Errorf("invocation %d ran in pid %d, want the warm worker %d", want, a.PID, pid)
					}
					if res.InitDuration != 0 {
						t.Errorf("warm invocation %d has InitDuration %v", want, res.InitDuration)
					}
				}
				if res.Duration <= 0 {
					t.Errorf("invocation %d: Duration %v, want positive", want, res.Duration)
				}
				if res.MaxMemoryMB <= 0 {
					t.Errorf("MaxMemoryMB = %d, want the measured peak", res.MaxMemoryMB)
				}
			}
		})
	}
}

// TestParallelWorkers checks eight overlapping invocations are served by
// eight worker processes.
func TestParallelWorkers(t *testing.T) {
	need(t, "node", "python3")

	cases := []struct {
		name, runtime, code, handler string
	}{
		{"node", "nodejs20.x", "node-faults", "index.sleep"},
		{"python", "python3.12", "py-faults", "handlers.sleep"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newTestBackend(t)
			start(t, b, compute.FunctionSpec{Name: "s", Runtime: tc.runtime, Handler: tc.handler,
				CodeDir: testdataDir(t, tc.code), TimeoutSeconds: 60})

			var (
				mu   sync.Mutex
				pids = map[int]bool{}
				wg   sync.WaitGroup
			)
			for range 8 {
				wg.Go(func() {
					res := invoke(t, b, compute.InvokeRequest{Function: "s", Payload: []byte(`{"ms":300}`)})
					a := decodePID(t, res)
					mu.Lock()
					pids[a.PID] = true
					mu.Unlock()
				})
			}
			wg.Wait()

			if len(pids) != 8 {
				t.Errorf("8 parallel invocations ran in %d distinct workers: %v", len(pids), pids)
			}
		})
	}
}

// TestIdleWorkerStops checks an idle worker is stopped after its TTL and
// the next invocation starts a fresh one.
func TestIdleWorkerStops(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{Name: "c", Runtime: "nodejs20.x", Handler: "index.counter",
		CodeDir: testdataDir(t, "node-faults"), IdleTTL: 50 * time.Millisecond})

	first := decodePID(t, invoke(t, b, compute.InvokeRequest{Function: "c", Payload: []byte(`{}`)}))
	waitGone(t, first.PID)

	second := decodePID(t, invoke(t, b, compute.InvokeRequest{Function: "c", Payload: []byte(`{}`)}))
	if second.PID == first.PID || second.Count != 1 {
		t.Errorf("after the TTL: pid %d count %d, want a fresh worker (not %d) with count 1",
			second.PID, second.Count, first.PID)
	}
}

// waitGone waits until pid no longer exists. It fails only when the
// process is still there after a minute, which means it was never stopped.
func waitGone(t *testing.T, pid int) {
	t.Helper()

	for range 6000 {
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("process %d still runs", pid)
}

// TestShutdownKillsWorkers checks no worker outlives Shutdown, busy ones
// included.
func TestShutdownKillsWorkers(t *testing.T) {
	need(t, "node")

	b := newBackend(newTestBackend(t).log, "test")
	start(t, b, compute.FunctionSpec{Name: "s", Runtime: "nodejs20.x", Handler: "index.sleep",
		CodeDir: testdataDir(t, "node-faults"), TimeoutSeconds: 60})

	busy := make(chan *compute.InvokeResult, 1)
	go func() {
		res, _ := b.Invoke(context.Background(), compute.InvokeRequest{Function: "s", RequestID: requestID(),
			Payload: []byte(`{"ms":60000}`)})
		busy <- res
	}()

	// Wait for the long invocation to have its worker, then run a short
	// one beside it, which leaves a second, idle worker.
	var busyPID int
	for busyPID == 0 {
		b.mu.Lock()
		f := b.functions["s"]
		b.mu.Unlock()
		f.mu.Lock()
		for w := range f.all {
			busyPID = w.pid
		}
		f.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
	idle := decodePID(t, invoke(t, b, compute.InvokeRequest{Function: "s", Payload: []byte(`{"ms":1}`)}))
	if idle.PID == busyPID {
		t.Fatalf("the short invocation ran in the busy worker %d", busyPID)
	}

	if err := b.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}

	res := <-busy
	if res == nil || res.ErrorType != "Runtime.ExitError" {
		t.Errorf("the invocation cut by Shutdown gave %+v, want Runtime.ExitError", res)
	}
	for _, pid := range []int{idle.PID, busyPID} {
		if err := syscall.Kill(pid, 0); !errors.Is(err, syscall.ESRCH) {
			t.Errorf("worker %d still exists after Shutdown (kill 0: %v)", pid, err)
		}
	}
}
