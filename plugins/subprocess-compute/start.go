package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ldkdev/ldk/compute"
)

// Start checks a function can run here and prepares how its workers start.
// Workers themselves start on the first invocation. Starting a function
// again replaces it: its idle workers stop at once, busy ones when their
// invocation ends, and new invocations get workers of the new spec.
func (b *Backend) Start(ctx context.Context, spec compute.FunctionSpec) error {
	command, info, err := b.command(spec)
	if err != nil {
		return err
	}

	// Only node and python functions use the runtime directory.
	env := workerEnv(spec, info, b.paths.Dir, filepath.Join(b.dir, "pycache"))
	f := newFunction(b, spec, command, env)

	b.mu.Lock()
	old := b.functions[spec.Name]
	b.functions[spec.Name] = f
	b.mu.Unlock()

	if old != nil {
		old.retire()
		dropBytecode(b.dir, spec)
	}

	return nil
}

// command returns the argv that starts a worker of spec.
func (b *Backend) command(spec compute.FunctionSpec) ([]string, runtimeInfo, error) {
	info, ok := runtimes[spec.Runtime]
	if !ok {
		return nil, info, fmt.Errorf("function %q uses runtime %q, which the subprocess backend does not run "+
			"(it runs %s); choose a supported runtime or another compute backend",
			spec.Name, spec.Runtime, strings.Join(supportedRuntimes(), ", "))
	}

	if strings.EqualFold(spec.PackageType, "Image") {
		return nil, info, fmt.Errorf("function %q is a container image function, which the subprocess backend "+
			"cannot run; use the docker compute backend for it", spec.Name)
	}

	if fi, err := os.Stat(spec.CodeDir); err != nil || !fi.IsDir() {
		return nil, info, fmt.Errorf("function %q: code directory %q is not a directory", spec.Name, spec.CodeDir)
	}

	if info.lang == langProvided {
		path, err := checkBootstrap(spec.Name, spec.Runtime, spec.CodeDir)
		if err != nil {
			return nil, info, err
		}

		return []string{path}, info, nil
	}

	if err := checkHandler(spec.Name, spec.CodeDir, spec.Handler); err != nil {
		return nil, info, err
	}

	in, err := b.interpreter(spec, info)
	if err != nil {
		return nil, info, err
	}

	if err := b.layout(); err != nil {
		return nil, info, err
	}

	if info.lang == langNode {
		return []string{in.path, b.paths.Node}, info, nil
	}

	return []string{in.path, "-u", b.paths.Python}, info, nil
}

// interpreter finds node or python3 once and warns once per runtime when
// its version is not the one the function asks for.
func (b *Backend) interpreter(spec compute.FunctionSpec, info runtimeInfo) (interpreter, error) {
	b.mu.Lock()
	in, ok := b.interps[info.lang]
	b.mu.Unlock()

	if !ok {
		var err error
		in, err = findInterpreter(info.lang)
		if err != nil {
			return in, fmt.Errorf("function %q runs %s: %w", spec.Name, spec.Runtime, err)
		}
	}

	b.mu.Lock()
	defer b.mu.Unlock()

	b.interps[info.lang] = in
	if in.version != info.version && !b.warned[spec.Runtime] {
		b.warned[spec.Runtime] = true
		b.log.Warn("running functions with a different runtime version than they ask for",
			"runtime", spec.Runtime, "executable", in.path, "version", in.full)
	}

	return in, nil
}
