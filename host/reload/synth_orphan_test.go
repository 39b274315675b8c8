//go:build linux

package reload_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/ldkdev/ldk/internal/proctree"
)

// TestSynthEndsWithLdk checks that however ldk dev ends during a synth,
// kill -9 included, nothing of the synth is left running: not the shell
// ldk started, not the app command, not the child the app started.
func TestSynthEndsWithLdk(t *testing.T) {
	need(t, "python3", "node")
	cases := []struct {
		name   string
		signal syscall.Signal
		// want is how ldk dev ends, as Wait words it; "" for a clean exit.
		want string
	}{
		{name: "kill -9", signal: syscall.SIGKILL, want: "signal: killed"},
		{name: "Ctrl-C", signal: syscall.SIGINT},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := hangingProject(t)
			d := startKillableDev(t, "--project-dir", dir, "--synth")

			write(t, filepath.Join(dir, "src", "route.txt"), "HANG\n")
			hung := awaitHung(t, dir)
			synth, err := proctree.Descendants(d.cmd.Process.Pid)
			if err != nil {
				t.Fatalf("reading ldk dev's processes: %v", err)
			}
			for _, p := range hung {
				if !slices.ContainsFunc(synth, func(q proctree.Proc) bool { return q.PID == p.PID }) {
					t.Fatalf("%v is not among ldk dev's processes %v", p, synth)
				}
			}

			if err := d.cmd.Process.Signal(tc.signal); err != nil {
				t.Fatalf("signalling ldk dev: %v", err)
			}
			err = d.cmd.Wait()
			if got := fmt.Sprint(err); (err == nil) != (tc.want == "") || err != nil && got != tc.want {
				t.Fatalf("ldk dev ended with %v, want %q", err, tc.want)
			}
			awaitGone(t, synth, "after "+tc.name+" of ldk dev")
		})
	}
}

// startKillableDev runs ldk dev like startDev, for a test that ends it
// itself; the cleanup only kills one the test left running.
func startKillableDev(t *testing.T, args ...string) *dev {
	t.Helper()
	d := &dev{readyFile: filepath.Join(t.TempDir(), "ready.json"), logs: newLogTail()}
	args = append([]string{"dev", "--port", "0", "--aws-port", "0", "--ready-file", d.readyFile}, args...)
	d.cmd = exec.Command(filepath.Join(binDir, "ldk"), args...)
	d.cmd.Env = append(d.cmd.Environ(), "LDK_CACHE_DIR="+t.TempDir(), "LDK_LOG_LEVEL=info")
	d.cmd.Stdout, d.cmd.Stderr = d.logs, d.logs
	// A synth that outlives ldk holds its output open: Wait must not
	// wait for it.
	d.cmd.WaitDelay = time.Second
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("starting ldk dev: %v", err)
	}
	t.Cleanup(func() {
		if d.cmd.ProcessState == nil {
			_ = d.cmd.Process.Kill()
			_ = d.cmd.Wait()
		}
		if t.Failed() {
			t.Logf("ldk dev output:\n%s", d.logs.String())
		}
	})
	d.logs.await(t, 0, "ready")
	return d
}
