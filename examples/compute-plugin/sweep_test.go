package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ldkdev/ldk/compute"
)

// pluginEnv makes the test binary run the plugin's main (see TestMain).
const pluginEnv = "LDK_SNAPSHOT_TEST_PLUGIN"

func TestMain(m *testing.M) {
	if os.Getenv(pluginEnv) == "1" {
		main()
		return
	}

	os.Exit(m.Run())
}

// TestSweepAtStart checks the plugin removes, when it starts, the snapshot
// directory a plugin killed with SIGKILL left, and keeps a live one's.
func TestSweepAtStart(t *testing.T) {
	tmp := t.TempDir()

	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skipf("cannot run true to get a finished pid: %v", err)
	}
	dead := filepath.Join(tmp, dirPrefix+strconv.Itoa(gone.Process.Pid)+"-1")
	live := filepath.Join(tmp, dirPrefix+strconv.Itoa(os.Getpid())+"-2")
	for _, d := range []string{dead, live} {
		if err := os.MkdirAll(filepath.Join(d, "code-1"), 0o700); err != nil {
			t.Fatal(err)
		}
	}

	plugin := exec.Command(os.Args[0], "-test.run=^$")
	plugin.Env = append(os.Environ(), pluginEnv+"=1", "TMPDIR="+tmp,
		compute.Handshake.MagicCookieKey+"="+compute.Handshake.MagicCookieValue)
	out, err := plugin.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := plugin.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = plugin.Process.Kill()
		_ = plugin.Wait()
	}()

	// The sweep is done before the plugin serves: wait for its handshake.
	if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
		t.Fatalf("reading the plugin's handshake: %v", err)
	}

	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the killed plugin's directory %s: stat gave %v, want it removed", dead, err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the live plugin's directory %s: %v, want it kept", live, err)
	}
}
