package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ldkdev/ldk/compute"
)

// TestBytecodeCacheOutlivesRun checks python's byte code is cached where
// the next run finds it: the standard library is compiled in the first
// run only, and what belongs to a run's own runtime directory is dropped
// when the run ends.
func TestBytecodeCacheOutlivesRun(t *testing.T) {
	need(t, "python3")

	cacheHome := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cacheHome)
	t.Setenv("HOME", t.TempDir()) // macOS keeps its cache under HOME
	cache := sharedBytecodeCache()
	if !strings.HasPrefix(cache, cacheHome) && !strings.HasPrefix(cache, os.Getenv("HOME")) {
		t.Skipf("the user cache directory here (%s) is not moved by XDG_CACHE_HOME or HOME", cache)
	}

	run := func() (runtimeDir string) {
		b := newTestBackend(t)
		start(t, b, compute.FunctionSpec{Name: "p", Runtime: "python3.12", Handler: "handlers.counter",
			CodeDir: testdataDir(t, "py-faults")})
		res := invoke(t, b, compute.InvokeRequest{Function: "p", Payload: []byte(`{}`)})
		if res.ErrorType != "" {
			t.Fatalf("invocation failed: %s %s", res.ErrorType, res.Payload)
		}
		if err := b.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
		return b.dir
	}

	firstDir := run()
	jsonPyc := findPyc(t, cache, "/json/__init__.")
	if jsonPyc == "" {
		t.Fatalf("no byte code of the json module under %s after a run", cache)
	}
	first, err := os.Stat(jsonPyc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cache, firstDir)); !os.IsNotExist(err) {
		t.Errorf("byte code of the ended run's runtime directory is still cached (stat gave %v)", err)
	}

	// The next run reads the cached module instead of compiling it again.
	time.Sleep(10 * time.Millisecond) // so a rewrite would show in the modification time
	run()
	second, err := os.Stat(jsonPyc)
	if err != nil {
		t.Fatal(err)
	}
	if !second.ModTime().Equal(first.ModTime()) {
		t.Errorf("%s was compiled again by the second run (modified %s, then %s)",
			jsonPyc, first.ModTime(), second.ModTime())
	}
}

// findPyc returns the first cached byte-code file under dir whose path
// contains part, or "".
func findPyc(t *testing.T, dir, part string) string {
	t.Helper()

	var found string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && found == "" && strings.Contains(path, part) && strings.HasSuffix(path, ".pyc") {
			found = path
		}
		return nil
	})
	return found
}
