package lambdaapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// apiError is a Lambda service error as it goes on the wire: the status,
// x-amzn-ErrorType, and {"Type":..., "message":...} (plus Reason for
// throttling).
type apiError struct {
	status  int
	code    string
	kind    string // "User" or "Service"
	message string
	reason  string
}

func (e *apiError) Error() string { return e.code + ": " + e.message }

func userError(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, kind: "User", message: fmt.Sprintf(format, args...)}
}

// write sends the error with the request id Lambda puts on every answer.
func (e *apiError) write(w http.ResponseWriter, requestID string) {
	doc := struct {
		Reason  string `json:"Reason,omitempty"`
		Type    string `json:"Type"`
		Message string `json:"message"`
	}{e.reason, e.kind, e.message}
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(doc) // a struct of strings always encodes
	b := bytes.TrimSuffix(body.Bytes(), []byte("\n"))

	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("X-Amzn-Requestid", requestID)
	h.Set("X-Amzn-Errortype", e.code)
	w.WriteHeader(e.status)
	_, _ = w.Write(b)
}

// maxPayload is the largest synchronous request payload Lambda accepts.
const maxPayload = 6291456

// maxEventPayload is the largest asynchronous (Event) request payload
// Lambda accepts.
const maxEventPayload = 1048576

// maxClientContext is the longest X-Amz-Client-Context Lambda accepts: 3583
// bytes of base64.
const maxClientContext = 3583

func errNotFound(arn string) *apiError {
	return userError(http.StatusNotFound, "ResourceNotFoundException", "Function not found: %s", arn)
}

// errTooLarge refuses a request payload above limit bytes.
func errTooLarge(limit int64) *apiError {
	return userError(http.StatusRequestEntityTooLarge, "RequestEntityTooLargeException",
		"Request must be smaller than %d bytes for the InvokeFunction operation", limit)
}

func errThrottled(reason string) *apiError {
	e := userError(http.StatusTooManyRequests, "TooManyRequestsException", "Rate Exceeded.")
	e.reason = reason
	return e
}

func errUnknownOperation(method, path string) *apiError {
	return userError(http.StatusNotFound, "UnknownOperationException", "Unknown operation %s %s", method, path)
}

func errService(format string, args ...any) *apiError {
	e := userError(http.StatusInternalServerError, "ServiceException", format, args...)
	e.kind = "Service"
	return e
}
