package terraform

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zipEntry is one entry of a zip made by a test.
type zipEntry struct {
	name string
	mode os.FileMode
	body string
}

// writeZip writes a zip with the given entries and returns its path.
func writeZip(t *testing.T, entries []zipEntry) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pkg.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		h.SetMode(e.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExtractZip(t *testing.T) {
	tests := []struct {
		name    string
		entries []zipEntry
		want    map[string]string // relative path → content
		exec    string            // a file that must keep its executable bit
		wantErr string
	}{
		{
			name: "nested files and an executable",
			entries: []zipEntry{
				{name: "index.js", mode: 0o644, body: "js"},
				{name: "lib/", mode: os.ModeDir | 0o755},
				{name: "lib/util.js", mode: 0o644, body: "util"},
				{name: "bootstrap", mode: 0o755, body: "#!/bin/sh"},
			},
			want: map[string]string{"index.js": "js", "lib/util.js": "util", "bootstrap": "#!/bin/sh"},
			exec: "bootstrap",
		},
		{
			name:    "entry climbing out",
			entries: []zipEntry{{name: "../evil.js", mode: 0o644, body: "x"}},
			wantErr: `entry "../evil.js" points outside the package`,
		},
		{
			name:    "absolute entry",
			entries: []zipEntry{{name: "/etc/evil", mode: 0o644, body: "x"}},
			wantErr: `entry "/etc/evil" points outside the package`,
		},
		{
			name:    "symlink",
			entries: []zipEntry{{name: "link", mode: os.ModeSymlink | 0o777, body: "/etc/passwd"}},
			wantErr: `entry "link" is not a regular file (links are not extracted)`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache := t.TempDir()
			dir, err := extractZip(cache, writeZip(t, tt.entries))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("extractZip error = %v, want one containing %q", err, tt.wantErr)
				}
				left, _ := filepath.Glob(filepath.Join(cache, "zip", "*"))
				if len(left) != 0 {
					t.Errorf("cache keeps %v after a refused package", left)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for rel, body := range tt.want {
				got, err := os.ReadFile(filepath.Join(dir, rel))
				if err != nil || string(got) != body {
					t.Errorf("%s = %q, %v; want %q", rel, got, err, body)
				}
			}
			if tt.exec != "" {
				st, err := os.Stat(filepath.Join(dir, tt.exec))
				if err != nil || st.Mode()&0o100 == 0 {
					t.Errorf("%s mode = %v, %v; want executable", tt.exec, st.Mode(), err)
				}
			}

			again, err := extractZip(cache, writeZip(t, tt.entries))
			if err != nil || again != dir {
				t.Errorf("second extraction = %q, %v; want the cached %q", again, err, dir)
			}
		})
	}
}
