package tempdir

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestOwner(t *testing.T) {
	tests := []struct {
		name, dir string
		pid       int
		ok        bool
	}{
		{"made by New", "ldk-x-123-456789", 123, true},
		{"other prefix", "other-123-456789", 0, false},
		{"no dash", "ldk-x-123", 0, false},
		{"not a number", "ldk-x-abc-456", 0, false},
		{"zero", "ldk-x-0-456", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pid, ok := Owner(tt.dir, "ldk-x-")
			if pid != tt.pid || ok != tt.ok {
				t.Errorf("Owner(%q) = %d, %v; want %d, %v", tt.dir, pid, ok, tt.pid, tt.ok)
			}
		})
	}
}

// TestSweep checks only directories of processes that are gone are
// removed: not a live owner's, not this process's, not other names.
func TestSweep(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("nothing is swept on windows")
	}
	parent := t.TempDir()

	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skipf("cannot run true to get a finished pid: %v", err)
	}

	mine, err := New(parent, "ldk-x-")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{
		"ldk-x-" + strconv.Itoa(gone.Process.Pid) + "-1",
		"ldk-x-" + strconv.Itoa(os.Getppid()) + "-2",
		"other-" + strconv.Itoa(gone.Process.Pid) + "-3",
	}
	for _, n := range names {
		if err := os.MkdirAll(filepath.Join(parent, n, "plugin-dir1"), 0o700); err != nil {
			t.Fatal(err)
		}
	}

	next, err := Next(parent, "ldk-x-")
	if err != nil {
		t.Fatal(err)
	}
	if n := Sweep(parent, "ldk-x-"); n != 1 {
		t.Errorf("Sweep removed %d directories, want 1", n)
	}

	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{filepath.Base(mine), filepath.Base(next), names[1], names[2]}
	sort.Strings(want)
	if diff := cmp.Diff(want, left); diff != "" {
		t.Errorf("left after Sweep (-want +got):\n%s", diff)
	}
}

// TestNext checks Next numbers its directories and replaces one an earlier
// process with this pid left.
func TestNext(t *testing.T) {
	parent := t.TempDir()

	first, err := Next(parent, "r-")
	if err != nil {
		t.Fatal(err)
	}
	pid, ok := Owner(filepath.Base(first), "r-")
	if !ok || pid != os.Getpid() {
		t.Fatalf("Next made %s, want a name owned by pid %d", first, os.Getpid())
	}

	// A stale directory where the next one goes, with a file inside.
	n := made.Load() + 1
	stale := filepath.Join(parent, "r-"+strconv.Itoa(os.Getpid())+"-"+strconv.FormatInt(n, 10))
	if err := os.MkdirAll(filepath.Join(stale, "plugin-dir1"), 0o700); err != nil {
		t.Fatal(err)
	}
	second, err := Next(parent, "r-")
	if err != nil {
		t.Fatal(err)
	}
	if second != stale {
		t.Fatalf("Next made %s, want %s", second, stale)
	}
	if entries, err := os.ReadDir(second); err != nil || len(entries) != 0 {
		t.Errorf("replaced directory holds %v (%v), want nothing", entries, err)
	}
}
