package invoke

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
)

// function is the Dispatcher's state for one function of the model.
type function struct {
	model       *appmodel.Function
	backendName string
	slots       *slots
	// env and idleTTL are the dispatcher's settings when the state was
	// made: a reload that changes them makes new state.
	env     compute.EnvOptions
	idleTTL time.Duration

	// mu serializes Start: the first invocations of a function wait for
	// one Start instead of each sending their own.
	mu      sync.Mutex
	backend compute.Backend // set once started

	// running counts the invocations in progress; drained, when set, is
	// closed when the count drops to zero. A reload that removes the
	// function waits for that before stopping it.
	runMu   sync.Mutex
	running int
	drained chan struct{}
}

// enter counts an invocation in.
func (f *function) enter() {
	f.runMu.Lock()
	f.running++
	f.runMu.Unlock()
}

// leave counts an invocation out.
func (f *function) leave() {
	f.runMu.Lock()
	defer f.runMu.Unlock()
	f.running--
	if f.running == 0 && f.drained != nil {
		close(f.drained)
		f.drained = nil
	}
}

// idle returns a channel closed once no invocation is in progress.
func (f *function) idle() <-chan struct{} {
	f.runMu.Lock()
	defer f.runMu.Unlock()
	if f.running == 0 {
		done := make(chan struct{})
		close(done)
		return done
	}
	if f.drained == nil {
		f.drained = make(chan struct{})
	}
	return f.drained
}

// function returns the state of m, making it on first use. Callers hold
// d.mu.
func (d *Dispatcher) function(m *appmodel.Function) *function {
	if f, ok := d.functions[m.Name]; ok {
		return f
	}

	f := &function{model: m, backendName: d.backendOf(m), slots: newSlots(d.limitOf(m)),
		env: d.cfg.Env, idleTTL: d.cfg.IdleTTL}
	d.functions[m.Name] = f
	return f
}

// started reports whether f was started on its backend.
func (f *function) started() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.backend != nil
}

// start starts f on its backend unless it is started, and returns the
// backend. A failed Start is not remembered: the next invocation tries
// again, so a fixed file or an installed runtime is picked up.
func (d *Dispatcher) start(ctx context.Context, f *function) (compute.Backend, error) {
	f.mu.Lock()
	defer f.mu.Unlock()

	if f.backend != nil {
		return f.backend, nil
	}

	backend, desc, err := d.cfg.Plugins.Backend(ctx, f.backendName)
	if err != nil {
		return nil, fmt.Errorf("starting %q: %w", f.model.Name, err)
	}
	if err := supports(f.model, f.backendName, desc); err != nil {
		return nil, err
	}

	if err := backend.Start(ctx, d.spec(f)); err != nil {
		return nil, fmt.Errorf("starting %q on compute backend %s: %w", f.model.Name, f.backendName, err)
	}
	f.backend = backend
	return backend, nil
}

// supports checks that a backend can run a function, from its Description.
func supports(f *appmodel.Function, backend string, desc *compute.Description) error {
	if f.PackageType == appmodel.PackageImage {
		if !slices.Contains(desc.Capabilities, compute.CapImages) {
			return fmt.Errorf("function %q is a container image, which compute backend %s does not run: choose a backend with the %q capability for it",
				f.Name, backend, compute.CapImages)
		}
		return nil
	}

	if !slices.Contains(desc.Runtimes, f.Runtime) {
		return fmt.Errorf("function %q uses runtime %q, which compute backend %s does not run (it runs %s): choose another backend for it",
			f.Name, f.Runtime, backend, strings.Join(desc.Runtimes, ", "))
	}
	return nil
}

// spec is what the backend gets for f: the model's settings and the full
// Lambda environment.
func (d *Dispatcher) spec(f *function) compute.FunctionSpec {
	m := f.model
	spec := compute.FunctionSpec{
		Name: m.Name, Runtime: m.Runtime, Handler: m.Handler, CodeDir: m.CodeDir,
		Layers: m.Layers, MemoryMB: m.MemoryMB, TimeoutSeconds: orDefault(m.TimeoutSeconds, DefaultTimeoutSeconds),
		Architecture: m.Architecture, PackageType: m.PackageType, ImageURI: m.ImageURI,
		Environment: m.Environment, ReservedConcurrency: f.slots.limit, IdleTTL: f.idleTTL,
	}

	opts := f.env
	if opts.Region == "" {
		opts.Region = regionOf(m.ARN)
	}
	spec.Environment = compute.LambdaEnvironment(spec, opts)
	return spec
}

// regionOf is the region field of an ARN, "" when there is none.
func regionOf(arn string) string {
	parts := strings.SplitN(arn, ":", 5)
	if len(parts) < 5 {
		return ""
	}
	return parts[3]
}

// Prepare starts the named functions now instead of on their first
// invocation (all runnable functions when no names are given), so that a
// missing backend or an unsupported runtime is reported at start-up. It
// returns every failure, joined.
func (d *Dispatcher) Prepare(ctx context.Context, names ...string) error {
	if len(names) == 0 {
		for _, m := range d.App().Functions {
			if m.Runnable {
				names = append(names, m.Name)
			}
		}
	}

	var errs []error
	for _, name := range names {
		f, err := d.resolve(name, "")
		if err == nil {
			_, err = d.start(ctx, f)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Stop stops a function on its backend, so the next invocation starts it
// afresh (after its code or settings changed). Stopping a function that
// never started does nothing.
func (d *Dispatcher) Stop(ctx context.Context, name string) error {
	d.mu.Lock()
	f, ok := d.functions[name]
	d.mu.Unlock()
	if !ok {
		return nil
	}

	f.mu.Lock()
	defer f.mu.Unlock()

	if f.backend == nil {
		return nil
	}
	if err := f.backend.Stop(ctx, name); err != nil {
		return fmt.Errorf("stopping %q on compute backend %s: %w", name, f.backendName, err)
	}
	f.backend = nil
	return nil
}
