package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ldkdev/ldk/bootstrap"
	"github.com/ldkdev/ldk/compute"
)

// workerEnv builds a worker's environment: the function's, as resolved by
// the host, plus what this backend owns (layer search paths, the runtime
// directory) and defaults for what a process needs to run at all.
// AWS_LAMBDA_RUNTIME_API is added per worker.
func workerEnv(spec compute.FunctionSpec, info runtimeInfo, shimDir, cacheDir string) []string {
	env := make(map[string]string, len(spec.Environment)+8)
	for k, v := range spec.Environment {
		env[k] = v
	}

	setDefault(env, "PATH", os.Getenv("PATH"))
	setDefault(env, "LAMBDA_TASK_ROOT", spec.CodeDir)
	setDefault(env, "LAMBDA_RUNTIME_DIR", shimDir)
	setDefault(env, "_HANDLER", spec.Handler)
	setDefault(env, "TZ", ":UTC")
	setDefault(env, "LANG", "en_US.UTF-8")

	// Layers' bin directories come first on PATH, as /opt/bin does.
	prependList(env, "PATH", existing(spec.Layers, "bin"))

	switch info.lang {
	case langNode:
		prependList(env, "NODE_PATH", bootstrap.NodePath(spec.Layers, info.version))
	case langPython:
		prependList(env, "PYTHONPATH", bootstrap.PythonPath(spec.Layers, info.version))
		env["PYTHONUNBUFFERED"] = "1"
		// Byte code goes to our cache, never into the user's code.
		env["PYTHONPYCACHEPREFIX"] = cacheDir
	case langProvided:
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
