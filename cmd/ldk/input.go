package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/appmodel/cdk"
)

// inputFlags are the flags that say which app to read, shared by every
// command that loads one (ls, invoke, dev).
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{
			Name:    "project-dir",
			Usage:   "CDK project directory (its cdk.json names the cloud assembly)",
			Value:   ".",
			EnvVars: []string{"LDK_PROJECT_DIR"},
		},
		&cli.StringFlag{
			Name:    "cdk-out",
			Usage:   "cloud assembly directory written by `cdk synth` (overrides --project-dir)",
			EnvVars: []string{"LDK_CDK_OUT"},
		},
		&cli.StringSliceFlag{
			Name:    "stack",
			Usage:   "only stacks whose name or display path matches this glob (repeatable, e.g. 'Dev/*')",
			EnvVars: []string{"LDK_STACK"},
		},
	}
}

// loadApp reads the app the input flags name. Diagnostics are printed to
// the command's error writer; when any is an error, the returned error
// says so and the caller exits non-zero.
func loadApp(c *cli.Context) (*appmodel.App, error) {
	// TODO: the Terraform reader plugs in here: with --tf DIR (or a
	// directory holding *.tf files and no cdk.out) it will call
	// terraform.Load instead. Until then every input is read as CDK.
	app, err := cdk.Load(cdk.Options{
		CdkOut:     c.String("cdk-out"),
		ProjectDir: c.String("project-dir"),
		Stacks:     c.StringSlice("stack"),
	})
	if app != nil {
		printDiagnostics(c.App.ErrWriter, app.Diagnostics)
	}
	if err != nil {
		if app != nil {
			n := len(app.Diagnostics.Errors())
			if n == 1 {
				return nil, errors.New("the app has 1 error, printed above")
			}
			return nil, fmt.Errorf("the app has %d errors, printed above", n)
		}
		return nil, err
	}
	return app, nil
}

// printDiagnostics writes one line per finding.
func printDiagnostics(w io.Writer, ds appmodel.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(w, d.String())
	}
}
