package main

import (
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
			s := startFaultDev(t, ldk, faultApp(t))
			client := lambdaClient(t, s.ready.AWSEndpoint)
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
		})
	}
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
