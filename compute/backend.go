package compute

import (
	"context"
	"time"
)

// Backend is what a compute plugin implements. The host calls Describe
// first, then Start for each function it will run, Invoke any number of
// times (concurrently), Stop when a function goes away or changes, and
// Shutdown once at the end. Every call carries a context; a backend should
// give up when it is done.
type Backend interface {
	// Describe says who the backend is and what it can do.
	Describe(ctx context.Context) (*Description, error)
	// Start prepares a function: checks its runtime, lays out shims,
	// builds images. It may start workers ahead of time but need not.
	Start(ctx context.Context, spec FunctionSpec) error
	// Invoke runs one invocation of a started function and returns its
	// result. A function error (the handler threw, timed out, crashed) is
	// a result with ErrorType set, not a Go error; a Go error means the
	// backend could not run the invocation at all.
	Invoke(ctx context.Context, req InvokeRequest) (*InvokeResult, error)
	// Stop stops every worker of one function and forgets it.
	Stop(ctx context.Context, function string) error
	// Shutdown stops everything. The plugin process exits after it.
	Shutdown(ctx context.Context) error
	// Logs streams log records until ctx ends. It is called once by the
	// host right after Describe.
	Logs(ctx context.Context, sink func(LogRecord)) error
}

// Description is a backend's answer to Describe.
type Description struct {
	// Name is the backend's name, as in ldk-compute-<name>.
	Name    string
	Version string
	// ProtocolVersion is the compute protocol version the backend speaks.
	ProtocolVersion int
	// Runtimes lists Lambda runtime identifiers it can run ("nodejs20.x").
	Runtimes []string
	// Capabilities lists optional features, see the Cap* constants.
	Capabilities []string
}

// Capabilities a backend may declare.
const (
	// CapImages: runs PackageType Image functions.
	CapImages = "images"
	// CapMemoryLimit: enforces the function's memory size.
	CapMemoryLimit = "memory-limit"
	// CapCPULimit: enforces a CPU share derived from memory.
	CapCPULimit = "cpu-limit"
	// CapARM64: runs arm64 functions natively.
	CapARM64 = "arm64"
)

// FunctionSpec is everything a backend needs to run one function.
type FunctionSpec struct {
	Name    string
	Runtime string
	Handler string
	// CodeDir is the absolute path of the code (LAMBDA_TASK_ROOT).
	CodeDir string
	// Layers are absolute layer content directories, in /opt order.
	Layers         []string
	MemoryMB       int
	TimeoutSeconds int
	Architecture   string
	PackageType    string
	ImageURI       string
	// Environment is the full environment the function sees, already
	// resolved by the host (AWS_* variables, user variables, overrides).
	// Backends add only what they own: AWS_LAMBDA_RUNTIME_API and paths.
	Environment map[string]string
	// ReservedConcurrency caps parallel workers; 0 means the host's default.
	ReservedConcurrency int
	// IdleTTL is how long an idle worker stays warm; 0 means the backend's
	// default.
	IdleTTL time.Duration
}

// InvokeRequest is one invocation.
type InvokeRequest struct {
	Function  string
	RequestID string
	Payload   []byte
	// Deadline is when the invocation times out (wall clock).
	Deadline      time.Time
	InvokedARN    string
	ClientContext string // JSON, as sent in Lambda-Runtime-Client-Context
	Identity      string // JSON, as sent in Lambda-Runtime-Cognito-Identity
	TraceID       string
}

// InvokeResult is what an invocation produced.
type InvokeResult struct {
	// Payload is the response body, or the error document when ErrorType
	// is set.
	Payload []byte
	// ErrorType is "" on success, else "Unhandled" for handler errors or a
	// runtime error type such as "Runtime.ExitError", "Sandbox.Timedout".
	ErrorType string
	// LogTail is the last 4 KB of the invocation's log (stdout and stderr
	// and the START/END/REPORT lines).
	LogTail []byte
	// InitDuration is set on a cold start.
	InitDuration time.Duration
	Duration     time.Duration
	// MaxMemoryMB is the worker's peak resident memory, measured.
	MaxMemoryMB int
	// WorkerID identifies the worker that served the invocation (a pid for
	// process backends, a container id for docker).
	WorkerID string
}

// Log streams.
const (
	StreamStdout = "stdout"
	StreamStderr = "stderr"
	// StreamPlatform carries START/END/REPORT lines.
	StreamPlatform = "platform"
)

// LogRecord is one line of function output.
type LogRecord struct {
	Function  string
	RequestID string
	Stream    string
	Time      time.Time
	Text      string
}
