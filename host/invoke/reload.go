package invoke

import (
	"context"
	"errors"
	"fmt"

	"github.com/ldkdev/ldk/appmodel"
)

// App returns the model invocations currently resolve in.
func (d *Dispatcher) App() *appmodel.App {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.app
}

// SetApp makes app the model invocations resolve in, as a reload does,
// and returns what changed from the previous model.
//
// Functions that did not change keep their state and warm workers. A
// changed function gets fresh state; when it was started, it is started
// again with its new spec right away, which a backend does by replacing
// its idle workers at once and its busy ones when their invocation ends.
// A removed function, or one that can no longer run, is stopped once its
// invocations in progress have ended; SetApp does not wait for that.
// Restart failures are returned joined; the function's next invocation
// tries again.
func (d *Dispatcher) SetApp(ctx context.Context, app *appmodel.App) (appmodel.Change, error) {
	return d.swap(ctx, app, nil)
}

// swap makes app the model and, when s is not nil, s the settings; see
// SetApp and Reconfigure.
func (d *Dispatcher) swap(ctx context.Context, app *appmodel.App, s *Settings) (appmodel.Change, error) {
	d.mu.Lock()
	change := appmodel.Diff(d.app, app)
	if s != nil {
		change.ChangedFunctions = d.settle(app, *s, change.ChangedFunctions)
	}
	d.app = app

	var restart, retire []*function
	for _, name := range change.ChangedFunctions {
		old, ok := d.functions[name]
		if !ok {
			continue // never invoked: its first invocation starts the new spec
		}
		delete(d.functions, name)
		m := app.Function(name)
		if !m.Runnable {
			retire = append(retire, old)
			continue
		}
		f := d.function(m)
		if f.slots.limit == old.slots.limit {
			f.slots = old.slots // the cap counts invocations across the reload
		}
		if old.started() {
			restart = append(restart, f)
			if old.backendName != f.backendName {
				retire = append(retire, old) // stopped on the backend it left
			}
		}
	}
	for _, name := range change.RemovedFunctions {
		if old, ok := d.functions[name]; ok {
			delete(d.functions, name)
			retire = append(retire, old)
		}
	}
	d.mu.Unlock()

	for _, f := range retire {
		go d.retire(f)
	}
	var errs []error
	for _, f := range restart {
		if _, err := d.start(ctx, f); err != nil {
			errs = append(errs, err)
		}
	}
	return change, errors.Join(errs...)
}

// retire stops a function the model no longer runs once its invocations
// in progress end, and a function that moved to another backend on the
// one it left. If a later reload brought the function back to the same
// backend, the new state's Start has already replaced it there and nothing
// is stopped.
func (d *Dispatcher) retire(f *function) {
	<-f.idle()

	d.mu.Lock()
	now, back := d.functions[f.model.Name]
	d.mu.Unlock()
	if back && now.backendName == f.backendName {
		return
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	if f.backend == nil {
		return
	}
	if err := f.backend.Stop(context.Background(), f.model.Name); err != nil {
		d.log.Warn("stopping a removed function", "function", f.model.Name, "error", err)
	}
	f.backend = nil
}

// Restart recycles the workers of the named functions after their code or
// layers changed on disk: each started one is started again with the same
// spec, so its idle workers stop at once and its busy ones when their
// invocation ends, and the next invocation loads the new code. Functions
// not started yet, or unknown, need nothing. Failures are returned joined.
func (d *Dispatcher) Restart(ctx context.Context, names ...string) error {
	var errs []error
	for _, name := range names {
		d.mu.Lock()
		f, ok := d.functions[name]
		d.mu.Unlock()
		if !ok {
			continue
		}
		if err := d.restart(ctx, f); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (d *Dispatcher) restart(ctx context.Context, f *function) error {
	f.mu.Lock()
	defer f.mu.Unlock()

	if f.backend == nil {
		return nil
	}
	if err := f.backend.Start(ctx, d.spec(f)); err != nil {
		// The backend may still hold the old spec; start afresh next time.
		f.backend = nil
		return fmt.Errorf("restarting %q on compute backend %s: %w", f.model.Name, f.backendName, err)
	}
	return nil
}
