// Package invoke is the seam between the host's front doors (API Gateway,
// function URLs, the Lambda Invoke API) and the compute plugins: a request
// to run a function once, and the errors every front door maps to its own
// wire shape.
//
// Dispatcher is the Invoker the host runs: it resolves a function and its
// qualifier in the app model, caps its concurrent invocations (reserved
// concurrency, else Config.DefaultConcurrency), sets the deadline from the
// function's timeout, and runs the invocation on the function's compute
// backend. Functions start on their backend lazily, on the first
// invocation, so that `ldk invoke` starts only what it runs; `ldk dev`
// calls Prepare to start them all up front and report problems at once.
package invoke

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/ldkdev/ldk/compute"
)

// Request asks for one synchronous invocation.
type Request struct {
	// Function is the function's Name in the app model.
	Function string
	// Qualifier is the version or alias asked for ("$LATEST" when empty).
	Qualifier string
	Payload   []byte
	// ClientContext and Identity are JSON documents passed to the runtime
	// as Lambda-Runtime-Client-Context and Lambda-Runtime-Cognito-Identity.
	ClientContext string
	Identity      string
	// RequestID is set by the caller when it must match something it has
	// already reported (an API Gateway request id); generated when empty.
	RequestID string
	TraceID   string
}

// Invoker runs invocations. Implementations are safe for concurrent use.
type Invoker interface {
	Invoke(ctx context.Context, req Request) (*compute.InvokeResult, error)
}

// ErrThrottled is returned (wrapped in *ThrottledError) when a function is
// already running as many invocations as its concurrency cap allows.
var ErrThrottled = errors.New("rate exceeded")

// ThrottledError says which function hit which cap.
type ThrottledError struct {
	Function string
	Limit    int
	// Reserved is set when the limit is the function's reserved
	// concurrency rather than ldk's default cap.
	Reserved bool
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("function %q is at its concurrency limit of %d", e.Function, e.Limit)
}

// Unwrap lets errors.Is(err, ErrThrottled) match.
func (e *ThrottledError) Unwrap() error { return ErrThrottled }

// ErrNotFound is returned (wrapped in *NotFoundError) for a function the
// app does not have.
var ErrNotFound = errors.New("function not found")

// NotFoundError names the missing function and the close matches.
type NotFoundError struct {
	Function string
	Similar  []string
}

func (e *NotFoundError) Error() string {
	if len(e.Similar) > 0 {
		return fmt.Sprintf("function %q not found; did you mean %s?", e.Function, quotedList(e.Similar))
	}
	return fmt.Sprintf("function %q not found", e.Function)
}

// Unwrap lets errors.Is(err, ErrNotFound) match.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// ErrNotRunnable is returned (wrapped) for a function ldk lists but cannot
// run, such as one whose code exists only in S3.
var ErrNotRunnable = errors.New("function cannot run locally")

// quotedList renders names as "a", "b" or "c".
func quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
