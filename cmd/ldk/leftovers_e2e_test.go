package main

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/ldkdev/ldk/internal/proctree"
)

// TestDevLeavesNothing stops ldk dev while node and python workers are
// warm, with SIGINT and with SIGKILL, and checks the process table: no
// plugin and no worker may outlive it.
func TestDevLeavesNothing(t *testing.T) {
	needTools(t, "node", "python3")
	ldk := buildLDK(t)

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			// The plugin's runtime directory goes to TMPDIR: a fresh one
			// shows what a run leaves there.
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			s := startDev(t, ldk, faultApp(t))
			client := lambdaClient(s.ready.AWSEndpoint)
			invokeFn(t, client, "fault-node", `{}`)
			invokeFn(t, client, "fault-py", `{}`)
			invokeFn(t, client, "fault-stuck", `{}`)

			tree := s.descendants(t)
			if n := countWorkers(tree); n != 3 {
				t.Fatalf("ldk dev runs %d workers, want 3: %s", n, commandsOf(tree))
			}

			s.signal(t, sig)
			if left := waitGone(tree); len(left) > 0 {
				killAll(left)
				t.Errorf("still running after %v to ldk dev: %s", sig, commandsOf(left))
			}

			// A plugin killed with SIGKILL cannot remove its runtime
			// directory; the next run's plugin does.
			want := 0
			if sig == syscall.SIGKILL {
				want = 1
			}
			if dirs := runtimeDirs(t, tmp); len(dirs) != want {
				t.Errorf("runtime directories left after %v: %v, want %d", sig, dirs, want)
			}
			next := startDev(t, ldk, faultApp(t))
			invokeFn(t, lambdaClient(next.ready.AWSEndpoint), "fault-node", `{}`)
			if dirs := runtimeDirs(t, tmp); len(dirs) != 1 {
				t.Errorf("runtime directories while the next run serves: %v, want its own only", dirs)
			}
		})
	}
}

// runtimeDirs lists the subprocess plugins' runtime directories in tmp.
func runtimeDirs(t *testing.T, tmp string) []string {
	t.Helper()

	dirs, err := filepath.Glob(filepath.Join(tmp, "ldk-subprocess-*"))
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// countWorkers counts the node and python processes in a process tree.
func countWorkers(tree []proctree.Proc) int {
	n := 0
	for _, p := range tree {
		if p.Command == "node" || p.Command == "python3" || p.Command == "bootstrap" {
			n++
		}
	}
	return n
}
