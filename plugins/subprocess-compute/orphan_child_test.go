package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/ldkdev/ldk/internal/proctree"
)

// TestSpawnedChildDiesWithPlugin reproduces a handler that spawns a child
// process (not detached) and a plugin killed with SIGKILL: the worker dies
// through its parent-death signal, and the child, which has none, must die
// too instead of being reparented to init.
func TestSpawnedChildDiesWithPlugin(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the process table is read from /proc, which exists only on linux")
	}
	need(t, "node", "sleep")

	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), helperEnv+"="+testdataDir(t, "node-faults"),
		helperHandlerEnv+"=index.spawnHold", "TMPDIR="+t.TempDir())
	helper.Stderr = os.Stderr
	stdin, _ := helper.StdinPipe()
	out, _ := helper.StdoutPipe()
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()

	if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
		_ = helper.Process.Kill()
		t.Fatalf("reading the worker pid from the helper: %v", err)
	}

	// The handler logged before it returned to the event loop; the spawn
	// happened before that log line, so the child is in the table now.
	started, err := proctree.Descendants(helper.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(started))
	for _, p := range started {
		names = append(names, p.Command)
	}
	if !slices.Contains(names, "sleep") || !slices.Contains(names, "node") {
		_ = helper.Process.Kill()
		t.Fatalf("descendants of the plugin = %q, want a node worker and its sleep child", names)
	}

	if err := helper.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = helper.Wait()

	// Every process the plugin started (worker, its child, the guard)
	// must go; the wait is bounded so a survivor fails the test.
	var left []proctree.Proc
	for range 1000 {
		if left = proctree.Survivors(started); len(left) == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, p := range left {
		_ = syscall.Kill(p.PID, syscall.SIGKILL)
	}
	t.Fatalf("still running after the plugin was killed: %v", left)
}
