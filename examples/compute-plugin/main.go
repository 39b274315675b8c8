// Command ldk-compute-snapshot is an example third-party compute backend
// for ldk. It runs each worker in a fresh temporary copy of the function's
// code: edits to the code never reach a warm worker, whatever the worker
// writes into its code directory is thrown away, and the copy is removed
// when the worker stops.
//
// It is built only on ldk's public packages: compute (the contract and
// Serve), compute/launch (how to start a node, python or provided worker),
// compute/runtimeapi (the Runtime API each worker polls) and
// compute/sandbox (Lambda's log lines, error documents and log tail).
package main

import (
	"os"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/tempdir"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0"

func main() {
	// A plugin killed with SIGKILL cannot remove its directory of
	// snapshots: the next one to start does.
	tempdir.Sweep(os.TempDir(), dirPrefix)

	compute.Serve(newBackend(compute.PluginLogger("snapshot"), version))
}
