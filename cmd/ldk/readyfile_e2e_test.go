package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDevReadyFileRefused starts ldk dev with a --ready-file that is not
// its to replace: a file it did not write, or a directory. Each run stops
// before starting anything, says why and how to fix it, and leaves the
// path as it was.
func TestDevReadyFileRefused(t *testing.T) {
	t.Parallel()
	needBinaries(t)
	orders := sharedFixture(t, "cdk", "orders-http")
	dir := t.TempDir()
	notes := filepath.Join(dir, "main.tf")
	const content = "variable \"stage\" {}\n"
	if err := os.WriteFile(notes, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "out")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, want string
	}{
		{"file ldk did not write", notes,
			"ldk: the ready file " + notes + " already exists and is not one ldk wrote; give --ready-file another path, or remove the file\n"},
		{"directory", sub,
			"ldk: the ready file " + sub + " is a directory; give --ready-file the path of a file, e.g. " + filepath.Join(sub, "ldk-ready.json") + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runBinary(t, "", "dev", "--project-dir", orders, "--port", "0", "--aws-port", "0", "--ready-file", tc.path)
			if r.code != 1 || r.stderr != tc.want || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr\n%q\nwant exit 1 and\n%q", r.code, r.stdout, r.stderr, tc.want)
			}
		})
	}
	data, err := os.ReadFile(notes)
	if err != nil || string(data) != content {
		t.Errorf("%s after the runs: %q, %v; want it unchanged", notes, data, err)
	}
	if entries, err := os.ReadDir(sub); err != nil || len(entries) != 0 {
		t.Errorf("%s after the runs: %v, %v; want it empty", sub, entries, err)
	}
}
