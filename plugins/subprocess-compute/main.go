// Command ldk-compute-subprocess is ldk's default compute backend: it runs
// each Lambda function as local worker processes (node, python3, or the
// code's own bootstrap for provided runtimes) that speak the Lambda
// Runtime API to the plugin on 127.0.0.1.
//
// Each worker serves one invocation at a time and stays warm between
// invocations; parallel invocations get parallel workers; idle workers stop
// after the function's IdleTTL (5 minutes by default). Workers live in
// their own process group, so a timeout kills everything they started,
// and on Linux they die with the plugin.
package main

import (
	"os"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	log := hclog.New(&hclog.LoggerOptions{
		Name:       "subprocess",
		Output:     os.Stderr,
		JSONFormat: true,
		Level:      hclog.LevelFromString(os.Getenv("LDK_LOG_LEVEL")),
	})

	compute.Serve(newBackend(log, version))
}
