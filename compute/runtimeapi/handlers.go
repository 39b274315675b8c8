package runtimeapi

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

const prefix = "/2018-06-01/runtime"

func (e *Endpoint) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+prefix+"/invocation/next", e.handleNext)
	mux.HandleFunc("POST "+prefix+"/invocation/{id}/response", e.handleResponse)
	mux.HandleFunc("POST "+prefix+"/invocation/{id}/error", e.handleError)
	mux.HandleFunc("POST "+prefix+"/init/error", e.handleInitError)

	return mux
}

// handleNext long-polls until an invocation is handed over.
func (e *Endpoint) handleNext(w http.ResponseWriter, r *http.Request) {
	e.markReady()

	var p *pending
	select {
	case p = <-e.next:
	case <-r.Context().Done():
		return
	case <-e.closed:
		writeError(w, http.StatusGone, "EndpointClosed", "the runtime api endpoint is closed")
		return
	}

	if p.inv.OnTaken != nil {
		p.inv.OnTaken()
	}

	h := w.Header()
	h.Set(HeaderRequestID, p.inv.RequestID)
	h.Set(HeaderDeadlineMs, strconv.FormatInt(p.inv.Deadline.UnixMilli(), 10))
	h.Set(HeaderFunctionARN, p.inv.InvokedARN)
	if p.inv.TraceID != "" {
		h.Set(HeaderTraceID, p.inv.TraceID)
	}
	if p.inv.ClientContext != "" {
		h.Set(HeaderClientContext, p.inv.ClientContext)
	}
	if p.inv.Identity != "" {
		h.Set(HeaderCognitoIdentity, p.inv.Identity)
	}
	h.Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(p.inv.Payload)
}

func (e *Endpoint) markReady() {
	e.mu.Lock()
	defer e.mu.Unlock()

	if e.readyAt.IsZero() {
		e.readyAt = time.Now()
		close(e.ready)
	}
}

func (e *Endpoint) handleResponse(w http.ResponseWriter, r *http.Request) {
	e.finish(w, r, Succeeded)
}

func (e *Endpoint) handleError(w http.ResponseWriter, r *http.Request) {
	e.finish(w, r, Failed)
}

// finish delivers a response or error body to the waiting Invoke.
//
// TODO: response streaming (Lambda-Runtime-Function-Response-Mode:
// streaming) is read as one buffered body: a streaming function's chunks
// reach the caller all at once when it finishes, and an error sent in the
// stream's trailers is not seen.
func (e *Endpoint) finish(w http.ResponseWriter, r *http.Request, outcome Outcome) {
	id := r.PathValue("id")

	e.mu.Lock()
	p, ok := e.inflight[id]
	if ok {
		delete(e.inflight, id)
	}
	e.mu.Unlock()

	if !ok {
		writeError(w, http.StatusBadRequest, "InvalidRequestID", "Invalid request ID")
		return
	}

	body, err := readBody(w, r)
	if err != nil {
		// The invocation fails as AWS fails it: the runtime is told, and
		// the caller gets a function error.
		p.done <- Response{Outcome: Failed, ErrorType: "Function.ResponseSizeTooLarge",
			Payload: errorDoc("Function.ResponseSizeTooLarge",
				"Response payload size exceeded maximum allowed payload size (6291556 bytes).")}
		return
	}

	resp := Response{Outcome: outcome, Payload: body}
	if outcome == Failed {
		resp.ErrorType = errorType(r, body)
	}
	p.done <- resp
	writeAccepted(w)
}

func (e *Endpoint) handleInitError(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(w, r)
	if err != nil {
		return
	}

	e.mu.Lock()
	if !e.readyAt.IsZero() || e.initErr != nil {
		e.mu.Unlock()
		writeError(w, http.StatusForbidden, "InvalidStateTransition",
			"State transition from Ready to InitError failed for runtime. Error: init error reported after init")
		return
	}
	e.initErr = &Response{Outcome: InitFailed, Payload: body, ErrorType: errorType(r, body)}
	close(e.initDone)
	e.mu.Unlock()

	writeAccepted(w)
}

// readBody reads at most MaxResponseBytes, answering 413 above it.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxResponseBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "RequestEntityTooLarge",
				"Exceeded maximum allowed payload size (6291556 bytes).")
			return nil, err
		}
		writeError(w, http.StatusBadRequest, "InvalidRequestBody", "reading the request body: "+err.Error())
		return nil, err
	}

	return body, nil
}

// errorType takes the header a runtime sets, else the document's errorType.
func errorType(r *http.Request, body []byte) string {
	if t := r.Header.Get(HeaderErrorType); t != "" {
		return t
	}

	var doc struct {
		ErrorType string `json:"errorType"`
	}
	if json.Unmarshal(body, &doc) == nil && doc.ErrorType != "" {
		return doc.ErrorType
	}

	return "Unknown"
}

func writeAccepted(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	_, _ = w.Write([]byte(`{"status":"OK"}` + "\n"))
}

func writeError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(errorDoc(typ, msg))
}

// errorDoc renders {"errorMessage":…,"errorType":…}.
func errorDoc(typ, msg string) []byte {
	b, _ := json.Marshal(struct {
		ErrorMessage string `json:"errorMessage"`
		ErrorType    string `json:"errorType"`
	}{msg, typ})

	return b
}
