package bootstrap

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed node/*.cjs node/*.mjs python/*.py
var shims embed.FS

// Paths says where Layout put the runtime clients.
type Paths struct {
	// Dir is the directory Layout was given.
	Dir string
	// Node is the entry point of the node client: run "node <Node>".
	Node string
	// Python is the entry point of the python client: run "python3 <Python>".
	Python string
}

// Layout writes the runtime clients under dir (created if needed) and says
// where they are. Files already there with the same content are left
// alone, so several backends or runs may share one directory.
func Layout(dir string) (Paths, error) {
	err := fs.WalkDir(shims, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}

		return writeShim(dir, name)
	})
	if err != nil {
		return Paths{}, fmt.Errorf("laying out runtime clients in %q: %w", dir, err)
	}

	return Paths{
		Dir:    dir,
		Node:   filepath.Join(dir, "node", "runtime.cjs"),
		Python: filepath.Join(dir, "python", "runtime.py"),
	}, nil
}

func writeShim(dir, name string) error {
	data, err := shims.ReadFile(name)
	if err != nil {
		return err
	}

	target := filepath.Join(dir, filepath.FromSlash(name))
	if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, data) {
		return nil
	}

	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}

	// Write beside the target and rename, so a worker starting meanwhile
	// never reads half a file.
	tmp, err := os.CreateTemp(filepath.Dir(target), ".shim-*")
	if err != nil {
		return err
	}

	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}

	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}

	return os.Rename(tmp.Name(), target)
}
