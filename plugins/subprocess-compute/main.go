package main

import (
	"os"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/internal/pprofserve"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	if code, ok := runGuard(); ok {
		os.Exit(code)
	}

	log := hclog.New(&hclog.LoggerOptions{
		Name:       "subprocess",
		Output:     os.Stderr,
		JSONFormat: true,
		Level:      hclog.LevelFromString(os.Getenv("LDK_LOG_LEVEL")),
	})

	if err := dieWithHost(); err != nil {
		log.Warn("this plugin and its workers may outlive a killed ldk", "error", err)
	}
	sweepAtStart(log)
	pprofserve.FromEnv(pprofserve.PluginEnv, log)
	b := newBackend(log, version)
	go b.warm()
	compute.Serve(b)
}
