package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	goruntime "runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/config"
	"github.com/ldkdev/ldk/host/invoke"
	"github.com/ldkdev/ldk/host/plugins"
)

// computeFlags are the flags of the commands that run functions.
func computeFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "compute-backend", Usage: "backend that runs functions (ldk-compute-<name>)", EnvVars: []string{"LDK_COMPUTE_BACKEND"}, DefaultText: config.DefaultBackend},
		&cli.StringFlag{Name: "plugin-dir", Usage: "directory searched for compute plugins after ldk's own", EnvVars: []string{"LDK_PLUGIN_DIR"}, DefaultText: "~/.ldk/plugins"},
		&cli.IntFlag{Name: "concurrency", Usage: "cap on parallel invocations of a function without reserved concurrency", EnvVars: []string{"LDK_CONCURRENCY"}, DefaultText: "10"},
		&cli.DurationFlag{Name: "worker-idle-ttl", Usage: "how long an idle worker stays warm", EnvVars: []string{"LDK_WORKER_IDLE_TTL"}, DefaultText: config.DefaultIdleTTL.String()},
		&cli.StringFlag{Name: "log-level", Usage: "ldk's own log level: trace, debug, info, warn, error", EnvVars: []string{"LDK_LOG_LEVEL"}, DefaultText: "info"},
	}
}

// applyComputeFlags lays the compute flags over cfg.
func applyComputeFlags(c *cli.Context, cfg *config.Config) {
	if c.IsSet("compute-backend") {
		cfg.ComputeBackend = c.String("compute-backend")
	}
	if c.IsSet("plugin-dir") {
		cfg.PluginDir = c.String("plugin-dir")
	}
	if c.IsSet("concurrency") {
		cfg.Concurrency = c.Int("concurrency")
	}
	if c.IsSet("worker-idle-ttl") {
		cfg.IdleTTL = c.Duration("worker-idle-ttl")
	}
	if c.IsSet("log-level") {
		cfg.LogLevel = c.String("log-level")
	}
}

// newLogger is ldk's own logger, on w.
func newLogger(w io.Writer, level string) hclog.Logger {
	return hclog.New(&hclog.LoggerOptions{
		Name:   "ldk",
		Level:  hclog.LevelFromString(level),
		Output: w,
	})
}

// applyOverrides merges each function's environment overrides from
// ldk.yaml into the model, so they win over the template's values.
func applyOverrides(app *appmodel.App, cfg config.Config) error {
	var unknown []string
	for name, fc := range cfg.Functions {
		f := app.Function(name)
		if f == nil {
			unknown = append(unknown, name)
			continue
		}
		if len(fc.Environment) == 0 {
			continue
		}
		env := make(map[string]string, len(f.Environment)+len(fc.Environment))
		for k, v := range f.Environment {
			env[k] = v
		}
		for k, v := range fc.Environment {
			env[k] = v
		}
		f.Environment = env
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("%s: functions.%s: the app has no such function (it has: %s)",
			configName(cfg), unknown[0], strings.Join(functionNames(app), ", "))
	}
	return checkPinnedPorts(app, cfg)
}

// checkPinnedPorts refuses a port pinned for an API or function URL the
// app does not have: a misspelt name would otherwise pin nothing.
func checkPinnedPorts(app *appmodel.App, cfg config.Config) error {
	apis, urls := map[string]bool{}, map[string]bool{}
	var apiNames, urlNames []string
	for _, a := range app.APIs {
		apis[a.Name] = true
		apiNames = append(apiNames, a.Name)
	}
	for _, u := range app.FunctionURLs {
		urls[u.Function] = true
		urlNames = append(urlNames, u.Function)
	}
	for _, name := range sortedKeys(cfg.Ports.APIs) {
		if !apis[name] {
			return fmt.Errorf("%s: ports.apis.%s: the app has no such API (it has: %s)",
				configName(cfg), name, strings.Join(apiNames, ", "))
		}
	}
	for _, name := range sortedKeys(cfg.Ports.FunctionURLs) {
		if !urls[name] {
			return fmt.Errorf("%s: ports.function_urls.%s: no function URL of that function (the app has URLs for: %s)",
				configName(cfg), name, strings.Join(urlNames, ", "))
		}
	}
	return nil
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func configName(cfg config.Config) string {
	if cfg.File != "" {
		return cfg.File
	}
	return "ldk.yaml"
}

func functionNames(app *appmodel.App) []string {
	out := make([]string, 0, len(app.Functions))
	for _, f := range app.Functions {
		out = append(out, f.Name)
	}
	return out
}

// functionBackends maps every function with its own backend in ldk.yaml.
func functionBackends(cfg config.Config) map[string]string {
	out := map[string]string{}
	for name, fc := range cfg.Functions {
		if fc.ComputeBackend != "" {
			out[name] = fc.ComputeBackend
		}
	}
	return out
}

// functionsOn lists the runnable functions the backend runs, sorted.
func functionsOn(app *appmodel.App, cfg config.Config, backend string) []string {
	var out []string
	for _, f := range app.Functions {
		if f.Runnable && cfg.BackendFor(f.Name) == backend {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}

// neededBackends lists the backends the runnable functions use, sorted.
func neededBackends(app *appmodel.App, cfg config.Config) []string {
	set := map[string]bool{}
	for _, f := range app.Functions {
		if f.Runnable {
			set[cfg.BackendFor(f.Name)] = true
		}
	}
	out := make([]string, 0, len(set))
	for b := range set {
		out = append(out, b)
	}
	sort.Strings(out)
	return out
}

// logPrinter writes function log records to w, one line each, prefixed
// with the function's name. It never blocks the plugin for long: writes
// are serialized by a mutex and go to a terminal or a file.
type logPrinter struct {
	mu sync.Mutex
	w  io.Writer
	// awaited holds the request ids a command waits on (ldk invoke), each
	// with a channel closed once the invocation's last log line is out.
	// Only awaited ids are kept, so a long ldk dev holds nothing per request.
	awaited map[string]*awaitedLog
}

type awaitedLog struct {
	done chan struct{}
	// timedOut: the REPORT said so, and the "Task timed out" line follows.
	timedOut bool
}

func (p *logPrinter) sink(_ string, rec compute.LogRecord) {
	text := strings.TrimRight(rec.Text, "\n")
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(p.w, "[%s] %s\n", rec.Function, line)
	}
	a := p.awaited[rec.RequestID]
	if a == nil || rec.Stream != compute.StreamPlatform {
		return
	}
	switch {
	case strings.HasPrefix(text, "REPORT ") && strings.Contains(text, "Status: timeout"):
		a.timedOut = true
	case strings.HasPrefix(text, "REPORT "), a.timedOut && strings.Contains(text, "Task timed out"):
		close(a.done)
		delete(p.awaited, rec.RequestID)
	}
}

// expect registers interest in a request's logs before it runs; the
// returned function waits, at most limit, until the invocation's last log
// line (REPORT, or the timed-out line after it) has been printed, so a
// one-shot command does not exit before its logs are out. Logs travel on
// their own stream and may trail the result by a moment.
func (p *logPrinter) expect(id string) (wait func(limit time.Duration)) {
	a := &awaitedLog{done: make(chan struct{})}
	p.mu.Lock()
	if p.awaited == nil {
		p.awaited = map[string]*awaitedLog{}
	}
	p.awaited[id] = a
	p.mu.Unlock()
	return func(limit time.Duration) {
		select {
		case <-a.done:
		case <-time.After(limit):
			p.mu.Lock()
			delete(p.awaited, id)
			p.mu.Unlock()
		}
	}
}

// runtimeSet is what every command that runs functions needs: the plugin
// manager and the dispatcher in front of it.
type runtimeSet struct {
	logs       *logPrinter
	manager    *plugins.Manager
	dispatcher *invoke.Dispatcher
	closeOnce  sync.Once
	closeErr   error
}

// newRuntime starts the backends the app needs (each answers Describe) and
// builds the dispatcher. lambdaEndpoint, when set, is given to functions as
// AWS_ENDPOINT_URL_LAMBDA.
func newRuntime(ctx context.Context, app *appmodel.App, cfg config.Config, logger hclog.Logger,
	logs io.Writer, lambdaEndpoint string) (*runtimeSet, error) {
	printer := &logPrinter{w: logs}
	mgr := plugins.NewManager(plugins.Options{
		Dir:     cfg.PluginDir,
		Logger:  logger,
		LogSink: printer.sink,
	})
	// A backend that cannot start fails its own functions only: the others
	// are served, and each invocation of those tries the backend again.
	needed := neededBackends(app, cfg)
	descs := map[string]*compute.Description{}
	failed := map[string]error{}
	var errs []error
	for _, name := range needed {
		_, desc, err := mgr.Backend(ctx, name)
		if err != nil {
			failed[name] = err
			errs = append(errs, err)
			continue
		}
		descs[name] = desc
	}
	if len(errs) > 0 && len(errs) == len(needed) {
		mgr.Close()
		return nil, errors.Join(errs...)
	}
	for _, name := range needed {
		if err, ok := failed[name]; ok {
			logger.Error("compute backend cannot start; its functions fail until it is fixed",
				"backend", name, "functions", strings.Join(functionsOn(app, cfg, name), ","), "error", err)
		}
	}
	reportCapabilities(logger, capabilityGaps(app, cfg, descs, goruntime.GOARCH))
	endpoints := map[string]string{}
	for k, v := range cfg.Endpoints {
		endpoints[k] = v
	}
	if lambdaEndpoint != "" {
		if _, set := endpoints["lambda"]; !set {
			endpoints["lambda"] = lambdaEndpoint
		}
	}
	disp := invoke.NewDispatcher(invoke.Config{
		App:                app,
		Plugins:            mgr,
		FunctionBackends:   functionBackends(cfg),
		DefaultBackend:     cfg.ComputeBackend,
		DefaultConcurrency: cfg.Concurrency,
		Env:                compute.EnvOptions{Region: cfg.Region, ServiceEndpointURLs: endpoints},
		IdleTTL:            cfg.IdleTTL,
		Logger:             logger,
	})
	return &runtimeSet{logs: printer, manager: mgr, dispatcher: disp}, nil
}

// close stops every plugin and its workers.
func (r *runtimeSet) close() error {
	r.closeOnce.Do(func() { r.closeErr = r.manager.Close() })
	return r.closeErr
}

// shutdownTimeout bounds how long ldk waits for in-flight requests.
const shutdownTimeout = 15 * time.Second
