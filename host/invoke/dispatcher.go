package invoke

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
)

// Defaults of Config.
const (
	DefaultBackend     = "subprocess"
	DefaultConcurrency = 10
	// DefaultTimeoutSeconds is Lambda's default function timeout, used when
	// the model has none.
	DefaultTimeoutSeconds = 3
	// initAllowance is how long past the function's deadline the host
	// waits for a backend's answer: Lambda gives init its own 10 s, and a
	// backend needs a moment to report a timeout.
	initAllowance = 15 * time.Second
)

// Backends gives the compute backend with a name; *plugins.Manager is one.
type Backends interface {
	Backend(ctx context.Context, name string) (compute.Backend, *compute.Description, error)
}

// Config configures a Dispatcher.
type Config struct {
	// App is the model whose functions run.
	App *appmodel.App
	// Plugins gives the backends.
	Plugins Backends
	// FunctionBackends maps a function's Name to the backend it runs on;
	// functions not in it run on DefaultBackend.
	FunctionBackends map[string]string
	// DefaultBackend is the backend of every other function; "subprocess"
	// when empty.
	DefaultBackend string
	// DefaultConcurrency caps the concurrent invocations of a function that
	// reserves no concurrency; 10 when zero.
	DefaultConcurrency int
	// Env shapes each function's environment. An empty Region is taken
	// from the function's ARN.
	Env compute.EnvOptions
	// IdleTTL is passed to backends in every FunctionSpec; zero leaves the
	// backend's default.
	IdleTTL time.Duration
	// Logger receives debug lines per invocation; hclog.NewNullLogger()
	// when nil.
	Logger hclog.Logger
}

// Dispatcher is the Invoker the host's front doors use: it resolves the
// function, enforces its concurrency cap and deadline, starts it on its
// backend the first time it is invoked (or in Prepare), and runs the
// invocation there. It is safe for concurrent use.
type Dispatcher struct {
	cfg Config
	log hclog.Logger
	mu  sync.Mutex
	// app is the model invocations resolve in; SetApp swaps it.
	app       *appmodel.App
	functions map[string]*function
}

var _ Invoker = (*Dispatcher)(nil)

// NewDispatcher returns a Dispatcher for cfg.App. It starts nothing:
// functions start on their first invocation, or up front with Prepare.
func NewDispatcher(cfg Config) *Dispatcher {
	if cfg.DefaultBackend == "" {
		cfg.DefaultBackend = DefaultBackend
	}
	if cfg.DefaultConcurrency == 0 {
		cfg.DefaultConcurrency = DefaultConcurrency
	}
	if cfg.Logger == nil {
		cfg.Logger = hclog.NewNullLogger()
	}
	return &Dispatcher{cfg: cfg, log: cfg.Logger, app: cfg.App, functions: map[string]*function{}}
}

// Invoke runs one synchronous invocation. It fails with *NotFoundError for
// an unknown function or qualifier, ErrNotRunnable (wrapped with the
// model's reason), *ThrottledError at the concurrency cap, and the
// backend's error when the backend cannot run it. A function error is a
// result with ErrorType set.
func (d *Dispatcher) Invoke(ctx context.Context, req Request) (*compute.InvokeResult, error) {
	f, err := d.resolve(req.Function, req.Qualifier)
	if err != nil {
		return nil, err
	}

	if !f.slots.acquire() {
		return nil, &ThrottledError{Function: f.model.Name, Limit: f.slots.limit,
			Reserved: f.model.ReservedConcurrency != nil}
	}
	defer f.slots.release()
	// A reload that removes the function waits for this invocation.
	f.enter()
	defer f.leave()

	backend, err := d.start(ctx, f)
	if err != nil {
		return nil, err
	}

	timeout := time.Duration(orDefault(f.model.TimeoutSeconds, DefaultTimeoutSeconds)) * time.Second
	deadline := time.Now().Add(timeout)
	ctx, cancel := context.WithDeadline(ctx, deadline.Add(initAllowance))
	defer cancel()

	creq := compute.InvokeRequest{
		Function:      f.model.Name,
		RequestID:     req.RequestID,
		Payload:       req.Payload,
		Deadline:      deadline,
		InvokedARN:    invokedARN(f.model.ARN, req.Qualifier),
		ClientContext: req.ClientContext,
		Identity:      req.Identity,
		TraceID:       req.TraceID,
	}
	if creq.RequestID == "" {
		creq.RequestID = NewRequestID()
	}
	if creq.TraceID == "" {
		creq.TraceID = NewTraceID()
	}
	if d.log.IsDebug() {
		d.log.Debug("invoking", "function", creq.Function, "request_id", creq.RequestID, "backend", f.backendName)
	}

	res, err := backend.Invoke(ctx, creq)
	if err != nil {
		return nil, fmt.Errorf("invoking %q on compute backend %s: %w", f.model.Name, f.backendName, err)
	}
	return res, nil
}

// resolve finds the function a request names, checking the qualifier and
// that the function can run. It holds d.mu so that the model and the
// function's state come from the same reload.
func (d *Dispatcher) resolve(name, qualifier string) (*function, error) {
	d.mu.Lock()
	defer d.mu.Unlock()

	app := d.app
	m, similar := app.FindFunction(name)
	if m == nil {
		return nil, &NotFoundError{Function: name, Similar: similar}
	}
	if qualifier != "" && qualifier != "$LATEST" && !slices.Contains(declaredAliases(app, m), qualifier) {
		return nil, &NotFoundError{Function: m.Name + ":" + qualifier}
	}
	if !m.Runnable {
		return nil, fmt.Errorf("function %q: %w: %s", m.Name, ErrNotRunnable, m.Reason)
	}
	return d.function(m), nil
}

// declaredAliases are the aliases of a function: those the model lists and
// those its function URLs target.
func declaredAliases(app *appmodel.App, f *appmodel.Function) []string {
	out := slices.Clone(f.Aliases)
	for _, u := range app.FunctionURLs {
		if u.Function == f.Name && u.Qualifier != "" {
			out = append(out, u.Qualifier)
		}
	}
	return out
}

// invokedARN is the ARN the runtime reports as invoked: the function's,
// with the qualifier the caller used.
func invokedARN(arn, qualifier string) string {
	if qualifier == "" || strings.Count(arn, ":") > 6 {
		return arn
	}
	return arn + ":" + qualifier
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}
