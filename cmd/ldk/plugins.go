package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/urfave/cli/v2"

	"github.com/ldkdev/ldk/host/plugins"
)

// describeTimeout bounds how long `ldk plugins` waits for one plugin.
const describeTimeout = 10 * time.Second

// pluginInfo is one row of `ldk plugins`, and one object of its --json.
type pluginInfo struct {
	Name            string   `json:"name"`
	Version         string   `json:"version,omitempty"`
	ProtocolVersion int      `json:"protocolVersion,omitempty"`
	Runtimes        []string `json:"runtimes"`
	Capabilities    []string `json:"capabilities"`
	Path            string   `json:"path"`
	Where           string   `json:"where"`
	// Error says why the plugin could not be described; the fields it
	// would have told are then empty.
	Error string `json:"error,omitempty"`
}

// pluginsCommand is `ldk plugins`: list every compute backend found, as
// each describes itself.
func pluginsCommand() *cli.Command {
	return &cli.Command{
		Name:  "plugins",
		Usage: "list the compute backends found: name, version, protocol, runtimes, capabilities, where",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "project-dir", Usage: "directory whose ldk.yaml may name a plugin_dir", Value: ".", EnvVars: []string{"LDK_PROJECT_DIR"}},
			&cli.StringFlag{Name: "plugin-dir", Usage: "directory searched for compute plugins after ldk's own", EnvVars: []string{"LDK_PLUGIN_DIR"}},
			&cli.BoolFlag{Name: "json", Usage: "print a JSON array instead of a table"},
		},
		Action: runPlugins,
	}
}

func runPlugins(c *cli.Context) error {
	cfg, err := loadConfig(c)
	if err != nil {
		return err
	}
	if c.IsSet("plugin-dir") {
		cfg.PluginDir = c.String("plugin-dir")
	}
	// A plugin that fails is reported in its row; ldk's own lines would
	// only repeat it.
	logger := hclog.New(&hclog.LoggerOptions{Name: "ldk", Level: hclog.Off, Output: io.Discard})
	mgr := plugins.NewManager(plugins.Options{Dir: cfg.PluginDir, Logger: logger,
		DescribeTimeout: describeTimeout, MaxBackoff: time.Second})
	defer mgr.Close()

	infos := describeAll(c.Context, mgr)
	if c.Bool("json") {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(infos)
	}
	return printPlugins(c.App.Writer, infos)
}

// describeAll starts every plugin found, at once, and collects what each
// says about itself, in the order found.
func describeAll(ctx context.Context, mgr *plugins.Manager) []pluginInfo {
	found := mgr.Available()
	infos := make([]pluginInfo, len(found))
	var wg sync.WaitGroup
	for i, f := range found {
		wg.Go(func() {
			info := pluginInfo{Name: f.Name, Path: f.Path, Where: f.Where, Runtimes: []string{}, Capabilities: []string{}}
			_, desc, err := mgr.Backend(ctx, f.Name)
			if err != nil {
				info.Error = err.Error()
			} else {
				info.Version, info.ProtocolVersion = desc.Version, desc.ProtocolVersion
				info.Runtimes = append(info.Runtimes, desc.Runtimes...)
				info.Capabilities = append(info.Capabilities, desc.Capabilities...)
			}
			infos[i] = info
		})
	}
	wg.Wait()
	return infos
}

// printPlugins writes the table, then each failed plugin's error.
func printPlugins(w io.Writer, infos []pluginInfo) error {
	if len(infos) == 0 {
		_, err := fmt.Fprintf(w, "no compute backends found: install an %s<name> executable next to ldk, "+
			"in the plugin directory or on PATH\n", plugins.BinaryPrefix)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tVERSION\tPROTOCOL\tRUNTIMES\tCAPABILITIES\tWHERE\tPATH")
	var failed []pluginInfo
	for _, p := range infos {
		if p.Error != "" {
			failed = append(failed, p)
			fmt.Fprintf(tw, "%s\t-\t-\t-\t-\t%s\t%s\n", p.Name, p.Where, p.Path)
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", p.Name, p.Version, p.ProtocolVersion,
			orDash(strings.Join(p.Runtimes, ",")), orDash(strings.Join(p.Capabilities, ",")), p.Where, p.Path)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range failed {
		if _, err := fmt.Fprintf(w, "\n%s: %s\n", p.Name, p.Error); err != nil {
			return err
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
