package invoke

import (
	"context"
	"reflect"
	"slices"
	"time"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
)

// Settings are the parts of Config that a reload of ldk.yaml may change
// while the Dispatcher runs. Zero values take Config's defaults.
type Settings struct {
	// FunctionBackends maps a function's Name to the backend it runs on.
	FunctionBackends map[string]string
	// DefaultBackend runs every other function.
	DefaultBackend string
	// DefaultConcurrency caps functions that reserve no concurrency.
	DefaultConcurrency int
	// Env shapes each function's environment.
	Env compute.EnvOptions
	// IdleTTL is passed to backends in every FunctionSpec.
	IdleTTL time.Duration
}

// Reconfigure makes app the model and s the settings invocations run
// with, as SetApp does for the model alone, and returns what changed.
//
// A function whose effective settings change (its backend, its
// concurrency cap, the environment ldk adds, the idle TTL) counts as
// changed even when its model did not: it is listed in ChangedFunctions
// and, when started, started again with them. One that moved to another
// backend is started on the new one and stopped on the old one once its
// invocations in progress there have ended. Every other function keeps
// its state and warm workers.
func (d *Dispatcher) Reconfigure(ctx context.Context, app *appmodel.App, s Settings) (appmodel.Change, error) {
	return d.swap(ctx, app, &s)
}

// settle applies s and returns changed with every function of app whose
// state was made under other settings added, sorted. Callers hold d.mu.
func (d *Dispatcher) settle(app *appmodel.App, s Settings, changed []string) []string {
	if s.DefaultBackend == "" {
		s.DefaultBackend = DefaultBackend
	}
	if s.DefaultConcurrency == 0 {
		s.DefaultConcurrency = DefaultConcurrency
	}
	d.cfg.FunctionBackends = s.FunctionBackends
	d.cfg.DefaultBackend = s.DefaultBackend
	d.cfg.DefaultConcurrency = s.DefaultConcurrency
	d.cfg.Env = s.Env
	d.cfg.IdleTTL = s.IdleTTL

	out := slices.Clone(changed)
	for i := range app.Functions {
		m := &app.Functions[i]
		old, ok := d.functions[m.Name]
		if !ok || slices.Contains(out, m.Name) {
			continue
		}
		if old.slots.limit != d.limitOf(m) || !reflect.DeepEqual(old.env, d.cfg.Env) ||
			old.idleTTL != d.cfg.IdleTTL || old.backendName != d.backendOf(m) {
			out = append(out, m.Name)
		}
	}
	slices.Sort(out)
	return out
}

// limitOf is the concurrency cap m gets under the current settings.
// Callers hold d.mu.
func (d *Dispatcher) limitOf(m *appmodel.Function) int {
	if m.ReservedConcurrency != nil {
		return *m.ReservedConcurrency
	}
	return d.cfg.DefaultConcurrency
}

// backendOf is the backend m runs on under the current settings. Callers
// hold d.mu.
func (d *Dispatcher) backendOf(m *appmodel.Function) string {
	if b, ok := d.cfg.FunctionBackends[m.Name]; ok && b != "" {
		return b
	}
	return d.cfg.DefaultBackend
}
