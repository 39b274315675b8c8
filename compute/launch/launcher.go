package launch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/ldkdev/ldk/bootstrap"
	"github.com/ldkdev/ldk/compute"
)

// Plan is how to start one worker of a function.
type Plan struct {
	Runtime Runtime
	// Command is the argv: the executable, then its arguments.
	Command []string
	// Env is the worker's environment, sorted "KEY=value" entries, without
	// AWS_LAMBDA_RUNTIME_API.
	Env []string
}

// Launcher prepares Plans. It is safe for concurrent use.
type Launcher struct {
	backend string
	dir     string
	pycache string // PYTHONPYCACHEPREFIX of python workers
	warn    func(runtime, executable, version string)

	setup    sync.Once
	setupErr error
	shims    bootstrap.Paths

	mu      sync.Mutex
	interps map[Language]*interpSlot
	warned  map[string]bool

	// life ends at Close, which ends the interpreter searches under way.
	life       context.Context
	endLife    context.CancelFunc
	background sync.WaitGroup
}

// New returns a Launcher for the backend named backend (used in
// messages) that keeps its runtime clients and python's byte-code cache
// under dir, which the backend owns and removes when it is done. warn,
// when not nil, is called once per runtime whose interpreter on this
// machine is another version than the runtime's.
func New(backend, dir string, warn func(runtime, executable, version string)) *Launcher {
	life, end := context.WithCancel(context.Background())
	return &Launcher{backend: backend, dir: dir, pycache: filepath.Join(dir, "pycache"), warn: warn,
		interps: map[Language]*interpSlot{}, warned: map[string]bool{}, life: life, endLife: end}
}

// Close ends the interpreter searches under way (Preload's included),
// killing the processes they asked, and waits for them, so none outlives
// the backend. Prepare fails after Close.
func (l *Launcher) Close() {
	l.endLife()
	l.background.Wait()
}

// SetBytecodeCache moves python's byte-code cache from dir/pycache to
// cache, which may outlive the backend: python then compiles the standard
// library and unchanged code once, not in every run. (While the prefix is
// set python reads no __pycache__ directory at all, the standard
// library's included, so a cache that starts empty in every run costs
// each run's first python cold start hundreds of milliseconds.) Call it
// before Prepare.
func (l *Launcher) SetBytecodeCache(cache string) { l.pycache = cache }

// Prepare checks that spec can run here (runtime, package type, code
// directory, handler or bootstrap, interpreter) and returns its Plan.
func (l *Launcher) Prepare(spec compute.FunctionSpec) (Plan, error) {
	rt, ok := runtimes[spec.Runtime]
	if !ok {
		return Plan{}, fmt.Errorf("function %q uses runtime %q, which the %s backend does not run "+
			"(it runs %s); choose a supported runtime or another compute backend",
			spec.Name, spec.Runtime, l.backend, strings.Join(Supported(), ", "))
	}
	if strings.EqualFold(spec.PackageType, "Image") {
		return Plan{}, fmt.Errorf("function %q is a container image function, which the %s backend "+
			"cannot run; use a compute backend with the %q capability for it", spec.Name, l.backend, compute.CapImages)
	}
	if fi, err := os.Stat(spec.CodeDir); err != nil || !fi.IsDir() {
		return Plan{}, fmt.Errorf("function %q: code directory %q is not a directory", spec.Name, spec.CodeDir)
	}
	plan := Plan{Runtime: rt}
	if rt.Language == Provided {
		path, err := CheckBootstrap(spec.Name, spec.Runtime, spec.CodeDir)
		if err != nil {
			return Plan{}, err
		}
		plan.Command = []string{path}
		plan.Env = l.env(spec, rt)
		return plan, nil
	}
	if err := CheckHandler(spec.Name, spec.CodeDir, spec.Handler); err != nil {
		return Plan{}, err
	}
	in, err := l.interpreter(spec, rt)
	if err != nil {
		return Plan{}, err
	}
	if err := l.layout(); err != nil {
		return Plan{}, err
	}
	if rt.Language == Node {
		plan.Command = []string{in.Path, l.shims.Node}
	} else {
		plan.Command = []string{in.Path, "-u", l.shims.Python}
	}
	plan.Env = l.env(spec, rt)
	return plan, nil
}

// layout writes the runtime clients once.
func (l *Launcher) layout() error {
	l.setup.Do(func() {
		l.shims, l.setupErr = bootstrap.Layout(filepath.Join(l.dir, "runtime"))
	})
	return l.setupErr
}

// interpreter finds node or python3 once and warns once per runtime when
// its version is not the one the function asks for.
func (l *Launcher) interpreter(spec compute.FunctionSpec, rt Runtime) (Interpreter, error) {
	in, err := l.find(rt.Language)
	if err != nil {
		return in, fmt.Errorf("function %q runs %s: %w", spec.Name, spec.Runtime, err)
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	if in.Version != rt.Version && !l.warned[spec.Runtime] && l.warn != nil {
		l.warned[spec.Runtime] = true
		l.warn(spec.Runtime, in.Path, in.Full)
	}
	return in, nil
}

// find returns the interpreter of lang, asking the machine once: a second
// caller waits for the first one's answer. A failure is not kept, so an
// interpreter installed meanwhile is found by the next call.
func (l *Launcher) find(lang Language) (Interpreter, error) {
	l.mu.Lock()
	slot := l.interps[lang]
	if slot == nil {
		slot = &interpSlot{}
		l.interps[lang] = slot
	}
	l.mu.Unlock()

	slot.mu.Lock()
	defer slot.mu.Unlock()
	if slot.found {
		return slot.in, nil
	}
	in, err := FindInterpreterContext(l.life, lang)
	if err != nil {
		return in, err
	}
	slot.in, slot.found = in, true
	return in, nil
}

// Preload finds the interpreters of langs in the background, so the first
// function to start does not wait for it. Behind a version manager's shim
// (pyenv, asdf) that costs hundreds of milliseconds, which would otherwise
// fall on the first invocation. A failure is reported when a function
// needs the interpreter. Close ends the searches.
func (l *Launcher) Preload(langs ...Language) {
	for _, lang := range langs {
		l.background.Go(func() { _, _ = l.find(lang) })
	}
}

// interpSlot holds one language's interpreter once found.
type interpSlot struct {
	mu    sync.Mutex
	in    Interpreter
	found bool
}

// env builds a worker's environment: the function's, as resolved by the
// host, plus layer search paths, the runtime directory and defaults.
func (l *Launcher) env(spec compute.FunctionSpec, rt Runtime) []string {
	env := make(map[string]string, len(spec.Environment)+8)
	for k, v := range spec.Environment {
		env[k] = v
	}
	setDefault(env, "PATH", os.Getenv("PATH"))
	setDefault(env, "LAMBDA_TASK_ROOT", spec.CodeDir)
	setDefault(env, "LAMBDA_RUNTIME_DIR", filepath.Join(l.dir, "runtime"))
	setDefault(env, "_HANDLER", spec.Handler)
	setDefault(env, "TZ", ":UTC")
	setDefault(env, "LANG", "en_US.UTF-8")
	// Layers' bin directories come first on PATH, as /opt/bin does.
	prependList(env, "PATH", existing(spec.Layers, "bin"))
	switch rt.Language {
	case Node:
		prependList(env, "NODE_PATH", bootstrap.NodePath(spec.Layers, rt.Version))
	case Python:
		prependList(env, "PYTHONPATH", bootstrap.PythonPath(spec.Layers, rt.Version))
		env["PYTHONUNBUFFERED"] = "1"
		// Byte code goes to the cache, never into the user's code.
		env["PYTHONPYCACHEPREFIX"] = l.pycache
	case Provided:
		prependList(env, "LD_LIBRARY_PATH", existing(spec.Layers, "lib"))
	}
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	slices.Sort(out)
	return out
}

func setDefault(env map[string]string, key, value string) {
	if _, ok := env[key]; !ok && value != "" {
		env[key] = value
	}
}

// prependList puts dirs before the current value of a path list variable.
func prependList(env map[string]string, key string, dirs []string) {
	if len(dirs) == 0 {
		return
	}
	if cur := env[key]; cur != "" {
		dirs = append(dirs, cur)
	}
	env[key] = strings.Join(dirs, string(os.PathListSeparator))
}

// existing lists layer/<sub> for the layers that have it.
func existing(layers []string, sub string) []string {
	var dirs []string
	for _, l := range layers {
		d := filepath.Join(l, sub)
		if fi, err := os.Stat(d); err == nil && fi.IsDir() {
			dirs = append(dirs, d)
		}
	}
	return dirs
}
