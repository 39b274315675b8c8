package main

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/hashicorp/go-hclog"
	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/appmodel/cdk"
	"github.com/ldkdev/ldk/config"
	"github.com/ldkdev/ldk/host"
	"github.com/ldkdev/ldk/host/reload"
)

// newReloader builds the reloader of ldk dev: it watches the app's inputs,
// its code and ldk.yaml, and applies their changes to the running runtime
// and server. cfg is the configuration ldk dev started with; logger is
// ldk's own, whose level a reload of log_level sets.
func newReloader(c *cli.Context, cfg config.Config, app *appmodel.App, rt *runtimeSet, srv *host.Server,
	fns reload.FunctionSetter, logger hclog.Logger) (*reload.Reloader, error) {
	if _, err := appLoader(c, cfg); err != nil {
		return nil, err
	}
	inputs, isModelFile, err := modelInputs(c)
	if err != nil {
		return nil, err
	}
	printer := &diagnosticPrinter{w: c.App.ErrWriter, seen: map[string]bool{}}
	printer.remember(app.Diagnostics)
	log := logger.Named("reload")
	live := &liveConfig{c: c, errOut: c.App.ErrWriter, log: log, root: logger, disp: rt.dispatcher,
		lambdaEndpoint: rt.lambdaEndpoint, start: cfg, applied: cfg}

	// loadWith reads the model as start-up does, with cfg's variables,
	// parameters and overrides.
	loadWith := func(cfg config.Config) (*appmodel.App, error) {
		load, err := appLoader(c, cfg)
		if err != nil {
			return nil, err
		}
		next, err := load()
		if err != nil {
			return nil, reportLoad(c.App.ErrWriter, next, err)
		}
		printer.printNew(next.Diagnostics)
		return next, nil
	}
	return reload.New(reload.Config{
		Load: func() (*appmodel.App, error) {
			cfg := live.read()
			next, err := loadWith(cfg)
			if err != nil {
				return nil, err
			}
			err = checkOverrides(next, cfg)
			if err == nil && live.invalid == "" {
				err = checkPinnedPorts(next, live.file)
			}
			if err != nil {
				// ldk.yaml names what the app lacks: keep the settings
				// serving, and read the model with them.
				if next, err = loadWith(live.refuse(err)); err != nil {
					return nil, err
				}
				cfg = live.applied
			}
			if err := applyOverrides(next, cfg); err != nil {
				return nil, err // the reloader logs it
			}
			return next, nil
		},
		Apply:       live.apply,
		Inputs:      inputs,
		ConfigFiles: config.Paths(configDir(c)),
		IsModelFile: isModelFile,
		Dispatcher:  rt.dispatcher,
		Server:      srv,
		Functions:   fns,
		Logger:      log,
	}, app)
}

// modelInputs are the files and directories the app model is read from,
// and which files inside code directories still count as model files.
func modelInputs(c *cli.Context) ([]string, func(string) bool, error) {
	kind, dir, err := detectInput(c)
	if err != nil {
		return nil, nil, err
	}
	if kind == inputTerraform {
		inputs := append([]string{dir}, c.StringSlice("var-file")...)
		return inputs, isTerraformFile, nil
	}
	opts := cdk.Options{ProjectDir: dir}
	if c.String("cdk-out") != "" {
		opts = cdk.Options{CdkOut: dir}
	}
	out, err := opts.AssemblyDir()
	if err != nil {
		return nil, nil, err
	}
	return []string{out}, isAssemblyFile, nil
}

// isTerraformFile reports whether a path is Terraform configuration or
// variables.
func isTerraformFile(p string) bool {
	for _, ext := range []string{".tf", ".tf.json", ".tfvars", ".tfvars.json"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// isAssemblyFile reports whether a path is a cloud assembly's own file
// rather than an asset's.
func isAssemblyFile(p string) bool {
	base := filepath.Base(p)
	return base == "manifest.json" || strings.HasSuffix(base, ".template.json") || strings.HasSuffix(base, ".assets.json")
}

// diagnosticPrinter prints the findings of each reload that were not
// printed before, so a reload repeats no warning.
type diagnosticPrinter struct {
	mu   sync.Mutex
	w    io.Writer
	seen map[string]bool
}

func (p *diagnosticPrinter) remember(ds appmodel.Diagnostics) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, d := range ds {
		p.seen[d.String()] = true
	}
}

func (p *diagnosticPrinter) printNew(ds appmodel.Diagnostics) {
	var fresh appmodel.Diagnostics
	p.mu.Lock()
	for _, d := range ds {
		if !p.seen[d.String()] {
			p.seen[d.String()] = true
			fresh = append(fresh, d)
		}
	}
	p.mu.Unlock()
	printDiagnostics(p.w, fresh)
}

// newSynth builds the --synth runner: the CDK app in --project-dir is
// synthesized into the assembly ldk dev serves when its sources change.
func newSynth(c *cli.Context, logger hclog.Logger) (*reload.Synth, error) {
	kind, _, err := detectInput(c)
	if err != nil {
		return nil, err
	}
	if kind != inputCDK {
		return nil, errors.New("--synth runs a CDK app; this project is read as Terraform")
	}
	out, _, err := modelInputs(c)
	if err != nil {
		return nil, err
	}
	cfg, err := reload.ReadCDKJSON(c.String("project-dir"), out[0])
	if err != nil {
		return nil, err
	}
	cfg.Out = c.App.ErrWriter
	cfg.Logger = logger.Named("synth")
	cfg.Timeout = c.Duration("synth-timeout") // checked positive by runDev
	return reload.NewSynth(cfg)
}
