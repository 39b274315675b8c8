package runtimeapi

import "time"

// MaxResponseBytes is the largest response or error body a worker may
// post: Lambda's limit on a synchronous response, 6 MB and 100 bytes.
const MaxResponseBytes = 6*1024*1024 + 100

// Header names of the Runtime API.
const (
	HeaderRequestID       = "Lambda-Runtime-Aws-Request-Id"
	HeaderDeadlineMs      = "Lambda-Runtime-Deadline-Ms"
	HeaderFunctionARN     = "Lambda-Runtime-Invoked-Function-Arn"
	HeaderTraceID         = "Lambda-Runtime-Trace-Id"
	HeaderClientContext   = "Lambda-Runtime-Client-Context"
	HeaderCognitoIdentity = "Lambda-Runtime-Cognito-Identity"
	HeaderErrorType       = "Lambda-Runtime-Function-Error-Type"
)

// Invocation is one event handed to the worker by GET .../invocation/next.
type Invocation struct {
	RequestID string
	Payload   []byte
	// Deadline is sent as Lambda-Runtime-Deadline-Ms (Unix milliseconds).
	Deadline   time.Time
	InvokedARN string
	TraceID    string
	// ClientContext and Identity are JSON documents, sent only when set.
	ClientContext string
	Identity      string
	// OnTaken, when set, is called as the worker takes the invocation
	// (its GET .../next is answered), before any of its response. A
	// backend prints Lambda's START line here, so that a cold start's
	// init output comes before it, as on Lambda.
	OnTaken func()
}

// Outcome says how the worker ended an invocation.
type Outcome int

// Outcomes of Invoke.
const (
	// Succeeded: the worker posted .../invocation/{id}/response.
	Succeeded Outcome = iota + 1
	// Failed: the worker posted .../invocation/{id}/error.
	Failed
	// InitFailed: the worker posted .../init/error before taking the
	// invocation; it cannot serve any invocation.
	InitFailed
)

// String names the outcome for logs.
func (o Outcome) String() string {
	switch o {
	case Succeeded:
		return "succeeded"
	case Failed:
		return "failed"
	case InitFailed:
		return "init-failed"
	}

	return "unknown"
}

// Response is what the worker posted for an invocation.
type Response struct {
	Outcome Outcome
	// Payload is the response body, or the error document the runtime
	// posted (for example {"errorType":"Error","errorMessage":"boom",...}).
	Payload []byte
	// ErrorType is the runtime's Lambda-Runtime-Function-Error-Type header,
	// else the errorType field of the error document; empty on success.
	ErrorType string
}
