package lambdaapi

import (
	"errors"
	"time"

	"github.com/ldkdev/ldk/host/invoke"
)

// enqueue queues an Event invocation. A full or closed queue is throttling.
//
// TODO: a failed Event invocation is logged and dropped; Lambda would retry
// it twice and then send it to a dead-letter queue or on-failure
// destination, which a user of those will not see happen locally.
func (h *Handler) enqueue(req invoke.Request) *apiError {
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.closed {
		return errService("The Invoke API is shutting down; Event invocations are no longer accepted.")
	}
	h.pending.Add(1)
	select {
	case h.queue <- req:
		return nil
	default:
		h.pending.Add(-1)
		return errThrottled("ConcurrentInvocationLimitExceeded")
	}
}

// eventWorker runs queued Event invocations until the queue is closed.
func (h *Handler) eventWorker() {
	defer h.wg.Done()
	for req := range h.queue {
		h.runEvent(req)
		h.pending.Add(-1)
	}
}

// Retrying an Event invocation that found its function at its concurrency
// limit: the wait starts at eventRetryMin and doubles up to eventRetryMax.
const (
	eventRetryMin = 10 * time.Millisecond
	eventRetryMax = time.Second
)

// runEvent runs one Event invocation. As on Lambda, an invocation throttled
// by the function's concurrency limit is not lost: it waits and is tried
// again until it runs or the handler closes.
func (h *Handler) runEvent(req invoke.Request) {
	log := h.opts.Logger.With("function", req.Function, "request_id", req.RequestID)
	wait := eventRetryMin
	for {
		res, err := h.inv.Invoke(h.ctx, req)
		var throttled *invoke.ThrottledError
		switch {
		case errors.As(err, &throttled):
			select {
			case <-h.ctx.Done():
				log.Warn("event invocation dropped at shutdown: function was at its concurrency limit",
					"limit", throttled.Limit)
				return
			case <-time.After(wait):
			}
			wait = min(2*wait, eventRetryMax)
			continue
		case err != nil:
			log.Error("event invocation failed", "error", err)
		case res == nil:
			log.Error("event invocation failed: the invoker returned no result")
		case res.ErrorType != "":
			log.Error("event invocation returned an error", "error_type", res.ErrorType, "error", string(res.Payload))
		}
		return
	}
}
