// Command ldk runs a serverless application on a developer's machine,
// straight from its infrastructure code.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/hashicorp/go-hclog"
	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/internal/pprofserve"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func newApp() *cli.App {
	app := &cli.App{
		Name:                 "ldk",
		Usage:                "run a serverless app locally from its CDK or Terraform code",
		Version:              version,
		EnableBashCompletion: true,
		CommandNotFound: func(c *cli.Context, name string) {
			var names []string
			for _, cmd := range c.App.VisibleCommands() {
				if cmd.Name != "help" {
					names = append(names, cmd.Name)
				}
			}
			fmt.Fprintf(c.App.ErrWriter, "ldk: no command %q; the commands are %s (ldk --help)\n", name, strings.Join(names, ", "))
			cli.OsExiter(2)
		},
		Commands: []*cli.Command{
			devCommand(),
			invokeCommand(),
			lsCommand(),
			pluginsCommand(),
			versionCommand(),
		},
	}
	setUsageErrors(app.Commands)
	return app
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print ldk's version",
		Action: func(c *cli.Context) error {
			fmt.Fprintf(c.App.Writer, "ldk %s\n", version)
			return nil
		},
	}
}

func main() {
	// A closed stdout or stderr (ldk dev | head) must not kill ldk before it
	// has stopped its plugins: writes then fail with EPIPE instead.
	signal.Ignore(syscall.SIGPIPE)
	pprofserve.FromEnv(pprofserve.HostEnv, hclog.New(&hclog.LoggerOptions{Name: "ldk", Output: os.Stderr}))
	app := newApp()
	if err := app.Run(interleaveArgs(app, os.Args)); err != nil {
		fmt.Fprintf(os.Stderr, "ldk: %v\n", err)
		os.Exit(exitCode(err))
	}
}

// exitCode maps an error to the process exit status: a cli.ExitCoder keeps
// its own code, everything else is 1.
func exitCode(err error) int {
	if ec, ok := err.(cli.ExitCoder); ok && ec.ExitCode() != 0 {
		return ec.ExitCode()
	}
	return 1
}
