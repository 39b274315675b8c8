package terraform

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInput loads each testdata/bad/<case> and compares the rendered
// diagnostics with testdata/bad/<case>/expected.txt.
func TestBadInput(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "bad", name)
			app, err := Load(dir, Options{Environ: []string{}, CacheDir: t.TempDir()})
			if err == nil {
				t.Fatalf("Load(%s) = %d functions, want an error", dir, len(app.Functions))
			}

			var buf bytes.Buffer
			if werr := WriteDiagnostics(&buf, err); werr != nil {
				t.Fatal(werr)
			}
			root, _ := filepath.Abs(dir)
			got := strings.ReplaceAll(buf.String(), root, "$ROOT")
			got = strings.ReplaceAll(got, dir, "$ROOT")
			compareGolden(t, filepath.Join(dir, "expected.txt"), []byte(got))
		})
	}
}
