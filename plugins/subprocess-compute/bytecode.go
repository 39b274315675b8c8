package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/ldkdev/ldk/compute"
)

// bytecodeCache is python's byte-code cache (PYTHONPYCACHEPREFIX) for
// workers: ldk/pycache in the user's cache directory, shared by every run
// so that the standard library and unchanged code are compiled once, not
// at each run's first python cold start. Where there is no user cache
// directory it is runtimeDir/pycache, made again by every run.
func bytecodeCache(runtimeDir string) string {
	if base, err := os.UserCacheDir(); err == nil {
		dir := filepath.Join(base, "ldk", "pycache")
		if os.MkdirAll(dir, 0o700) == nil {
			return dir
		}
	}

	return filepath.Join(runtimeDir, "pycache")
}

// sharedBytecodeCache is where bytecodeCache puts the shared cache, or ""
// where there is none; it makes nothing.
func sharedBytecodeCache() string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}

	return filepath.Join(base, "ldk", "pycache")
}

// dropRuntimeBytecode removes from the shared cache the byte code of a
// runtime directory's files (the runtime client), which no later run
// reads: every run has a runtime directory of its own.
func dropRuntimeBytecode(pycache, runtimeDir string) {
	if pycache == "" || !filepath.IsAbs(runtimeDir) {
		return
	}
	_ = os.RemoveAll(filepath.Join(pycache, runtimeDir))
}

// dropBytecode removes the cached bytecode of a restarted python
// function's code and layers from the byte-code cache pycache. Python
// trusts a cached file whose source has the same size and modification
// second, so an edit saved within the second of the previous one would
// otherwise run the old code after a reload.
func dropBytecode(pycache string, spec compute.FunctionSpec) {
	if pycache == "" || !strings.HasPrefix(spec.Runtime, "python") {
		return
	}
	for _, src := range append([]string{spec.CodeDir}, spec.Layers...) {
		if filepath.IsAbs(src) {
			_ = os.RemoveAll(filepath.Join(pycache, src)) // a missing cache is the goal
		}
	}
}
