package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestSweepRuntimeDirs checks that only the runtime directories of plugins
// that are gone are removed.
func TestSweepRuntimeDirs(t *testing.T) {
	tmp := t.TempDir()

	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skipf("cannot run true to get a finished pid: %v", err)
	}
	dead := strconv.Itoa(gone.Process.Pid)

	// A child that exited but is not reaped yet: a zombie, dead all the
	// same (a killed ldk's plugin can stay one for good under an init
	// that does not reap).
	zombieCmd := exec.Command("true")
	if err := zombieCmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = zombieCmd.Wait() })
	zombie := strconv.Itoa(zombieCmd.Process.Pid)
	for processExists(zombieCmd.Process.Pid) {
		time.Sleep(5 * time.Millisecond)
	}
	self := strconv.Itoa(os.Getpid())
	parent := strconv.Itoa(os.Getppid())

	dirs := []string{
		"ldk-subprocess-" + dead + "-1234",   // owner gone: removed
		"ldk-subprocess-" + zombie + "-4321", // owner a zombie: removed
		"ldk-subprocess-" + self + "-5678",   // this process's own
		"ldk-subprocess-" + parent + "-9012", // owner alive
		"ldk-subprocess-3456789012",          // named before pids were
		"something-else-" + dead + "-1",
	}
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(tmp, d, "runtime"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := "ldk-subprocess-" + dead + "-file"
	if err := os.WriteFile(filepath.Join(tmp, file), nil, 0o644); err != nil {
		t.Fatal(err)
	}

	if n := sweepRuntimeDirs(tmp, ""); n != 2 {
		t.Errorf("removed %d directories, want 2", n)
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := append([]string{file}, dirs[2:]...)
	sort.Strings(want)
	if diff := cmp.Diff(want, left); diff != "" {
		t.Errorf("left (-want +got):\n%s", diff)
	}
}

func TestRuntimeDirNamesItsOwner(t *testing.T) {
	dir, err := makeRuntimeDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pid, ok := runtimeDirOwner(filepath.Base(dir))
	if !ok || pid != os.Getpid() {
		t.Errorf("owner of %s: %d %v, want %d", dir, pid, ok, os.Getpid())
	}
}
