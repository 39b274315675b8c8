package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/appmodel"
)

// lsCommand is `ldk ls`: print the app model.
func lsCommand() *cli.Command {
	return &cli.Command{
		Name:  "ls",
		Usage: "list the app's functions, routes, function URLs and event sources",
		Flags: append(inputFlags(),
			&cli.BoolFlag{Name: "json", Usage: "print the whole app model as JSON"},
			&cli.BoolFlag{Name: "all", Usage: "include functions CDK adds for itself (custom resources, log retention)"},
			&cli.BoolFlag{Name: "show-secrets", Usage: "print the values of environment variables named like secrets (*SECRET*, *PASSWORD*, *TOKEN*, *KEY*, ...) and the passwords in URLs"},
		),
		Action: func(c *cli.Context) error {
			cfg, err := loadConfig(c)
			if err != nil {
				return err
			}
			app, err := loadApp(c, cfg)
			if err != nil {
				return err
			}
			// What ldk dev would refuse in ldk.yaml, ls reports as well, and
			// it shows the environment a function runs with: its own with
			// ldk.yaml's overrides laid over it.
			if err := applyOverrides(app, cfg); err != nil {
				return err
			}
			if !c.Bool("all") {
				app = withoutInternal(app)
			}
			if !c.Bool("show-secrets") {
				app = maskSecrets(app)
			}
			if c.Bool("json") {
				enc := json.NewEncoder(c.App.Writer)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				return enc.Encode(app)
			}
			printTables(c.App.Writer, app)
			return nil
		},
	}
}

// withoutInternal returns a copy of app without internal functions.
func withoutInternal(app *appmodel.App) *appmodel.App {
	out := *app
	out.Functions = make([]appmodel.Function, 0, len(app.Functions))
	for _, f := range app.Functions {
		if !f.Internal {
			out.Functions = append(out.Functions, f)
		}
	}
	return &out
}

// printTables writes the human-readable listing of `ldk ls`.
func printTables(w io.Writer, app *appmodel.App) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	defer tw.Flush()

	fmt.Fprintf(tw, "FUNCTION\tRUNTIME\tHANDLER\tMEMORY\tTIMEOUT\tCODE\n")
	for _, f := range app.Functions {
		code := f.CodeDir
		switch {
		case f.ImageDir != "":
			code = "image " + f.ImageDir
		case !f.Runnable:
			code = "(not runnable: " + f.Reason + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d MB\t%d s\t%s\n",
			f.Name, dash(f.Runtime), dash(f.Handler), f.MemoryMB, f.TimeoutSeconds, code)
	}

	if len(app.Routes) > 0 {
		fmt.Fprintf(tw, "\nAPI\tMETHOD\tPATH\tFUNCTION\tPAYLOAD\n")
		for _, r := range app.Routes {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.API, r.Method, r.Path, r.Function, r.PayloadVersion)
		}
	}
	if len(app.FunctionURLs) > 0 {
		fmt.Fprintf(tw, "\nFUNCTION URL\tAUTH\n")
		for _, u := range app.FunctionURLs {
			fmt.Fprintf(tw, "%s\t%s\n", u.Function, u.AuthType)
		}
	}
	if len(app.EventSources) > 0 {
		fmt.Fprintf(tw, "\nEVENT SOURCE\tTYPE\tFUNCTION\tBATCH\n")
		for _, e := range app.EventSources {
			batch := "-"
			if e.BatchSize > 0 {
				batch = strconv.Itoa(e.BatchSize)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Source, e.Type, e.Function, batch)
		}
	}
	if len(app.Unsupported) > 0 {
		fmt.Fprintf(tw, "\nNOT SERVED\tRESOURCE\tREASON\n")
		for _, u := range app.Unsupported {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", u.What, dash(u.LogicalID), u.Reason)
		}
	}
}

// dash stands in for an empty cell.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
