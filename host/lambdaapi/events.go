package lambdaapi

import (
	"errors"

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
	select {
	case h.queue <- req:
		return nil
	default:
		return errThrottled("ConcurrentInvocationLimitExceeded")
	}
}

// eventWorker runs queued Event invocations until the queue is closed.
func (h *Handler) eventWorker() {
	defer h.wg.Done()
	for req := range h.queue {
		log := h.opts.Logger.With("function", req.Function, "request_id", req.RequestID)
		res, err := h.inv.Invoke(h.ctx, req)
		var throttled *invoke.ThrottledError
		switch {
		case errors.As(err, &throttled):
			log.Warn("event invocation dropped: function is at its concurrency limit", "limit", throttled.Limit)
		case err != nil:
			log.Error("event invocation failed", "error", err)
		case res == nil:
			log.Error("event invocation failed: the invoker returned no result")
		case res.ErrorType != "":
			log.Error("event invocation returned an error", "error_type", res.ErrorType, "error", string(res.Payload))
		}
	}
}
