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

// run performs one invocation on w. healthy says whether w may serve
// again.
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

	t := &sandbox.Tail{}
	w.mu.Lock()
	w.requestID, w.tail, w.cancel = req.RequestID, t, cancel
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.tail, w.cancel = nil, nil
		w.mu.Unlock()
	}()
	if !w.alive() {
		cancel(errExited)
	}
	var started atomic.Bool
	startLine := func() {
		if started.CompareAndSwap(false, true) {
			f.platform(req.RequestID, t, sandbox.StartLine(req.RequestID))
		}
	}

	resp, err := w.ep.Invoke(ictx, runtimeapi.Invocation{
		RequestID: req.RequestID, Payload: req.Payload, Deadline: deadline,
		InvokedARN: req.InvokedARN, TraceID: req.TraceID,
		ClientContext: req.ClientContext, Identity: req.Identity, OnTaken: startLine,
	})
	end := time.Now()
	res := &compute.InvokeResult{WorkerID: w.id(), MaxMemoryMB: w.peakMB()}
	report := sandbox.Report{RequestID: req.RequestID, MemoryMB: f.spec.MemoryMB}
	healthy := false
	switch {
	case err == nil:
		res.Payload = resp.Payload
		switch resp.Outcome {
		case runtimeapi.Succeeded:
			healthy = true
		case runtimeapi.Failed:
			res.ErrorType, healthy = sandbox.ErrorTypeUnhandled, true
		default: // an init error: this worker can serve nothing
			res.ErrorType = resp.ErrorType
			report.Status, report.ErrorType = "error", resp.ErrorType
		}
	case errors.Is(err, errTimedOut) || (errors.Is(err, context.DeadlineExceeded) && !end.Before(deadline)):
		res.Payload = sandbox.TimedOutDocument(req.RequestID, f.timeout)
		res.ErrorType, report.Status = sandbox.ErrorTypeTimedout, "timeout"
	case errors.Is(err, errExited) || errors.Is(err, runtimeapi.ErrClosed):
		if init := w.ep.InitResponse(); init != nil {
			res.Payload, res.ErrorType = init.Payload, init.ErrorType
		} else {
			w.terminate()
			res.Payload = sandbox.ExitDocument(req.RequestID, w.cmd.ProcessState.String())
			res.ErrorType = sandbox.ErrorTypeExit
		}
		report.Status, report.ErrorType = "error", res.ErrorType
	default:
		// The host gave up: the worker's state is unknown, so it goes.
		return nil, false, fmt.Errorf("invoking %q (request %s): %w", f.spec.Name, req.RequestID, err)
	}
	if !healthy {
		w.terminate()
	}
	w.stdout.Flush()
	w.stderr.Flush()
	startLine()

	begin := start
	if cold {
		if ready := w.ep.ReadyAt(); !ready.IsZero() {
			res.InitDuration = ready.Sub(w.started)
			if ready.After(begin) {
				begin = ready
			}
		} else {
			res.InitDuration = end.Sub(w.started)
		}
	}
	res.Duration = end.Sub(begin)
	report.Duration, report.MaxUsedMB, report.Init = res.Duration, res.MaxMemoryMB, res.InitDuration
	f.platform(req.RequestID, t, sandbox.EndLine(req.RequestID))
	f.platform(req.RequestID, t, report.String())
	if report.Status == "timeout" {
		f.platform(req.RequestID, t, sandbox.TimedOutLine(end, req.RequestID, f.timeout))
	}
	res.LogTail = t.Bytes()
	return res, healthy, nil
}

// platform records a START, END or REPORT line.
func (f *function) platform(requestID string, t *sandbox.Tail, text string) {
	t.Add(text)
	f.b.record(compute.LogRecord{Function: f.spec.Name, RequestID: requestID,
		Stream: compute.StreamPlatform, Time: time.Now(), Text: text})
}
