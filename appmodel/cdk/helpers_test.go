package cdk

import (
	"path/filepath"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
)

// memStack builds a loader and one stack named "Test" from template bytes,
// without a cloud assembly on disk. ok is false when the bytes are not a
// template; the loader's diagnostics say why.
func memStack(t testing.TB, tmpl []byte, opts Options) (*loader, *stack, bool) {
	t.Helper()
	dir := t.TempDir()
	ld := &loader{
		opts:  opts,
		root:  dir,
		cache: filepath.Join(dir, "cache"),
		env:   opts.Env.WithDefaults(),
		app:   &appmodel.App{Source: "cdk", Root: dir},
		seen:  map[string]bool{},
		files: map[string][]byte{},
		funcs: map[string]*fnInfo{},
	}
	st := &stack{
		ld:   ld,
		name: "Test",
		dir:  dir,
		file: filepath.Join(dir, "Test.template.json"),
		env:  ld.env,
	}
	if !ld.useTemplate(st, tmpl) {
		return ld, st, false
	}
	st.constructPaths = map[string]string{}
	ld.stacks = append(ld.stacks, st)
	return ld, st, true
}
