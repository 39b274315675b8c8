package watch

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// next waits for one change; the long limit only guards against a hang.
func next(t *testing.T, w *Watcher) Change {
	t.Helper()
	select {
	case c := <-w.Changes():
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no change reported")
		return Change{}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatcher(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write(t, filepath.Join(a, "index.js"), "1")
	if err := os.MkdirAll(filepath.Join(b, "deep", "er"), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := New(150 * time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Set([]string{a, b}); err != nil {
		t.Fatal(err)
	}

	t.Run("a write in place", func(t *testing.T) {
		write(t, filepath.Join(a, "index.js"), "2")
		c := next(t, w)
		if !reflect.DeepEqual(c.Roots, []string{a}) {
			t.Fatalf("roots = %v, want [%s]", c.Roots, a)
		}
	})

	t.Run("an existing nested directory", func(t *testing.T) {
		write(t, filepath.Join(b, "deep", "er", "x.py"), "x")
		c := next(t, w)
		if !reflect.DeepEqual(c.Roots, []string{b}) {
			t.Fatalf("roots = %v, want [%s]", c.Roots, b)
		}
	})

	t.Run("a file in a directory created after the start", func(t *testing.T) {
		dir := filepath.Join(a, "new", "sub")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		next(t, w) // the directories themselves
		write(t, filepath.Join(dir, "mod.js"), "m")
		c := next(t, w)
		want := filepath.Join(dir, "mod.js")
		if !reflect.DeepEqual(c.Paths, []string{want}) {
			t.Fatalf("paths = %v, want [%s]", c.Paths, want)
		}
	})

	t.Run("an editor saving by rename", func(t *testing.T) {
		tmp := filepath.Join(a, ".index.js.tmp")
		write(t, tmp, "3")
		if err := os.Rename(tmp, filepath.Join(a, "index.js")); err != nil {
			t.Fatal(err)
		}
		c := next(t, w)
		if !reflect.DeepEqual(c.Roots, []string{a}) {
			t.Fatalf("roots = %v, want [%s]", c.Roots, a)
		}
		// The file is still watched after the rename: the next write shows.
		write(t, filepath.Join(a, "index.js"), "4")
		if c := next(t, w); !reflect.DeepEqual(c.Roots, []string{a}) {
			t.Fatalf("after rename roots = %v", c.Roots)
		}
	})

	t.Run("a burst is one change", func(t *testing.T) {
		for i := 0; i < 20; i++ {
			write(t, filepath.Join(b, "burst.txt"), string(rune('a'+i)))
		}
		write(t, filepath.Join(a, "index.js"), "5")
		c := next(t, w)
		if !reflect.DeepEqual(c.Roots, sortedKeys(map[string]bool{a: true, b: true})) {
			t.Fatalf("roots = %v", c.Roots)
		}
		select {
		case extra := <-w.Changes():
			t.Fatalf("a second change for one burst: %+v", extra)
		case <-time.After(400 * time.Millisecond):
		}
	})

	t.Run("a root deleted and created again", func(t *testing.T) {
		if err := os.RemoveAll(b); err != nil {
			t.Fatal(err)
		}
		next(t, w)
		if err := os.MkdirAll(filepath.Join(b, "deep"), 0o755); err != nil {
			t.Fatal(err)
		}
		next(t, w)
		write(t, filepath.Join(b, "deep", "again.js"), "x")
		c := next(t, w)
		if !reflect.DeepEqual(c.Paths, []string{filepath.Join(b, "deep", "again.js")}) {
			t.Fatalf("paths = %v after the root came back", c.Paths)
		}
	})

	t.Run("a root replaced by a rename", func(t *testing.T) {
		fresh := b + ".new"
		if err := os.MkdirAll(filepath.Join(fresh, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(b); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(fresh, b); err != nil {
			t.Fatal(err)
		}
		next(t, w)
		write(t, filepath.Join(b, "sub", "swapped.js"), "x")
		c := next(t, w)
		if !reflect.DeepEqual(c.Paths, []string{filepath.Join(b, "sub", "swapped.js")}) {
			t.Fatalf("paths = %v after the swap", c.Paths)
		}
	})

	t.Run("a dropped root is silent", func(t *testing.T) {
		if err := w.Set([]string{a}); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(b, "gone.txt"), "x")
		write(t, filepath.Join(a, "index.js"), "6")
		c := next(t, w)
		if !reflect.DeepEqual(c.Roots, []string{a}) {
			t.Fatalf("roots = %v, want only %s", c.Roots, a)
		}
	})
}

func TestIgnored(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]bool{
		"/x/app/__pycache__/m.cpython-311.pyc": true,
		"/x/app/m.pyc":                         true,
		"/x/app/.index.js.swp":                 true,
		"/x/app/index.js~":                     true,
		"/x/.git/HEAD":                         true,
		"/x/app/index.js":                      false,
		"/x/app/node_modules/a/index.js":       false,
	} {
		if got := ignored(p); got != want {
			t.Errorf("ignored(%q) = %v, want %v", p, got, want)
		}
	}
}
