package reload

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestFileWatch makes each kind of change a user or an editor makes to
// ldk.yaml, one after the other, and checks the notice each gives.
func TestFileWatch(t *testing.T) {
	dir := t.TempDir()
	top := filepath.Join(dir, "ldk.yaml")
	nested := filepath.Join(dir, ".ldk", "ldk.yaml")
	elsewhere := t.TempDir()
	target := filepath.Join(elsewhere, "shared.yaml")
	w, err := newFileWatch([]string{top, nested}, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		do   func()
		want []string
	}{
		{name: "created", do: func() { write(top, "port: 1\n") }, want: []string{top}},
		{name: "edited in place", do: func() { write(top, "port: 2\n") }, want: []string{top}},
		{name: "saved by renaming a new file over it", do: func() {
			write(filepath.Join(dir, ".ldk.yaml.tmp"), "port: 3\n")
			if err := os.Rename(filepath.Join(dir, ".ldk.yaml.tmp"), top); err != nil {
				t.Fatal(err)
			}
		}, want: []string{top}},
		{name: "deleted", do: func() {
			if err := os.Remove(top); err != nil {
				t.Fatal(err)
			}
		}, want: []string{top}},
		{name: "a directory created with the file in it", do: func() {
			if err := os.Mkdir(filepath.Dir(nested), 0o755); err != nil {
				t.Fatal(err)
			}
			write(nested, "port: 4\n")
		}, want: []string{nested}},
		{name: "the file in the new directory edited", do: func() { write(nested, "port: 5\n") }, want: []string{nested}},
		{name: "another file beside it is not a change", do: func() {
			write(filepath.Join(dir, "main.tf"), "")
			write(top, "port: 6\n")
		}, want: []string{top}},
		{name: "replaced by a link to a file elsewhere", do: func() {
			write(target, "port: 7\n")
			if err := os.Remove(top); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(target, top); err != nil {
				t.Fatal(err)
			}
		}, want: []string{top}},
		{name: "the linked file edited", do: func() { write(target, "port: 8\n") }, want: []string{top}},
		{name: "the linked file saved by renaming a new file over it", do: func() {
			write(target+".tmp", "port: 9\n")
			if err := os.Rename(target+".tmp", target); err != nil {
				t.Fatal(err)
			}
		}, want: []string{top}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do()
			select {
			case c := <-w.Changes():
				if diff := cmp.Diff(st.want, c.Paths); diff != "" {
					t.Errorf("changed paths (-want +got):\n%s", diff)
				}
				if c.First.IsZero() {
					t.Error("the change has no time of its first event")
				}
			case <-time.After(10 * time.Second): // only keeps a lost event from hanging the test
				t.Fatal("no change reported")
			}
		})
	}
}
