package plugins

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// layout is a set of search directories for discovery tests.
type layout struct {
	exe, dir, path1, path2 string
}

func newLayout(t *testing.T) layout {
	t.Helper()

	root := t.TempDir()
	l := layout{
		exe:   filepath.Join(root, "bin"),
		dir:   filepath.Join(root, "plugins"),
		path1: filepath.Join(root, "path1"),
		path2: filepath.Join(root, "path2"),
	}
	for _, d := range []string{l.exe, l.dir, l.path1, l.path2} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return l
}

func (l layout) manager() *Manager {
	return NewManager(Options{ExecutableDir: l.exe, Dir: l.dir,
		Path: l.path1 + string(os.PathListSeparator) + l.path2})
}

// put writes a file named base into dir with the given mode; discovery
// never runs it.
func put(t *testing.T, dir, base string, mode os.FileMode) string {
	t.Helper()

	path := filepath.Join(dir, base)
	if err := os.WriteFile(path, []byte("#!/bin/sh\nexit 1\n"), mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFindOrder(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, l layout)
		want  func(l layout) Found
	}{
		{
			name: "next to ldk wins",
			setup: func(t *testing.T, l layout) {
				put(t, l.exe, "ldk-compute-sub", 0o755)
				put(t, l.dir, "ldk-compute-sub", 0o755)
				put(t, l.path1, "ldk-compute-sub", 0o755)
			},
			want: func(l layout) Found {
				return Found{Name: "sub", Path: filepath.Join(l.exe, "ldk-compute-sub"), Where: WhereExecutableDir}
			},
		},
		{
			name: "plugin directory before PATH",
			setup: func(t *testing.T, l layout) {
				put(t, l.dir, "ldk-compute-sub", 0o755)
				put(t, l.path1, "ldk-compute-sub", 0o755)
			},
			want: func(l layout) Found {
				return Found{Name: "sub", Path: filepath.Join(l.dir, "ldk-compute-sub"), Where: WherePluginDir}
			},
		},
		{
			name: "PATH in order",
			setup: func(t *testing.T, l layout) {
				put(t, l.path2, "ldk-compute-sub", 0o755)
				put(t, l.path1, "ldk-compute-sub", 0o755)
			},
			want: func(l layout) Found {
				return Found{Name: "sub", Path: filepath.Join(l.path1, "ldk-compute-sub"), Where: WherePath}
			},
		},
		{
			name: "a file that is not executable is skipped",
			setup: func(t *testing.T, l layout) {
				put(t, l.exe, "ldk-compute-sub", 0o644)
				put(t, l.path2, "ldk-compute-sub", 0o755)
			},
			want: func(l layout) Found {
				return Found{Name: "sub", Path: filepath.Join(l.path2, "ldk-compute-sub"), Where: WherePath}
			},
		},
		{
			name: "a directory is skipped",
			setup: func(t *testing.T, l layout) {
				if err := os.Mkdir(filepath.Join(l.dir, "ldk-compute-sub"), 0o755); err != nil {
					t.Fatal(err)
				}
				put(t, l.path1, "ldk-compute-sub", 0o755)
			},
			want: func(l layout) Found {
				return Found{Name: "sub", Path: filepath.Join(l.path1, "ldk-compute-sub"), Where: WherePath}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLayout(t)
			tt.setup(t, l)

			got, err := l.manager().Find("sub")
			if err != nil {
				t.Fatalf("Find: %v", err)
			}
			if diff := cmp.Diff(tt.want(l), got); diff != "" {
				t.Errorf("Find (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPluginDirFromEnvironment(t *testing.T) {
	l := newLayout(t)
	put(t, l.dir, "ldk-compute-sub", 0o755)
	t.Setenv(EnvPluginDir, l.dir)

	m := NewManager(Options{ExecutableDir: l.exe, Path: l.path1})
	got, err := m.Find("sub")
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	want := Found{Name: "sub", Path: filepath.Join(l.dir, "ldk-compute-sub"), Where: WherePluginDir}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Find (-want +got):\n%s", diff)
	}
}

func TestNotFound(t *testing.T) {
	l := newLayout(t)
	put(t, l.exe, "ldk-compute-subprocess", 0o755)
	put(t, l.dir, "ldk-compute-subprocess", 0o755) // shadowed: listed once
	put(t, l.dir, "ldk-compute-echo", 0o755)
	put(t, l.path2, "ldk-compute-wasm", 0o755)
	put(t, l.path2, "ldk-compute-off", 0o644)
	put(t, l.path2, "ldk-compute-", 0o755)
	put(t, l.path2, "ldk", 0o755)

	_, err := l.manager().Find("docker")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("got %v, want a *NotFoundError", err)
	}

	want := `compute backend "docker" not found: looked for ldk-compute-docker next to ldk (` + l.exe +
		`), in the plugin directory (` + l.dir + `) and on PATH; found echo (plugin directory: ` +
		filepath.Join(l.dir, "ldk-compute-echo") + `), subprocess (next to ldk: ` +
		filepath.Join(l.exe, "ldk-compute-subprocess") + `), wasm (PATH: ` +
		filepath.Join(l.path2, "ldk-compute-wasm") +
		`); install ldk-compute-docker into the plugin directory or choose a backend that was found`
	if err.Error() != want {
		t.Errorf("error:\n got %s\nwant %s", err, want)
	}
}

func TestNotFoundWithNothingInstalled(t *testing.T) {
	l := newLayout(t)

	_, err := l.manager().Find("subprocess")
	want := `compute backend "subprocess" not found: looked for ldk-compute-subprocess next to ldk (` + l.exe +
		`), in the plugin directory (` + l.dir + `) and on PATH; found no backends at all; ` +
		`install ldk-compute-subprocess into the plugin directory or choose a backend that was found`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}

func TestFindRefusesPaths(t *testing.T) {
	l := newLayout(t)
	for _, name := range []string{"", "../x", `a\b`} {
		if _, err := l.manager().Find(name); err == nil {
			t.Errorf("Find(%q) succeeded", name)
		}
	}
}
