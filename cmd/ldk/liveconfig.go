package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/hashicorp/go-hclog"
	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/config"
	"github.com/ldkdev/ldk/host/invoke"
)

// restartKeys are the settings of ldk.yaml that ldk dev applies only at
// start-up: listeners, the plugin search path, and the account and region
// every event and ARN carries. A key below one (ports.apis.X) counts too.
var restartKeys = []string{"host", "port", "aws_port", "ports", "plugin_dir", "region", "account"}

// needsRestart reports whether a key of config.Changed applies only at
// start-up.
func needsRestart(key string) bool {
	for _, k := range restartKeys {
		if key == k || strings.HasPrefix(key, k+".") {
			return true
		}
	}
	return false
}

// liveConfig is ldk.yaml as a running ldk dev applies it: each reload
// reads it again, flags and LDK_* variables laid over it as at start-up,
// and the settings that can change live are applied with the model.
//
// Its methods run on the reloader's goroutine only: read in Load, then
// apply in Apply.
type liveConfig struct {
	c      *cli.Context
	errOut io.Writer
	log    hclog.Logger
	// root is ldk's own logger, whose level log_level sets.
	root hclog.Logger
	disp *invoke.Dispatcher
	// lambdaEndpoint is the AWS endpoint functions are given.
	lambdaEndpoint string

	// start is what ldk dev started with; applied is what serves now.
	start, applied config.Config
	// next is the configuration the last read gave, for apply.
	next config.Config
	// invalid is the error of the file as last read, "" when it was valid:
	// an error is printed once, not at every reload while it stands.
	invalid string
	// recovered is set when a read found the file valid again.
	recovered bool
	// pending are the start-up-only keys that differ from the running
	// values, as last logged.
	pending []string
	// file is the configuration read last as the file has it, start-up
	// settings included: a port pinned for an API the app lacks is
	// refused now rather than at the next start.
	file config.Config
}

// read reads ldk.yaml again and returns the configuration to load the
// model with. An invalid file is reported once and the configuration
// serving is returned. Settings that apply only at start-up keep their
// running values; a change to them is logged once with a hint to restart.
func (l *liveConfig) read() config.Config {
	cfg, err := loadConfig(l.c)
	if err != nil {
		l.reportInvalid(err)
		l.next = l.applied
		return l.applied
	}
	l.recovered = l.invalid != ""
	l.invalid = ""

	var pending []string
	for _, key := range config.Changed(l.start, cfg) {
		if needsRestart(key) {
			pending = append(pending, key)
		}
	}
	if len(pending) > 0 && !slices.Equal(pending, l.pending) {
		l.log.Warn("a setting changed that applies only when ldk dev starts: restart ldk dev to apply it; until then the running value stays",
			"file", configName(cfg), "settings", strings.Join(pending, ", "))
	}
	l.pending = pending

	l.file = cfg
	cfg.Host, cfg.Port, cfg.AWSPort = l.start.Host, l.start.Port, l.start.AWSPort
	cfg.Ports, cfg.PluginDir = l.start.Ports, l.start.PluginDir
	cfg.Region, cfg.Account = l.start.Region, l.start.Account
	l.next = cfg
	return cfg
}

// reportInvalid prints the error of an invalid file, as start-up does,
// unless it was printed already.
func (l *liveConfig) reportInvalid(err error) {
	if err.Error() == l.invalid {
		return
	}
	l.invalid = err.Error()
	fmt.Fprintf(l.errOut, "ldk: %v\n", err)
	l.log.Error("ldk.yaml is invalid (see above); still serving with the last good settings: fix the file and save it again")
}

// refuse reports settings the loaded app cannot take (a function it does
// not have) as an invalid file, and goes back to the configuration
// serving.
func (l *liveConfig) refuse(err error) config.Config {
	l.reportInvalid(err)
	l.recovered = false
	l.next = l.applied
	return l.applied
}

// apply makes app serve with the configuration read last, and says what
// of ldk.yaml it applied, for the reload's log line.
//
// TODO: a backend first used after a reload gets no capability report
// (start-up's "lacks capability" line); a function it cannot run answers
// with the error instead. A backend no longer used keeps its idle plugin
// process until ldk dev stops. A plugin already running keeps the log
// level it started with, so lowering log_level shows no more of its lines
// until ldk dev restarts.
func (l *liveConfig) apply(ctx context.Context, app *appmodel.App) (appmodel.Change, string, error) {
	prev, next := l.applied, l.next
	change, err := l.disp.Reconfigure(ctx, app, dispatcherSettings(next, l.lambdaEndpoint))
	l.applied = next
	if next.LogLevel != prev.LogLevel {
		l.root.SetLevel(hclog.LevelFromString(next.LogLevel))
	}
	return change, describeConfigChange(prev, next, l.recovered), err
}

// describeConfigChange says in a few words what of ldk.yaml changed
// between two applied configurations, "" for nothing.
func describeConfigChange(prev, next config.Config, recovered bool) string {
	var parts []string
	switch {
	case prev.File == "" && next.File != "":
		parts = append(parts, "created")
	case prev.File != "" && next.File == "":
		parts = append(parts, "deleted, defaults apply")
	case prev.File != next.File:
		parts = append(parts, "now read from "+next.File)
	}
	if recovered {
		parts = append(parts, "valid again")
	}
	if keys := config.Changed(prev, next); len(keys) > 0 {
		parts = append(parts, strings.Join(keys, ", ")+" changed")
	}
	if len(parts) == 0 {
		return ""
	}
	name := next.File
	if name == "" {
		name = prev.File
	}
	if name == "" {
		name = "ldk.yaml"
	}
	return name + ": " + strings.Join(parts, "; ")
}
