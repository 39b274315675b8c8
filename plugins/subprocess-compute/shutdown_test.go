package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/internal/proctree"
)

// shutdownHelperEnv makes the test binary a plugin that warms up and shuts
// down at once, then prints the processes it still has (see TestMain).
const shutdownHelperEnv = "LDK_SUBPROCESS_TEST_SHUTDOWN"

// warmThenShutdown starts what a plugin starts when it starts (the guard,
// the interpreter searches), shuts down while they run, and prints the
// descendants left, one command a line.
func warmThenShutdown() int {
	b := newBackend(hclog.NewNullLogger(), "helper")
	b.warm()
	if err := b.Shutdown(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}

	left, err := proctree.Descendants(os.Getpid())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for _, p := range left {
		fmt.Println(p.Command)
	}
	return 0
}

// TestShutdownLeavesNothing checks that when Shutdown returns, nothing the
// plugin started runs any more: not the guard, not an interpreter search
// still under way (a plugin asked to stop right after it started, as
// `ldk invoke` does).
func TestShutdownLeavesNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the process table is read from /proc, which exists only on linux")
	}
	need(t, "node", "python3")

	helper := exec.Command(os.Args[0], "-test.run=^$")
	helper.Env = append(os.Environ(), shutdownHelperEnv+"=1", "TMPDIR="+t.TempDir())
	out, err := helper.Output()
	if err != nil {
		t.Fatalf("helper: %v", err)
	}
	if left := strings.TrimSpace(string(out)); left != "" {
		t.Errorf("processes running after Shutdown returned:\n%s", left)
	}
}
