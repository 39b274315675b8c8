package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/appmodel/cdk"
	"github.com/ldkdev/ldk/appmodel/terraform"
	"github.com/ldkdev/ldk/config"
)

// inputFlags are the flags that say which app to read, shared by every
// command that loads one (ls, invoke, dev).
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{
			Name:    "project-dir",
			Usage:   "project directory: a CDK app (cdk.json, cdk.out) or a Terraform root module; ldk.yaml is read from here",
			Value:   ".",
			EnvVars: []string{"LDK_PROJECT_DIR"},
		},
		&cli.StringFlag{
			Name:    "cdk-out",
			Usage:   "cloud assembly directory written by cdk synth (overrides --project-dir)",
			EnvVars: []string{"LDK_CDK_OUT"},
		},
		&cli.StringSliceFlag{
			Name:    "stack",
			Usage:   "only stacks whose name or display path matches this glob (repeatable, e.g. 'Dev/*')",
			EnvVars: []string{"LDK_STACK"},
		},
		&cli.StringFlag{
			Name:    "tf",
			Usage:   "Terraform root module directory, read statically (no terraform run)",
			EnvVars: []string{"LDK_TF"},
		},
		&cli.StringSliceFlag{Name: "var", Usage: "Terraform variable, `NAME=VALUE` (repeatable)"},
		&cli.StringSliceFlag{Name: "var-file", Usage: "Terraform variables file (repeatable)"},
		&cli.StringFlag{Name: "region", Usage: "region for stacks that name none", EnvVars: []string{"LDK_REGION"}, DefaultText: appmodel.DefaultRegion},
		&cli.StringFlag{Name: "account", Usage: "account id for stacks that name none", EnvVars: []string{"LDK_ACCOUNT"}, DefaultText: appmodel.DefaultAccount},
	}
}

// loadConfig reads ldk.yaml and lays every flag the command was given, and
// their LDK_* variables, over it. ldk.yaml is looked for in --project-dir,
// else in the --tf directory, else in the current directory.
func loadConfig(c *cli.Context) (config.Config, error) {
	cfg, err := config.Load(configDir(c))
	if err != nil {
		return cfg, err
	}
	if c.IsSet("region") {
		cfg.Region = c.String("region")
	}
	if c.IsSet("account") {
		cfg.Account = c.String("account")
	}
	for _, w := range cfg.Warnings {
		if w.Key == "plugin_dir" && c.IsSet("plugin-dir") {
			continue // the flag or LDK_PLUGIN_DIR wins over the file
		}
		fmt.Fprintf(c.App.ErrWriter, "ldk: warning: %s\n", w.Text)
	}
	applyDevFlags(c, &cfg)
	return cfg, cfg.Validate()
}

// configDir is the directory ldk.yaml is looked for in.
func configDir(c *cli.Context) string {
	if !c.IsSet("project-dir") && c.String("tf") != "" {
		return c.String("tf")
	}
	return c.String("project-dir")
}

// Input kinds detectInput can return.
const (
	inputCDK       = "cdk"
	inputTerraform = "terraform"
)

// detectInput decides how to read the project: --tf and --cdk-out say it
// outright; otherwise a directory with cdk.json or cdk.out is CDK, one with
// top-level *.tf files is Terraform, and one with both is an error.
func detectInput(c *cli.Context) (kind, dir string, err error) {
	if c.String("tf") != "" && c.String("cdk-out") != "" {
		return "", "", errors.New("--tf and --cdk-out both given; pass one")
	}
	if d := c.String("tf"); d != "" {
		return inputTerraform, d, nil
	}
	if d := c.String("cdk-out"); d != "" {
		return inputCDK, d, nil
	}
	dir = c.String("project-dir")
	tfs, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	tfjson, _ := filepath.Glob(filepath.Join(dir, "*.tf.json"))
	hasTF := len(tfs)+len(tfjson) > 0
	hasCDK := exists(filepath.Join(dir, "cdk.json")) || exists(filepath.Join(dir, "cdk.out")) ||
		exists(filepath.Join(dir, "manifest.json"))
	switch {
	case hasTF && hasCDK:
		return "", "", fmt.Errorf("%s holds both a CDK app and Terraform files; pass --cdk-out %s or --tf %s to say which to read",
			dir, filepath.Join(dir, "cdk.out"), dir)
	case hasTF:
		return inputTerraform, dir, nil
	default:
		return inputCDK, dir, nil
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// appLoader returns a function that reads the app the input flags name, so
// that ldk dev can read it again when the input changes.
func appLoader(c *cli.Context, cfg config.Config) (func() (*appmodel.App, error), error) {
	kind, dir, err := detectInput(c)
	if err != nil {
		return nil, err
	}
	env := appmodel.Env{Account: cfg.Account, Region: cfg.Region}
	if kind == inputTerraform {
		opts := terraform.Options{
			VarFiles:  c.StringSlice("var-file"),
			Vars:      c.StringSlice("var"),
			Variables: cfg.Variables,
			Env:       env,
		}
		return func() (*appmodel.App, error) { return terraform.Load(dir, opts) }, nil
	}
	for _, g := range c.StringSlice("stack") {
		if _, err := path.Match(g, ""); err != nil {
			return nil, fmt.Errorf("--stack %q is not a valid glob (%v); use * and ? as wildcards and close every [ with ], e.g. --stack 'Dev/*'", g, err)
		}
	}
	opts := cdk.Options{
		Stacks:     c.StringSlice("stack"),
		Env:        env,
		Parameters: cfg.Parameters,
	}
	if c.String("cdk-out") != "" {
		opts.CdkOut = dir
	} else {
		opts.ProjectDir = dir
	}
	return func() (*appmodel.App, error) { return cdk.Load(opts) }, nil
}

// loadApp reads the app the input flags name. Diagnostics are printed to
// the command's error writer; when any is an error, the returned error
// says so and the caller exits non-zero.
func loadApp(c *cli.Context, cfg config.Config) (*appmodel.App, error) {
	load, err := appLoader(c, cfg)
	if err != nil {
		return nil, err
	}
	app, err := load()
	return app, reportLoad(c.App.ErrWriter, app, err)
}

// reportLoad prints what a load found and turns a failed load into a short
// error; the details are already on w.
func reportLoad(w io.Writer, app *appmodel.App, err error) error {
	var tfErr *terraform.Error
	if errors.As(err, &tfErr) {
		if app != nil {
			printDiagnostics(w, app.Diagnostics.Warnings())
		}
		terraform.WriteDiagnostics(w, err)
		return countErrors(len(tfErr.Model().Errors()))
	}
	if app != nil {
		printDiagnostics(w, app.Diagnostics)
	}
	if err == nil {
		return nil
	}
	if app != nil {
		return countErrors(len(app.Diagnostics.Errors()))
	}
	return err
}

func countErrors(n int) error {
	if n == 1 {
		return errors.New("the app has 1 error, printed above")
	}
	return fmt.Errorf("the app has %d errors, printed above", n)
}

// printDiagnostics writes one line per finding.
func printDiagnostics(w io.Writer, ds appmodel.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
}
