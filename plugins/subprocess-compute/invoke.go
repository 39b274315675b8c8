package main

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/runtimeapi"
	"github.com/ldkdev/ldk/compute/sandbox"
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
	budget := f.timeout
	if !req.Deadline.IsZero() {
		budget = req.Deadline.Sub(start)
	}

	ictx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	t := &sandbox.Tail{}
	w.begin(req.RequestID, t, cancel)
	stopGuard := w.guardMemory(f.backend.memCeiling, cancel)

	// As on Lambda, a cold start's init has a budget of its own: the
	// handler's timeout starts once the runtime is ready.
	if cold {
		awaitInit(ictx, w)
	}
	deadline := time.Now().Add(budget)
	dctx, dcancel := context.WithDeadlineCause(ictx, deadline, errTimedOut)
	defer dcancel()

	// START is printed when the worker takes the invocation, after a cold
	// start's init output, or at the end if it never does.
	var started atomic.Bool
	startOnce := func() {
		if started.CompareAndSwap(false, true) {
			f.platform(req.RequestID, t, sandbox.StartLine(req.RequestID))
		}
	}

	resp, err := w.ep.Invoke(dctx, runtimeapi.Invocation{
		RequestID: req.RequestID, Payload: req.Payload, Deadline: deadline,
		InvokedARN: req.InvokedARN, TraceID: req.TraceID,
		ClientContext: req.ClientContext, Identity: req.Identity, OnTaken: startOnce,
	})
	end := time.Now()
	stopGuard()

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
	case errors.Is(context.Cause(ictx), errOutOfMemory):
		out = f.outOfMemory(w, req.RequestID)
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

	return f.finish(w, req.RequestID, t, &out, start, end, cold), out.healthy, nil
}

// initLimit is how long Lambda lets a runtime initialize before it counts
// the init against the invocation.
const initLimit = 10 * time.Second

// awaitInit waits until a new worker is ready for its first invocation, has
// failed to initialize, has exited, or has used its init budget.
func awaitInit(ctx context.Context, w *worker) {
	timer := time.NewTimer(initLimit)
	defer timer.Stop()
	select {
	case <-w.ep.Ready():
	case <-w.ep.InitError():
	case <-w.exited:
	case <-ctx.Done():
	case <-timer.C:
	}
}

// finish completes a result with the worker's figures, writes the END and
// REPORT lines (and the timed-out line after a timeout), and attaches the
// log tail.
func (f *function) finish(w *worker, requestID string, t *sandbox.Tail, out *outcome, start, end time.Time,
	cold bool) *compute.InvokeResult {
	res := &out.result
	res.WorkerID = w.id()
	res.MaxMemoryMB = w.peakMB()

	// The invoke phase starts when the worker is ready; a cold start's
	// init is reported apart.
	begin := start
	if cold {
		res.InitDuration = w.initDuration(end)
		if ready := w.ep.ReadyAt(); ready.After(begin) {
			begin = ready
		}
	}
	res.Duration = end.Sub(begin)

	if _, n := w.takeDropped(); n > 0 {
		f.platform(requestID, t, droppedLine(n))
	}
	f.platform(requestID, t, sandbox.EndLine(requestID))
	f.platform(requestID, t, sandbox.Report{
		RequestID: requestID, Duration: res.Duration, MemoryMB: f.spec.MemoryMB,
		MaxUsedMB: res.MaxMemoryMB, Init: res.InitDuration, Status: out.status, ErrorType: out.errType,
	}.String())
	if out.timeout {
		f.platform(requestID, t, sandbox.TimedOutLine(end, requestID, f.timeout))
	}
	res.LogTail = t.Bytes()

	if res.MaxMemoryMB > f.spec.MemoryMB && f.warnedMemory.CompareAndSwap(false, true) {
		// TODO: the subprocess backend does not enforce memory sizes; on
		// Lambda this invocation would have failed with Runtime.OutOfMemory.
		f.backend.log.Warn("function used more memory than its memory size allows on Lambda "+
			"(warned once per function)",
			"function", f.spec.Name, "request_id", requestID,
			"max_memory_used_mb", res.MaxMemoryMB, "memory_size_mb", f.spec.MemoryMB)
	}

	return res
}

// answered maps what the worker posted to a result.
func (f *function) answered(resp runtimeapi.Response) outcome {
	switch resp.Outcome {
	case runtimeapi.Succeeded:
		return outcome{result: compute.InvokeResult{Payload: resp.Payload}, healthy: true}
	case runtimeapi.Failed:
		return outcome{result: compute.InvokeResult{Payload: resp.Payload, ErrorType: sandbox.ErrorTypeUnhandled}, healthy: true}
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
		result:  compute.InvokeResult{Payload: sandbox.TimedOutDocument(requestID, f.timeout), ErrorType: sandbox.ErrorTypeTimedout},
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
		result:  compute.InvokeResult{Payload: sandbox.ExitDocument(requestID, w.exitReason()), ErrorType: sandbox.ErrorTypeExit},
		status:  "error",
		errType: sandbox.ErrorTypeExit,
	}
}

// platform records a START/END/REPORT line. One the host cannot take goes
// to the plugin's own log, which the host reads apart.
func (f *function) platform(requestID string, t *sandbox.Tail, text string) {
	t.Add(text)
	if !f.backend.record(compute.LogRecord{
		Function: f.spec.Name, RequestID: requestID, Stream: compute.StreamPlatform,
		Time: time.Now(), Text: text,
	}) {
		f.backend.log.Warn("the host is not reading function logs; this line could not be passed on",
			"function", f.spec.Name, "request_id", requestID, "line", text)
	}
}

// droppedLine says, before an invocation's END line, how many of its log
// lines were dropped.
func droppedLine(n int) string {
	return fmt.Sprintf("ldk: %d log lines of this invocation were dropped: "+
		"the host read them slower than the function wrote them", n)
}
