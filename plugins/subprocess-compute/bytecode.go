package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/ldkdev/ldk/compute"
)

// dropBytecode removes the cached bytecode of a restarted python
// function's code and layers from the backend's cache under dir
// (PYTHONPYCACHEPREFIX is dir/pycache). Python
// trusts a cached file whose source has the same size and modification
// second, so an edit saved within the second of the previous one would
// otherwise run the old code after a reload.
func dropBytecode(dir string, spec compute.FunctionSpec) {
	if dir == "" || !strings.HasPrefix(spec.Runtime, "python") {
		return
	}
	pycache := filepath.Join(dir, "pycache")
	for _, src := range append([]string{spec.CodeDir}, spec.Layers...) {
		if filepath.IsAbs(src) {
			_ = os.RemoveAll(filepath.Join(pycache, src)) // a missing cache is the goal
		}
	}
}
