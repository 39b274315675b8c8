// Package computetest provides a small, real compute Backend for tests of
// the compute contract and of the host: it echoes each invocation back as
// JSON, names the process it runs in, writes log records, and blocks or
// fails when the payload asks it to. It runs no function code.
package computetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ldkdev/ldk/compute"
)

// Payloads that change what Invoke does.
const (
	// PayloadBlock makes Invoke wait until its context ends.
	PayloadBlock = `"block"`
	// PayloadThrow makes Invoke answer with a function error.
	PayloadThrow = `"throw"`
	// PayloadFail makes Invoke fail as a backend (a Go error).
	PayloadFail = `"fail"`
)

// Fixed figures every successful invocation reports.
const (
	Duration     = 1234 * time.Microsecond
	InitDuration = 56 * time.Millisecond
)

// ThrowPayload is the error document PayloadThrow answers with.
const ThrowPayload = `{"errorType":"Error","errorMessage":"thrown on request"}`

// Echo is the result document of a successful invocation.
type Echo struct {
	Function      string          `json:"function"`
	RequestID     string          `json:"requestId"`
	Payload       json.RawMessage `json:"payload"`
	DeadlineMs    int64           `json:"deadlineMs"`
	InvokedARN    string          `json:"invokedArn"`
	ClientContext string          `json:"clientContext"`
	Identity      string          `json:"identity"`
	TraceID       string          `json:"traceId"`
	Handler       string          `json:"handler"`
	Greeting      string          `json:"greeting"`
	// Environment is the spec's whole environment.
	Environment map[string]string `json:"environment"`
	Pid         int               `json:"pid"`
	// Starts counts the Start calls this process has seen for the function.
	Starts int `json:"starts"`
}

// Backend is the test backend. The zero value is not usable; call New.
type Backend struct {
	name string

	mu     sync.Mutex
	specs  map[string]compute.FunctionSpec
	starts map[string]int
	cold   map[string]bool
	sinks  map[int]func(compute.LogRecord)
	nextID int
}

var _ compute.Backend = (*Backend)(nil)

// New returns a test backend that describes itself as name.
func New(name string) *Backend {
	return &Backend{
		name:   name,
		specs:  map[string]compute.FunctionSpec{},
		starts: map[string]int{},
		cold:   map[string]bool{},
		sinks:  map[int]func(compute.LogRecord){},
	}
}

// Runtimes are the runtimes the test backend claims.
var Runtimes = []string{"nodejs20.x", "python3.12"}

// EnvHangDescribe, set in a test backend's environment, makes Describe
// wait until its context ends, as a stuck plugin would.
const EnvHangDescribe = "LDK_COMPUTETEST_HANG_DESCRIBE"

// Describe implements compute.Backend.
func (b *Backend) Describe(ctx context.Context) (*compute.Description, error) {
	if os.Getenv(EnvHangDescribe) != "" {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return &compute.Description{
		Name:            b.name,
		Version:         "0.0.1-test",
		ProtocolVersion: compute.ProtocolVersion,
		Runtimes:        Runtimes,
		Capabilities:    []string{compute.CapMemoryLimit},
	}, nil
}

// Start implements compute.Backend.
func (b *Backend) Start(_ context.Context, spec compute.FunctionSpec) error {
	if spec.Name == "" {
		return errors.New("function spec has no name")
	}

	b.mu.Lock()
	defer b.mu.Unlock()

	b.specs[spec.Name] = spec
	b.starts[spec.Name]++
	b.cold[spec.Name] = true
	return nil
}

// Stop implements compute.Backend.
func (b *Backend) Stop(_ context.Context, function string) error {
	b.mu.Lock()
	defer b.mu.Unlock()

	delete(b.specs, function)
	return nil
}

// Shutdown implements compute.Backend.
func (b *Backend) Shutdown(context.Context) error {
	b.mu.Lock()
	defer b.mu.Unlock()

	b.specs = map[string]compute.FunctionSpec{}
	return nil
}

// Logs implements compute.Backend.
func (b *Backend) Logs(ctx context.Context, sink func(compute.LogRecord)) error {
	b.mu.Lock()
	id := b.nextID
	b.nextID++
	b.sinks[id] = sink
	b.mu.Unlock()

	<-ctx.Done()

	b.mu.Lock()
	delete(b.sinks, id)
	b.mu.Unlock()
	return nil
}

func (b *Backend) log(rec compute.LogRecord) {
	b.mu.Lock()
	defer b.mu.Unlock()

	for _, sink := range b.sinks {
		sink(rec)
	}
}

// Invoke implements compute.Backend.
func (b *Backend) Invoke(ctx context.Context, req compute.InvokeRequest) (*compute.InvokeResult, error) {
	b.mu.Lock()
	spec, ok := b.specs[req.Function]
	starts := b.starts[req.Function]
	cold := b.cold[req.Function]
	b.cold[req.Function] = false
	b.mu.Unlock()

	if !ok {
		return nil, fmt.Errorf("function %q is not started", req.Function)
	}

	b.log(compute.LogRecord{Function: req.Function, RequestID: req.RequestID,
		Stream: compute.StreamStdout, Time: time.Now(), Text: "invoked " + req.RequestID})

	switch string(req.Payload) {
	case PayloadBlock:
		<-ctx.Done()
		return nil, ctx.Err()
	case PayloadFail:
		return nil, errors.New("backend refused the payload")
	case PayloadThrow:
		return &compute.InvokeResult{Payload: []byte(ThrowPayload), ErrorType: "Unhandled",
			Duration: Duration, MaxMemoryMB: spec.MemoryMB, WorkerID: strconv.Itoa(os.Getpid())}, nil
	}

	var payload json.RawMessage
	if len(req.Payload) > 0 {
		payload = req.Payload
	}
	out, err := json.Marshal(Echo{
		Function: req.Function, RequestID: req.RequestID, Payload: payload,
		DeadlineMs: req.Deadline.UnixMilli(), InvokedARN: req.InvokedARN,
		ClientContext: req.ClientContext, Identity: req.Identity, TraceID: req.TraceID,
		Handler: spec.Handler, Greeting: spec.Environment["GREETING"], Environment: spec.Environment,
		Pid:    os.Getpid(),
		Starts: starts,
	})
	if err != nil {
		return nil, fmt.Errorf("encoding the echo of %q: %w", req.Function, err)
	}

	res := &compute.InvokeResult{Payload: out, LogTail: []byte("invoked " + req.RequestID + "\n"),
		Duration: Duration, MaxMemoryMB: spec.MemoryMB, WorkerID: strconv.Itoa(os.Getpid())}
	if cold {
		res.InitDuration = InitDuration
	}
	return res, nil
}

// ServeIfPlugin turns a test binary into a compute plugin when the host
// started it as one (the handshake's cookie is in its environment): it
// serves a test Backend named after the binary (ldk-compute-<name>) and
// exits. Otherwise it returns at once. Call it first in TestMain, then
// copy or link os.Args[0] to ldk-compute-<name> to use it as a plugin.
func ServeIfPlugin() {
	if os.Getenv(compute.Handshake.MagicCookieKey) != compute.Handshake.MagicCookieValue {
		return
	}

	name := strings.TrimPrefix(filepath.Base(os.Args[0]), "ldk-compute-")
	compute.Serve(New(name))
	os.Exit(0)
}
