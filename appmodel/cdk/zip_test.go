package cdk

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeZip writes a zip file with the given entries; a name ending in "@"
// becomes a symbolic link to its content.
func writeZip(t *testing.T, file string, entries [][2]string) {
	t.Helper()
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		name, body := e[0], e[1]
		h := &zip.FileHeader{Name: strings.TrimSuffix(name, "@"), Method: zip.Deflate}
		h.SetMode(0o644)
		if strings.HasSuffix(name, "@") {
			h.SetMode(os.ModeSymlink | 0o777)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestExtractZip(t *testing.T) {
	tests := []struct {
		name    string
		entries [][2]string
		wantErr string
	}{
		{name: "plain", entries: [][2]string{{"index.js", "a"}, {"lib/", ""}, {"lib/b.js", "b"}}},
		{name: "parent escape", entries: [][2]string{{"index.js", "a"}, {"../../outside.js", "x"}},
			wantErr: `entry "../../outside.js" would be written outside the code directory; refused`},
		{name: "absolute path", entries: [][2]string{{"/tmp/outside.js", "x"}},
			wantErr: `entry "/tmp/outside.js" would be written outside the code directory; refused`},
		{name: "escape through a clean-looking path", entries: [][2]string{{"lib/../../outside.js", "x"}},
			wantErr: `entry "lib/../../outside.js" would be written outside the code directory; refused`},
		{name: "symbolic link", entries: [][2]string{{"link@", "/etc/passwd"}},
			wantErr: `entry "link" is a symbolic link; refused`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := t.TempDir()
			src := filepath.Join(base, "in", "code.zip")
			if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
				t.Fatal(err)
			}
			writeZip(t, src, tt.entries)
			ld := &loader{cache: filepath.Join(base, "cache", "app")}

			dir, err := ld.extractZip(src)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				// Nothing may be left: no target, no temporary directory,
				// no file outside.
				left, _ := os.ReadDir(filepath.Join(base, "cache", "app", "zip"))
				if len(left) != 0 {
					t.Errorf("cache holds %d entries after a refused zip, want 0", len(left))
				}
				if _, err := os.Stat(filepath.Join(base, "outside.js")); err == nil {
					t.Errorf("a file escaped the target directory")
				}
				return
			}
			if err != nil {
				t.Fatalf("extractZip: %v", err)
			}
			got, err := os.ReadFile(filepath.Join(dir, "lib", "b.js"))
			if err != nil || string(got) != "b" {
				t.Errorf("lib/b.js = %q, %v; want \"b\"", got, err)
			}
			again, err := ld.extractZip(src)
			if err != nil || again != dir {
				t.Errorf("second extraction = %q, %v; want the cached %q", again, err, dir)
			}
		})
	}
}
