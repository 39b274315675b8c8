package bootstrap

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLayoutWritesEveryShim(t *testing.T) {
	dir := t.TempDir()

	p, err := Layout(dir)
	if err != nil {
		t.Fatal(err)
	}

	want := Paths{Dir: dir, Node: filepath.Join(dir, "node", "runtime.cjs"),
		Python: filepath.Join(dir, "python", "runtime.py")}
	if d := cmp.Diff(want, p); d != "" {
		t.Errorf("Paths (-want +got):\n%s", d)
	}

	for _, name := range []string{"node/runtime.cjs", "node/loader.cjs", "node/context.cjs", "node/console.cjs",
		"node/errors.cjs", "node/esm-layers.mjs", "python/runtime.py", "python/ldk_context.py"} {
		embedded, _ := shims.ReadFile(name)
		onDisk, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(onDisk) != string(embedded) || len(embedded) == 0 {
			t.Errorf("%s on disk differs from the embedded file (err %v)", name, err)
		}
	}
}

func TestLayoutIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	if _, err := Layout(dir); err != nil {
		t.Fatal(err)
	}

	// A stale copy is replaced; a current one is left alone.
	stale := filepath.Join(dir, "node", "runtime.cjs")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	current := filepath.Join(dir, "python", "runtime.py")
	before, _ := os.Stat(current)

	if _, err := Layout(dir); err != nil {
		t.Fatal(err)
	}

	if data, _ := os.ReadFile(stale); string(data) == "old" {
		t.Error("a stale shim was not replaced")
	}
	if after, _ := os.Stat(current); !os.SameFile(before, after) {
		t.Error("an up-to-date shim was rewritten")
	}

	leftovers, _ := filepath.Glob(filepath.Join(dir, "*", ".shim-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestLayoutReportsUnwritableDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	_, err := Layout(filepath.Join(file, "sub"))
	if err == nil {
		t.Fatal("Layout under a regular file succeeded")
	}
	if want := `laying out runtime clients in "` + filepath.Join(file, "sub") + `": `; len(err.Error()) < len(want) ||
		err.Error()[:len(want)] != want {
		t.Errorf("error %q does not start with %q", err, want)
	}
}

func TestLayerPaths(t *testing.T) {
	root := t.TempDir()
	a, b, c := filepath.Join(root, "a"), filepath.Join(root, "b"), filepath.Join(root, "c")
	for _, d := range []string{
		"a/nodejs/node_modules", "a/python",
		"b/nodejs/node20/node_modules", "b/nodejs/node_modules", "b/nodejs/node18/node_modules",
		"b/python/lib/python3.12/site-packages", "b/python/lib/python3.11/site-packages",
	} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	layers := []string{a, b, c}

	cases := []struct {
		name string
		got  []string
		want []string
	}{
		{"node 20", NodePath(layers, 20), []string{
			filepath.Join(a, "nodejs/node_modules"),
			filepath.Join(b, "nodejs/node20/node_modules"),
			filepath.Join(b, "nodejs/node_modules"),
		}},
		{"node 22", NodePath(layers, 22), []string{
			filepath.Join(a, "nodejs/node_modules"),
			filepath.Join(b, "nodejs/node_modules"),
		}},
		{"python 3.12", PythonPath(layers, 12), []string{
			filepath.Join(a, "python"),
			filepath.Join(b, "python/lib/python3.12/site-packages"),
			filepath.Join(b, "python"),
		}},
		{"no layers", NodePath(nil, 20), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, tc.got); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
		})
	}
}
