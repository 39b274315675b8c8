package lambdaapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// apiPrefix is the path prefix of the Lambda functions API.
const apiPrefix = "/2015-03-31/functions"

// logTailLimit is how much of the log X-Amz-Log-Result carries.
const logTailLimit = 4096

// Handler serves the Lambda Invoke API for one app. Its function list can
// be replaced while it serves, with SetFunctions. Close it to drain queued
// Event invocations.
type Handler struct {
	inv  invoke.Invoker
	opts Options
	fns  atomic.Pointer[map[string]appmodel.Function]

	// mu guards closed against sends on the closed queue.
	mu     sync.RWMutex
	closed bool
	queue  chan invoke.Request
	// pending counts Event invocations queued or running: with none, Close
	// has nothing to cut, whatever its context says.
	pending atomic.Int64
	wg      sync.WaitGroup
	ctx     context.Context
	cancel  context.CancelFunc
}

// NewHandler returns the Invoke API handler for the given functions and
// starts its Event workers.
func NewHandler(inv invoke.Invoker, fns []appmodel.Function, opts Options) *Handler {
	h := &Handler{inv: inv, opts: opts.withDefaults()}
	h.SetFunctions(fns)
	h.queue = make(chan invoke.Request, h.opts.EventQueue)
	h.ctx, h.cancel = context.WithCancel(context.Background())
	for range h.opts.EventWorkers {
		h.wg.Add(1)
		go h.eventWorker()
	}
	return h
}

// SetFunctions replaces the functions the API knows.
func (h *Handler) SetFunctions(fns []appmodel.Function) {
	m := make(map[string]appmodel.Function, len(fns))
	for _, f := range fns {
		m[f.Name] = f
	}
	h.fns.Store(&m)
}

// Close stops taking Event invocations and waits for the queued ones until
// ctx ends; then it cancels those still running and returns ctx's error.
func (h *Handler) Close(ctx context.Context) error {
	h.mu.Lock()
	if !h.closed {
		h.closed = true
		close(h.queue)
	}
	h.mu.Unlock()

	done := make(chan struct{})
	go func() {
		h.wg.Wait()
		close(done)
	}()
	if h.pending.Load() == 0 {
		// The workers only have to see the closed queue: nothing is cut,
		// even when ctx is already over (a second Ctrl-C).
		<-done
		h.cancel()
		return nil
	}
	select {
	case <-done:
		h.cancel()
		return nil
	case <-ctx.Done():
		h.cancel()
		<-done
		return ctx.Err()
	}
}

// ServeHTTP dispatches Invoke, GetFunction and ListFunctions; anything else
// is an UnknownOperationException.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := h.opts.NewRequestID()
	path := r.URL.EscapedPath()
	rest, ok := strings.CutPrefix(path, apiPrefix)
	if !ok {
		errUnknownOperation(r.Method, path).write(w, id)
		return
	}

	switch {
	case (rest == "" || rest == "/") && r.Method == http.MethodGet:
		h.listFunctions(w, r, id)
		return
	case strings.HasSuffix(rest, "/invocations") && r.Method == http.MethodPost:
		name, ok := pathName(strings.TrimSuffix(rest, "/invocations"))
		if ok {
			h.invoke(w, r, id, name)
			return
		}
	case r.Method == http.MethodGet:
		if name, ok := pathName(rest); ok {
			h.getFunction(w, r, id, name)
			return
		}
	}
	errUnknownOperation(r.Method, path).write(w, id)
}

// pathName unescapes "/{name}" into the name; it refuses nested paths.
func pathName(s string) (string, bool) {
	s, ok := strings.CutPrefix(s, "/")
	if !ok || s == "" || strings.Contains(s, "/") {
		return "", false
	}
	name, err := url.PathUnescape(s)
	if err != nil || name == "" {
		return "", false
	}
	return name, true
}

// lookup finds the function a reference names in this account and region.
func (h *Handler) lookup(ref functionRef) (appmodel.Function, *apiError) {
	region, account := h.opts.Region, h.opts.AccountID
	if ref.region != "" {
		region = ref.region
	}
	if ref.account != "" {
		account = ref.account
	}
	fns := *h.fns.Load()
	f, ok := fns[ref.name]
	if !ok || region != h.opts.Region || account != h.opts.AccountID {
		arn := "arn:aws:lambda:" + region + ":" + account + ":function:" + ref.name
		if ref.qualifier != "" {
			arn += ":" + ref.qualifier
		}
		return f, errNotFound(arn)
	}
	return f, nil
}

// invoke runs one Invoke call.
func (h *Handler) invoke(w http.ResponseWriter, r *http.Request, id, name string) {
	call, apiErr := parseInvoke(r, name)
	if apiErr != nil {
		apiErr.write(w, id)
		return
	}

	f, apiErr := h.lookup(call.ref)
	if apiErr != nil {
		apiErr.write(w, id)
		return
	}

	req := invoke.Request{
		Function:      f.Name,
		Qualifier:     call.ref.qualifier,
		Payload:       call.payload,
		ClientContext: call.clientContext,
		RequestID:     id,
	}
	switch call.invocationType {
	case typeDryRun:
		w.Header().Set("X-Amzn-Requestid", id)
		w.WriteHeader(http.StatusNoContent)
	case typeEvent:
		if apiErr := h.enqueue(req); apiErr != nil {
			apiErr.write(w, id)
			return
		}
		w.Header().Set("X-Amzn-Requestid", id)
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(http.StatusAccepted)
	default:
		h.invokeSync(w, r.Context(), req, call.tail, f)
	}
}

// invokeSync runs a RequestResponse invocation and writes its result.
func (h *Handler) invokeSync(w http.ResponseWriter, ctx context.Context, req invoke.Request, tail bool, f appmodel.Function) {
	res, err := h.inv.Invoke(ctx, req)
	if err == nil && res == nil {
		err = errors.New("the invoker returned no result")
	}
	if err != nil {
		invokeError(err, h.functionARN(f, req.Qualifier)).write(w, req.RequestID)
		return
	}

	if len(res.Payload) > maxResponse {
		res = responseTooLarge(res)
	}

	hd := w.Header()
	hd.Set("Content-Type", "application/json")
	hd.Set("Content-Length", strconv.Itoa(len(res.Payload)))
	hd.Set("X-Amzn-Requestid", req.RequestID)
	hd.Set("X-Amz-Executed-Version", "$LATEST")
	if res.ErrorType != "" {
		hd.Set("X-Amz-Function-Error", "Unhandled")
	}
	if tail {
		logs := res.LogTail
		if len(logs) > logTailLimit {
			logs = logs[len(logs)-logTailLimit:]
		}
		hd.Set("X-Amz-Log-Result", base64.StdEncoding.EncodeToString(logs))
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(res.Payload)
}

// invokeError maps an invoker error to the Lambda service error.
func invokeError(err error, arn string) *apiError {
	var throttled *invoke.ThrottledError
	switch {
	case errors.As(err, &throttled) && throttled.Reserved:
		return errThrottled("ReservedFunctionConcurrentInvocationLimitExceeded")
	case errors.As(err, &throttled):
		// ldk's default cap stands where Lambda has the account's limit.
		return errThrottled("ConcurrentInvocationLimitExceeded")
	case errors.Is(err, invoke.ErrNotFound):
		return errNotFound(arn)
	case errors.Is(err, invoke.ErrNotRunnable):
		return userError(http.StatusBadGateway, "ResourceNotReadyException", "%v", err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return errService("Invocation of %s was cancelled: %v", arn, err)
	}
	return errService("Invoking %s failed: %v", arn, err)
}

// functionARN is the function's ARN with the qualifier asked for.
func (h *Handler) functionARN(f appmodel.Function, qualifier string) string {
	arn := f.ARN
	if arn == "" {
		arn = "arn:aws:lambda:" + h.opts.Region + ":" + h.opts.AccountID + ":function:" + f.Name
	}
	if qualifier != "" {
		arn += ":" + qualifier
	}
	return arn
}

// maxResponse is the largest synchronous response Lambda returns.
const maxResponse = 6291556

// responseTooLarge replaces an oversized result with the function error
// Lambda reports in its place.
func responseTooLarge(res *compute.InvokeResult) *compute.InvokeResult {
	msg := fmt.Sprintf("Response payload size (%d bytes) exceeded maximum allowed payload size (%d bytes).", len(res.Payload), maxResponse)
	doc, _ := json.Marshal(map[string]string{"errorMessage": msg, "errorType": "Function.ResponseSizeTooLarge"})
	out := *res
	out.Payload = doc
	out.ErrorType = "Function.ResponseSizeTooLarge"
	return &out
}
