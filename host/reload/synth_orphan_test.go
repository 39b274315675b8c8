//go:build linux

package reload_test

import (
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/ldkdev/ldk/internal/proctree"
)

// TestSynthDiesWithKilledLdk checks that kill -9 of ldk dev during a synth
// leaves nothing of the synth running: not the shell ldk started, not the
// app command, not the child the app started.
func TestSynthDiesWithKilledLdk(t *testing.T) {
	need(t, "python3", "node")
	dir := hangingProject(t)
	d := &dev{readyFile: filepath.Join(t.TempDir(), "ready.json"), logs: newLogTail()}
	d.cmd = exec.Command(filepath.Join(binDir, "ldk"), "dev", "--port", "0", "--aws-port", "0",
		"--ready-file", d.readyFile, "--project-dir", dir, "--synth")
	d.cmd.Env = append(d.cmd.Environ(), "LDK_CACHE_DIR="+t.TempDir(), "LDK_LOG_LEVEL=info")
	d.cmd.Stdout, d.cmd.Stderr = d.logs, d.logs
	// A synth that outlives ldk holds its output open: Wait must not
	// wait for it.
	d.cmd.WaitDelay = time.Second
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("starting ldk dev: %v", err)
	}
	killed := false
	t.Cleanup(func() {
		if !killed {
			_ = d.cmd.Process.Kill()
			_ = d.cmd.Wait()
		}
		if t.Failed() {
			t.Logf("ldk dev output:\n%s", d.logs.String())
		}
	})
	d.logs.await(t, 0, "ready")

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

	if err := d.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("killing ldk dev: %v", err)
	}
	killed = true
	if err := d.cmd.Wait(); err == nil || err.Error() != "signal: killed" {
		t.Fatalf("ldk dev ended with %v, want signal: killed", err)
	}
	awaitGone(t, synth, "after kill -9 of ldk dev")
}
