package launch

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ldkdev/ldk/compute"
)

// TestPreloadAsksOnce checks the interpreter is asked for its path and
// version once per Launcher, by Preload, however many functions start
// meanwhile. python3 on PATH is a shim, as a version manager installs,
// that counts its calls before running the real python3.
func TestPreloadAsksOnce(t *testing.T) {
	real, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not on PATH; this test runs it")
	}

	bin := t.TempDir()
	calls := filepath.Join(bin, "calls")
	shim := "#!/bin/sh\necho call >> '" + calls + "'\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "python3"), []byte(shim), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	l := New("test", t.TempDir(), nil)
	l.Preload(Python)

	code := codeDir(t, map[string]os.FileMode{"app.py": 0o644})
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b", "c"} {
		wg.Go(func() {
			plan, err := l.Prepare(compute.FunctionSpec{Name: name, Runtime: "python3.12",
				Handler: "app.handler", CodeDir: code})
			if err != nil {
				t.Errorf("Prepare(%s): %v", name, err)
				return
			}
			if plan.Command[0] == filepath.Join(bin, "python3") {
				t.Errorf("Prepare(%s) runs the shim %s, want the interpreter behind it", name, plan.Command[0])
			}
		})
	}
	wg.Wait()

	data, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "call\n"); n != 1 {
		t.Errorf("python3 was asked %d times, want once", n)
	}
}
