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
// ldk.yaml into the model, so they win over the template's values. A
// function or a pinned port the app does not have is an error, and then
// the model is left alone.
func applyOverrides(app *appmodel.App, cfg config.Config) error {
	if err := checkOverrides(app, cfg); err != nil {
		return err
	}
	for name, fc := range cfg.Functions {
		f := app.Function(name)
		if f == nil || len(fc.Environment) == 0 {
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
	return nil
}

// checkOverrides refuses settings of ldk.yaml that name what the app does
// not have.
func checkOverrides(app *appmodel.App, cfg config.Config) error {
	var unknown []string
	for name := range cfg.Functions {
		if app.Function(name) == nil {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("%s: functions.%s: the app has no such function; name one of %s, or remove it",
			cfg.Where("functions."+unknown[0]), unknown[0], strings.Join(functionNames(app), ", "))
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
				cfg.Where("ports.apis."+name), name, strings.Join(apiNames, ", "))
		}
	}
	for _, name := range sortedKeys(cfg.Ports.FunctionURLs) {
		if !urls[name] {
			return fmt.Errorf("%s: ports.function_urls.%s: no function URL of that function (the app has URLs for: %s)",
				cfg.Where("ports.function_urls."+name), name, strings.Join(urlNames, ", "))
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

// runtimeSet is what every command that runs functions needs: the plugin
// manager and the dispatcher in front of it.
type runtimeSet struct {
	logs       *logPrinter
	manager    *plugins.Manager
	dispatcher *invoke.Dispatcher
	// lambdaEndpoint is the AWS endpoint functions are given, "" for none.
	lambdaEndpoint string
	closeOnce      sync.Once
	closeErr       error
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
	s := dispatcherSettings(cfg, lambdaEndpoint)
	disp := invoke.NewDispatcher(invoke.Config{
		App:                app,
		Plugins:            mgr,
		FunctionBackends:   s.FunctionBackends,
		DefaultBackend:     s.DefaultBackend,
		DefaultConcurrency: s.DefaultConcurrency,
		Env:                s.Env,
		IdleTTL:            s.IdleTTL,
		Logger:             logger,
	})
	return &runtimeSet{logs: printer, manager: mgr, dispatcher: disp, lambdaEndpoint: lambdaEndpoint}, nil
}

// dispatcherSettings are the dispatcher's settings from cfg, at start-up
// and on each reload of ldk.yaml. lambdaEndpoint, when set, is given to
// functions as AWS_ENDPOINT_URL_LAMBDA unless ldk.yaml names another.
func dispatcherSettings(cfg config.Config, lambdaEndpoint string) invoke.Settings {
	endpoints := map[string]string{}
	for k, v := range cfg.Endpoints {
		endpoints[k] = v
	}
	if lambdaEndpoint != "" {
		if _, set := endpoints["lambda"]; !set {
			endpoints["lambda"] = lambdaEndpoint
		}
	}
	return invoke.Settings{
		FunctionBackends:   functionBackends(cfg),
		DefaultBackend:     cfg.ComputeBackend,
		DefaultConcurrency: cfg.Concurrency,
		Env:                compute.EnvOptions{Region: cfg.Region, ServiceEndpointURLs: endpoints},
		IdleTTL:            cfg.IdleTTL,
	}
}

// close stops every plugin and its workers.
func (r *runtimeSet) close() error {
	r.closeOnce.Do(func() { r.closeErr = r.manager.Close() })
	return r.closeErr
}

// shutdownTimeout bounds how long ldk waits for in-flight requests.
const shutdownTimeout = 15 * time.Second
