package compute_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/computetest"
)

// TestMain lets the test binary double as a compute plugin: started by a
// test through go-plugin, it serves the test backend instead of running
// tests.
func TestMain(m *testing.M) {
	computetest.ServeIfPlugin()
	os.Exit(m.Run())
}

// pluginBinary links the test binary as ldk-compute-<name> in a temporary
// directory and returns its path.
func pluginBinary(tb testing.TB, name string) string {
	tb.Helper()

	self, err := os.Executable()
	if err != nil {
		tb.Fatalf("finding the test binary: %v", err)
	}
	path := filepath.Join(tb.TempDir(), "ldk-compute-"+name)
	if err := os.Symlink(self, path); err != nil {
		tb.Fatalf("linking the plugin binary: %v", err)
	}
	return path
}

// startedPlugin is a plugin process started by a test.
type startedPlugin struct {
	client  *plugin.Client
	backend *compute.Client
	pid     int
}

// startPlugin starts the test binary as the plugin "echo" the way the host
// does (compute.ClientConfig) and kills it when the test ends.
func startPlugin(tb testing.TB) *startedPlugin {
	tb.Helper()

	logger := hclog.New(&hclog.LoggerOptions{Name: "host", Level: hclog.Warn, Output: os.Stderr})
	// The plugin's socket goes in the test's temporary directory, which is
	// removed even when a test kills the plugin before it removes it.
	cmd := exec.Command(pluginBinary(tb, "echo"))
	cmd.Env = append(os.Environ(), plugin.EnvUnixSocketDir+"="+tb.TempDir())
	cfg := compute.ClientConfig("echo", cmd, logger)
	client := plugin.NewClient(cfg)
	tb.Cleanup(client.Kill)

	rpc, err := client.Client()
	if err != nil {
		tb.Fatalf("starting the plugin: %v", err)
	}
	raw, err := rpc.Dispense(compute.PluginName)
	if err != nil {
		tb.Fatalf("dispensing the compute plugin: %v", err)
	}

	return &startedPlugin{client: client, backend: raw.(*compute.Client), pid: client.ReattachConfig().Pid}
}

func startFunction(tb testing.TB, b compute.Backend) {
	tb.Helper()

	if err := b.Start(context.Background(), testSpec); err != nil {
		tb.Fatalf("Start: %v", err)
	}
}
