package reload

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/host"
	"github.com/ldkdev/ldk/host/watch"
)

// pathsCap is how many paths watch.Change keeps; a change with that many
// may have lost some.
const pathsCap = 50

// plan is what one debounced change asks for.
type plan struct {
	// model is true when the model's inputs changed and it must be read
	// again.
	model bool
	// code maps each function whose code or layers changed to the first
	// changed path under them.
	code map[string]string
	// restart are the changed files that apply only after a restart.
	restart []string
	// codePaths are the changed paths inside code or layer directories,
	// for the log line.
	codePaths []string
}

// inputs says where the model is read from.
type inputs struct {
	// roots are the directories and files the model is read from.
	roots []string
	// restart are files read once at start-up.
	restart []string
	// config are files Load reads besides the model (ldk.yaml); they are
	// never code.
	config []string
	// isModelFile reports whether a path is one the model is read from
	// even when it lies inside a function's code directory (a .tf file
	// in a module that is also archived, say).
	isModelFile func(path string) bool
}

// planFor decides what a change asks for: which functions' code changed,
// and whether the model must be read again. A path inside a code or layer
// directory is code; any other path under an input root, or a model file
// anywhere, means the model.
func planFor(c watch.Change, app *appmodel.App, in inputs) plan {
	p := plan{code: map[string]string{}}
	paths := c.Paths
	if len(paths) >= pathsCap {
		// Some paths were dropped: count every changed root as changed.
		paths = append(append([]string(nil), paths...), c.Roots...)
		p.model = anyUnder(c.Roots, in.roots)
	}
	dirs := codeDirs(app)
	for _, path := range paths {
		if slices.Contains(in.restart, path) && !slices.Contains(p.restart, path) {
			p.restart = append(p.restart, path)
			continue
		}
		if slices.Contains(in.config, path) {
			p.model = true
			continue
		}
		inCode := false
		for name, ds := range dirs {
			for _, d := range ds {
				if within(path, d) {
					inCode = true
					if _, seen := p.code[name]; !seen {
						p.code[name] = path
					}
				}
			}
		}
		if inCode && !slices.Contains(p.codePaths, path) {
			p.codePaths = append(p.codePaths, path)
		}
		if in.isModelFile != nil && in.isModelFile(path) {
			p.model = true
		}
		if !inCode && anyUnder([]string{path}, in.roots) {
			p.model = true
		}
	}
	return p
}

// codeDirs maps each runnable function to its code and layer directories.
func codeDirs(app *appmodel.App) map[string][]string {
	out := map[string][]string{}
	for _, f := range app.Functions {
		if !f.Runnable {
			continue
		}
		var ds []string
		if f.CodeDir != "" {
			ds = append(ds, f.CodeDir)
		}
		ds = append(ds, f.Layers...)
		if len(ds) > 0 {
			out[f.Name] = ds
		}
	}
	return out
}

// watchRoots are the roots to watch for app: its inputs and every code and
// layer directory, sorted and without repeats.
func watchRoots(app *appmodel.App, in inputs) []string {
	set := map[string]bool{}
	for _, r := range append(slices.Clone(in.roots), in.restart...) {
		set[r] = true
	}
	for _, ds := range codeDirs(app) {
		for _, d := range ds {
			set[d] = true
		}
	}
	return sortedKeys(set)
}

// within reports whether path is dir or lies below it.
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// anyUnder reports whether any path lies within any of roots.
func anyUnder(paths, roots []string) bool {
	for _, p := range paths {
		for _, r := range roots {
			if within(p, r) {
				return true
			}
		}
	}
	return false
}

// describeChange says in a few words what differs between two models.
func describeChange(c appmodel.Change) string {
	var parts []string
	add := func(what string, added, removed, changed []string) {
		var ds []string
		for _, n := range added {
			ds = append(ds, "+"+n)
		}
		for _, n := range removed {
			ds = append(ds, "-"+n)
		}
		for _, n := range changed {
			ds = append(ds, "~"+n)
		}
		if len(ds) > 0 {
			parts = append(parts, what+" "+strings.Join(ds, " "))
		}
	}
	add("functions", c.AddedFunctions, c.RemovedFunctions, c.ChangedFunctions)
	add("APIs", c.AddedAPIs, c.RemovedAPIs, c.ChangedAPIs)
	add("function URLs", c.AddedURLs, c.RemovedURLs, nil)
	return strings.Join(parts, "; ")
}

// describePaths names the first changed path, relative to the working
// directory when it lies below it, and how many others changed.
func describePaths(paths []string) string {
	if len(paths) == 0 {
		return "files changed"
	}
	first := paths[0]
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, first); err == nil && !strings.HasPrefix(rel, "..") {
			first = rel
		}
	}
	if len(paths) == 1 {
		return first + " changed"
	}
	return fmt.Sprintf("%s and %d more changed", first, len(paths)-1)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// describeListeners names the listeners a reload opened and closed.
func describeListeners(up host.Updated) string {
	var parts []string
	for _, l := range up.Added {
		parts = append(parts, fmt.Sprintf("opened %s %s on port %d", l.Kind, l.Name, l.Port))
	}
	for _, l := range up.Removed {
		parts = append(parts, fmt.Sprintf("closed %s %s", l.Kind, l.Name))
	}
	return strings.Join(parts, ", ")
}
