package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/procstat"
	"github.com/ldkdev/ldk/compute/runtimeapi"
)

// errTimedOut is the cause of an invocation that reached its deadline.
var errTimedOut = errors.New("invocation timed out")

// errRetry says a warm worker died before taking the invocation: the
// handler never saw it, so it may run on another worker.
var errRetry = errors.New("worker gone before taking the invocation")

// outcome is what one invocation came to, before it is logged.
type outcome struct {
	result  compute.InvokeResult
	healthy bool // the worker may serve again
	status  string
	errType string
	timeout bool
}

// run performs one invocation on w and returns its result. healthy is
// false when the worker must not serve again.
func (f *function) run(ctx context.Context, w *worker, req compute.InvokeRequest, cold bool) (*compute.InvokeResult, bool, error) {
	start := time.Now()
	deadline := req.Deadline
	if deadline.IsZero() {
		deadline = start.Add(f.timeout)
	}

	dctx, dcancel := context.WithDeadlineCause(ctx, deadline, errTimedOut)
	defer dcancel()
	ictx, cancel := context.WithCancelCause(dctx)
	defer cancel(nil)

	t := &tail{}
	w.begin(req.RequestID, t, cancel)

	// START is printed when the worker takes the invocation, after a cold
	// start's init output, or at the end if it never does.
	var started atomic.Bool
	startOnce := func() {
		if started.CompareAndSwap(false, true) {
			f.platform(req.RequestID, t, startLine(req.RequestID))
		}
	}

	resp, err := w.ep.Invoke(ictx, runtimeapi.Invocation{
		RequestID: req.RequestID, Payload: req.Payload, Deadline: deadline,
		InvokedARN: req.InvokedARN, TraceID: req.TraceID,
		ClientContext: req.ClientContext, Identity: req.Identity, OnTaken: startOnce,
	})
	end := time.Now()

	if !cold && errors.Is(err, runtimeapi.ErrNotTaken) &&
		(errors.Is(err, errExited) || errors.Is(err, runtimeapi.ErrClosed)) {
		w.end()
		w.terminate()
		return nil, false, errRetry
	}

	var out outcome
	switch {
	case err == nil:
		out = f.answered(resp)
	case errors.Is(err, errTimedOut) || (errors.Is(err, context.DeadlineExceeded) && !end.Before(deadline)):
		out = f.timedOut(w, req.RequestID)
	case errors.Is(err, errExited) || errors.Is(err, runtimeapi.ErrClosed):
		out = f.exited(w, req.RequestID)
	default:
		// The host gave up: the worker's state is unknown, so it goes.
		w.end()
		w.terminate()
		return nil, false, fmt.Errorf("invoking %q (request %s): %w", f.spec.Name, req.RequestID, err)
	}

	if !out.healthy {
		w.terminate()
	}
	w.flush()
	w.end()
	startOnce()

	res := &out.result
	res.WorkerID = w.id()
	res.MaxMemoryMB = w.peakMB()
	if cold {
		res.InitDuration = w.initDuration(end)
	}
	res.Duration = end.Sub(start) - res.InitDuration

	f.platform(req.RequestID, t, endLine(req.RequestID))
	f.platform(req.RequestID, t, report{
		requestID: req.RequestID, duration: res.Duration, memoryMB: f.spec.MemoryMB,
		maxUsedMB: res.MaxMemoryMB, init: res.InitDuration, status: out.status, errorType: out.errType,
	}.String())
	if out.timeout {
		f.platform(req.RequestID, t, fmt.Sprintf("%s %s %s",
			end.UTC().Format("2006-01-02T15:04:05.000Z"), req.RequestID, timedOutText(f.timeout)))
	}
	res.LogTail = t.bytes()

	if res.MaxMemoryMB > f.spec.MemoryMB {
		// TODO: the subprocess backend does not enforce memory sizes; on
		// Lambda this invocation would have failed with Runtime.OutOfMemory.
		f.backend.log.Warn("function used more memory than its memory size allows on Lambda",
			"function", f.spec.Name, "request_id", req.RequestID,
			"max_memory_used_mb", res.MaxMemoryMB, "memory_size_mb", f.spec.MemoryMB)
	}

	return res, out.healthy, nil
}

// answered maps what the worker posted to a result.
func (f *function) answered(resp runtimeapi.Response) outcome {
	switch resp.Outcome {
	case runtimeapi.Succeeded:
		return outcome{result: compute.InvokeResult{Payload: resp.Payload}, healthy: true}
	case runtimeapi.Failed:
		return outcome{result: compute.InvokeResult{Payload: resp.Payload, ErrorType: errTypeUnhandled}, healthy: true}
	}

	// An init failure: this worker can serve nothing; the next invocation
	// tries a fresh one.
	return outcome{
		result: compute.InvokeResult{Payload: resp.Payload, ErrorType: resp.ErrorType},
		status: "error", errType: resp.ErrorType,
	}
}

func (f *function) timedOut(w *worker, requestID string) outcome {
	// Measure before the kill: the process is still there.
	w.measure()

	return outcome{
		result:  compute.InvokeResult{Payload: timedOutDoc(requestID, f.timeout), ErrorType: errTypeTimedout},
		status:  "timeout",
		timeout: true,
	}
}

func (f *function) exited(w *worker, requestID string) outcome {
	// A worker that reported an init error exits right after: the init
	// error is the better answer.
	if r := w.ep.InitResponse(); r != nil {
		return f.answered(*r)
	}

	w.terminate()

	return outcome{
		result:  compute.InvokeResult{Payload: exitDoc(requestID, w.exitReason()), ErrorType: errTypeExit},
		status:  "error",
		errType: errTypeExit,
	}
}

// platform records a START/END/REPORT line.
func (f *function) platform(requestID string, t *tail, text string) {
	t.add(text)
	f.backend.record(compute.LogRecord{
		Function: f.spec.Name, RequestID: requestID, Stream: compute.StreamPlatform,
		Time: time.Now(), Text: text,
	})
}

// begin ties the worker's output and exit to an invocation.
func (w *worker) begin(requestID string, t *tail, cancel func(error)) {
	w.mu.Lock()
	w.requestID, w.tail, w.cancel = requestID, t, cancel
	w.served++
	w.mu.Unlock()

	if !w.alive() {
		cancel(errExited)
	}
}

// end detaches the invocation; later output keeps its request id but no
// longer reaches its tail.
func (w *worker) end() {
	w.mu.Lock()
	w.tail, w.cancel = nil, nil
	w.mu.Unlock()
}

// terminate kills the process group and waits for the worker to be reaped.
func (w *worker) terminate() {
	_ = syscall.Kill(-w.pid, syscall.SIGKILL)
	<-w.exited
}

// measure records the tree's peak memory while the worker is alive.
func (w *worker) measure() {
	if n, err := procstat.TreePeakRSS(w.pid); err == nil {
		w.mu.Lock()
		w.peak = max(w.peak, n)
		w.mu.Unlock()
	}
}

// peakMB is the peak memory in MiB: measured live, else taken from the
// reaped process's resource usage.
func (w *worker) peakMB() int {
	if w.alive() {
		w.measure()
	} else if ru, ok := w.state.SysUsage().(*syscall.Rusage); ok {
		w.mu.Lock()
		w.peak = max(w.peak, ru.Maxrss*1024)
		w.mu.Unlock()
	}

	w.mu.Lock()
	defer w.mu.Unlock()

	return procstat.MiB(w.peak)
}

// initDuration is how long the worker took to be ready (or to fail).
func (w *worker) initDuration(end time.Time) time.Duration {
	if ready := w.ep.ReadyAt(); !ready.IsZero() {
		return ready.Sub(w.started)
	}

	return end.Sub(w.started)
}
