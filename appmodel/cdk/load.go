package cdk

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ldkdev/ldk/appmodel"
)

// Load reads the cloud assembly that opts names and returns its app model.
// Findings are in App.Diagnostics; when any is an error, Load returns the
// partial model together with an *appmodel.LoadError listing the errors.
func Load(opts Options) (*appmodel.App, error) {
	ld, err := newLoader(opts)
	if err != nil {
		return nil, err
	}

	ld.run()
	ld.locateDiagnostics()
	ld.app.Diagnostics = ld.diags
	ld.app.Normalize()
	return ld.app, ld.diags.Err()
}

// loader holds the state of one Load call.
type loader struct {
	opts  Options
	root  string // absolute cloud assembly directory
	cache string // absolute per-app cache directory
	env   appmodel.Env

	stacks   []*stack // every stack read, nested ones included, in read order
	app      *appmodel.App
	diags    appmodel.Diagnostics
	seen     map[string]bool    // diagnostic keys already reported
	files    map[string][]byte  // template bytes, to turn JSON paths into positions
	depth    int                // intrinsic nesting depth, against cycles
	funcs    map[string]*fnInfo // functions by name
	exports  map[string]export  // exports of every stack, built on first import
	apiNames map[string]string  // wanted API names by apiKey
	apiWhats []apiWhat          // unsupported entries naming an API
}

// newLoader finds the assembly and the cache directory for opts.
func newLoader(opts Options) (*loader, error) {
	root, err := opts.assemblyDir()
	if err != nil {
		var le *appmodel.LoadError
		if errors.As(err, &le) {
			return nil, err
		}
		return nil, loadError("", "", "finding the cloud assembly: "+err.Error(), "pass --cdk-out")
	}

	info, err := os.Stat(root)
	if err != nil || !info.IsDir() {
		return nil, loadError(root, "", "no cloud assembly here",
			"run `cdk synth` in the project first, or point --cdk-out at the directory it wrote")
	}

	cacheBase, err := opts.cacheRoot()
	if err != nil {
		return nil, loadError("", "", err.Error(), "set LDK_CACHE_DIR")
	}
	sum := sha256.Sum256([]byte(root))

	return &loader{
		opts:  opts,
		root:  root,
		cache: filepath.Join(cacheBase, "cdk", hex.EncodeToString(sum[:8])),
		env:   opts.Env.WithDefaults(),
		app:   &appmodel.App{Source: "cdk", Root: root},
		seen:  map[string]bool{},
		files: map[string][]byte{},
		funcs: map[string]*fnInfo{},
	}, nil
}

// loadError builds a LoadError holding one error diagnostic.
func loadError(file, path, msg, hint string) error {
	ds := appmodel.Diagnostics{{
		Severity: appmodel.SeverityError, File: file, Path: path, Message: msg, Hint: hint,
	}}
	return ds.Err()
}

// run reads the assembly and fills the model, in an order where every
// step finds what it refers to: stacks, layers and functions, then what
// points at functions.
func (ld *loader) run() {
	ld.readAssembly(ld.root, "")
	if len(ld.stacks) == 0 && !ld.diags.HasErrors() {
		ld.errorf(filepath.Join(ld.root, "manifest.json"), "artifacts",
			"run `cdk synth` and check that the app defines a stack", "the cloud assembly holds no stack")
		return
	}

	ld.build(ld.selectStacks())
}

// build fills the model from the selected stacks.
func (ld *loader) build(selected []*stack) {
	for _, st := range selected {
		ld.readLayers(st)
	}
	for _, st := range selected {
		ld.readFunctions(st)
	}
	ld.markServiceTokens(selected)
	ld.warnNotRunnable()
	for _, st := range selected {
		ld.readAliases(st)
		ld.readHTTPAPIs(st)
		ld.readRESTAPIs(st)
		ld.readFunctionURLs(st)
		ld.readEventSources(st)
		ld.readStateMachines(st)
	}
	ld.nameAPIs()
}

// report adds a diagnostic once: the same finding about the same place is
// kept only the first time.
func (ld *loader) report(sev, file, path, hint, format string, args ...any) {
	d := appmodel.Diagnostic{
		Severity: sev, File: file, Path: path, Hint: hint, Message: fmt.Sprintf(format, args...),
	}
	key := d.String()
	if ld.seen[key] {
		return
	}
	ld.seen[key] = true
	ld.diags = append(ld.diags, d)
}

// errorf reports an error finding.
func (ld *loader) errorf(file, path, hint, format string, args ...any) {
	ld.report(appmodel.SeverityError, file, path, hint, format, args...)
}

// warnf reports a warning finding.
func (ld *loader) warnf(file, path, hint, format string, args ...any) {
	ld.report(appmodel.SeverityWarning, file, path, hint, format, args...)
}
