package reload

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/host"
	"github.com/ldkdev/ldk/host/invoke"
	"github.com/ldkdev/ldk/host/watch"
)

// Config configures a Reloader.
type Config struct {
	// Load reads the model again, as at start-up, with ldk.yaml's
	// overrides applied. It prints the model's diagnostics itself; an
	// error means the model cannot serve and the last good one stays.
	Load func() (*appmodel.App, error)
	// Inputs are the directories and files the model is read from: the
	// cloud assembly directory, or the Terraform module and its variable
	// files.
	Inputs []string
	// RestartFiles are files read once at start-up: a change to one is
	// logged with a hint to restart, and applies nothing.
	RestartFiles []string
	// ConfigFiles are files Load reads besides the model's inputs (ldk.yaml
	// under each name it may have). They need not exist: creating,
	// editing, renaming over or deleting one reads the model again.
	ConfigFiles []string
	// Apply, when set, makes a loaded model serve in place of
	// Dispatcher.SetApp (ldk dev applies ldk.yaml's settings with it).
	// Besides the change it returns a few words for the reload's log line
	// about what else it applied, "" for nothing.
	Apply func(ctx context.Context, app *appmodel.App) (appmodel.Change, string, error)
	// IsModelFile, when set, reports whether a path is a model input even
	// inside a function's code directory (a .tf file, say).
	IsModelFile func(path string) bool
	// Dispatcher runs the functions; its model is swapped on reload.
	Dispatcher *invoke.Dispatcher
	// Server holds the listeners; they follow the model's APIs and URLs.
	Server *host.Server
	// Functions is told the functions of each new model (the Lambda
	// Invoke API's handler).
	Functions FunctionSetter
	// Debounce is how long a burst of file events is folded for;
	// watch.DefaultDebounce when zero.
	Debounce time.Duration
	// Logger receives the reload lines; hclog.NewNullLogger() when nil.
	Logger hclog.Logger
}

// FunctionSetter is told the functions of a reloaded model
// (*lambdaapi.Handler is one).
type FunctionSetter interface {
	SetFunctions(fns []appmodel.Function)
}

// Reloader watches an app's files and applies their changes to a running
// ldk dev. Run drives it.
type Reloader struct {
	cfg   Config
	in    inputs
	w     *watch.Watcher
	files *fileWatch // nil without ConfigFiles
	log   hclog.Logger

	// app is the model serving; broken is true while the inputs fail to
	// load. Only Run's goroutine touches them.
	app    *appmodel.App
	broken bool
}

// New starts watching app's code and layer directories and cfg.Inputs.
// A directory that cannot be watched is logged, not fatal: the rest are.
func New(cfg Config, app *appmodel.App) (*Reloader, error) {
	if cfg.Logger == nil {
		cfg.Logger = hclog.NewNullLogger()
	}
	in := inputs{isModelFile: cfg.IsModelFile}
	for _, p := range cfg.Inputs {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("watching %s: %w", p, err)
		}
		in.roots = append(in.roots, abs)
	}
	for _, p := range cfg.RestartFiles {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("watching %s: %w", p, err)
		}
		in.restart = append(in.restart, abs)
	}

	for _, p := range cfg.ConfigFiles {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("watching %s: %w", p, err)
		}
		in.config = append(in.config, abs)
	}

	w, err := watch.New(cfg.Debounce)
	if err != nil {
		return nil, fmt.Errorf("starting the file watcher: %w", err)
	}
	r := &Reloader{cfg: cfg, in: in, w: w, log: cfg.Logger, app: app}
	if len(in.config) > 0 {
		if r.files, err = newFileWatch(in.config, cfg.Debounce); err != nil {
			w.Close()
			return nil, fmt.Errorf("watching %s: %w", strings.Join(in.config, ", "), err)
		}
	}
	r.watch()
	return r, nil
}

// watch sets the watched roots for the serving model. A root deleted and
// created again (rm -rf cdk.out && cdk synth) or swapped in by a rename is
// watched again: the watcher follows it through its parent.
func (r *Reloader) watch() {
	if err := r.w.Set(watchRoots(r.app, r.in)); err != nil {
		// TODO: a code directory created after this point is not watched
		// until the next model reload; its edits need a restart until then.
		r.log.Warn("some files are not watched; their edits need a restart of ldk dev", "error", err)
	}
}

// Close stops watching; it is for a Reloader whose Run is never called.
func (r *Reloader) Close() error {
	err := r.w.Close()
	if r.files != nil {
		err = errors.Join(err, r.files.Close())
	}
	return err
}

// Run applies changes until ctx ends, then stops watching.
func (r *Reloader) Run(ctx context.Context) {
	defer r.Close()

	var files <-chan watch.Change
	if r.files != nil {
		files = r.files.Changes()
	}
	for {
		select {
		case <-ctx.Done():
			return
		case c := <-r.w.Changes():
			if c, ok := r.withoutConfig(c); ok {
				r.apply(ctx, c)
			}
		case c := <-files:
			r.apply(ctx, c)
		case err := <-r.w.Errors():
			r.log.Warn("watching files", "error", err)
		}
	}
}

// apply carries out one change and logs what it did.
func (r *Reloader) apply(ctx context.Context, c watch.Change) {
	p := planFor(c, r.app, r.in)
	for _, f := range p.restart {
		r.log.Warn("a file read only at start-up changed: restart ldk dev to apply it", "file", f)
	}

	var o outcome
	if p.model {
		r.applyModel(ctx, c, &o)
	}

	var code []string
	for _, name := range sortedKeys(p.code) {
		if !o.byModel[name] && r.app.Function(name) != nil {
			code = append(code, name)
		}
	}
	if len(code) > 0 {
		if err := r.cfg.Dispatcher.Restart(ctx, code...); err != nil {
			o.errs = append(o.errs, err)
		}
		o.touched = append(o.touched, code...)
		o.why = append(o.why, "code: "+describePaths(p.codePaths))
	}

	took := time.Since(c.First).Round(100 * time.Microsecond)
	if len(o.why) == 0 {
		r.log.Debug("files changed; nothing to reload", "files", describePaths(c.Paths), "took", took)
		return
	}
	slices.Sort(o.touched)
	args := []any{"functions", strings.Join(slices.Compact(o.touched), ", "), "why", strings.Join(o.why, "; "), "took", took}
	if err := errors.Join(o.errs...); err != nil {
		r.log.Error("reloaded with errors", append(args, "error", err)...)
		return
	}
	r.log.Info("reloaded", args...)
}

// outcome gathers what one reload did, for its log line.
type outcome struct {
	why, touched []string
	errs         []error
	// byModel are the functions the model reload added, removed or
	// restarted: their code needs no restart of its own.
	byModel map[string]bool
}

// applyModel re-reads the model and applies it. A model that fails to
// load is logged at once and changes nothing.
func (r *Reloader) applyModel(ctx context.Context, c watch.Change, o *outcome) {
	change, up, note, err := r.reloadModel(ctx)
	if errors.Is(err, errNoLoad) {
		r.broken = true
		r.log.Error("the app no longer loads; still serving the last good model: fix the file and save it again",
			"files", describePaths(c.Paths), "error", errors.Unwrap(err))
		return
	}
	if err != nil {
		o.errs = append(o.errs, err)
	}

	o.byModel = map[string]bool{}
	for _, names := range [][]string{change.AddedFunctions, change.RemovedFunctions, change.ChangedFunctions} {
		for _, n := range names {
			o.byModel[n] = true
		}
	}
	o.touched = append(o.touched, change.ChangedFunctions...)
	o.touched = append(o.touched, change.AddedFunctions...)
	o.touched = append(o.touched, change.RemovedFunctions...)
	d := describeChange(change)
	if r.broken && d == "" {
		d = "loads again, unchanged"
	}
	r.broken = false
	if note != "" {
		o.why = append(o.why, note)
	}
	if d != "" {
		o.why = append(o.why, "model: "+d)
	}
	if d := describeListeners(up); d != "" {
		o.why = append(o.why, d)
	}
}

// errNoLoad marks a model that failed to load; Load printed why.
var errNoLoad = errors.New("the app failed to load")

// loadError is a failed Load, errNoLoad to errors.Is.
type loadError struct{ err error }

func (e *loadError) Error() string        { return e.err.Error() }
func (e *loadError) Unwrap() error        { return e.err }
func (e *loadError) Is(target error) bool { return target == errNoLoad }

// reloadModel reads the model again and applies it: dispatcher, Invoke
// API, listeners, watched directories. note is what Apply said.
func (r *Reloader) reloadModel(ctx context.Context) (change appmodel.Change, up host.Updated, note string, err error) {
	app, err := r.cfg.Load()
	if err != nil {
		return appmodel.Change{}, host.Updated{}, "", &loadError{err}
	}

	var errs []error
	if r.cfg.Apply != nil {
		change, note, err = r.cfg.Apply(ctx, app)
	} else {
		change, err = r.cfg.Dispatcher.SetApp(ctx, app)
	}
	if err != nil {
		errs = append(errs, err)
	}
	if r.cfg.Functions != nil {
		r.cfg.Functions.SetFunctions(app.Functions)
	}
	if r.cfg.Server != nil {
		up, err = r.cfg.Server.Update(app)
		if err != nil {
			errs = append(errs, err)
		}
	}
	r.app = app
	r.watch()
	return change, up, note, errors.Join(errs...)
}
