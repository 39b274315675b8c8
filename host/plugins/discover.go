package plugins

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// BinaryPrefix starts the file name of every compute plugin binary:
// ldk-compute-<name>.
const BinaryPrefix = "ldk-compute-"

// Where a plugin binary was found, in search order.
const (
	WhereExecutableDir = "next to ldk"
	WherePluginDir     = "plugin directory"
	WherePath          = "PATH"
)

// Found is a plugin binary found on disk.
type Found struct {
	// Name is the backend name, the part after ldk-compute-.
	Name string
	// Path is the binary's absolute path.
	Path string
	// Where says which search location held it (one of the Where* values).
	Where string
}

// location is one directory searched, and what to call it.
type location struct {
	dir   string
	where string
}

// locations lists the directories searched, in order: ldk's own directory,
// the plugin directory, then each PATH entry.
func (m *Manager) locations() []location {
	var locs []location
	if m.opts.ExecutableDir != "" {
		locs = append(locs, location{m.opts.ExecutableDir, WhereExecutableDir})
	}
	if m.opts.Dir != "" {
		locs = append(locs, location{m.opts.Dir, WherePluginDir})
	}
	for _, dir := range filepath.SplitList(m.opts.Path) {
		if dir != "" {
			locs = append(locs, location{dir, WherePath})
		}
	}
	return locs
}

// Find returns where the backend name is: the first location holding an
// executable ldk-compute-<name>. When none does, the error is a
// *NotFoundError listing the backends that were found.
func (m *Manager) Find(name string) (Found, error) {
	if name == "" || strings.ContainsAny(name, `/\`) {
		return Found{}, fmt.Errorf("compute backend name %q is not valid: use a plain name such as \"subprocess\"", name)
	}

	for _, loc := range m.locations() {
		path := filepath.Join(loc.dir, BinaryPrefix+name)
		if isExecutable(path) {
			return Found{Name: name, Path: absPath(path), Where: loc.where}, nil
		}
	}
	return Found{}, &NotFoundError{Name: name, Searched: searched(m.locations()), Available: m.Available()}
}

// Available lists every backend found, sorted by name; a name found in
// several locations is listed once, where Find would take it from.
func (m *Manager) Available() []Found {
	seen := map[string]bool{}
	var out []Found
	for _, loc := range m.locations() {
		entries, err := os.ReadDir(loc.dir)
		if err != nil {
			continue // a missing or unreadable directory holds no plugins
		}

		for _, e := range entries {
			name, ok := strings.CutPrefix(e.Name(), BinaryPrefix)
			path := filepath.Join(loc.dir, e.Name())
			if !ok || name == "" || seen[name] || !isExecutable(path) {
				continue
			}
			seen[name] = true
			out = append(out, Found{Name: name, Path: absPath(path), Where: loc.where})
		}
	}

	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// NotFoundError says that no binary of a backend was found, where ldk
// looked, and which backends it did find.
type NotFoundError struct {
	// Name is the backend asked for.
	Name string
	// Searched describes the places looked in, in order
	// ("next to ldk (/usr/local/bin)", ..., "on PATH").
	Searched []string
	// Available are the backends that were found.
	Available []Found
}

// Error names the backend, the places searched, the backends found and
// the fix.
func (e *NotFoundError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "compute backend %q not found: looked for %s%s %s",
		e.Name, BinaryPrefix, e.Name, joinAnd(e.Searched))

	if len(e.Available) == 0 {
		b.WriteString("; found no backends at all")
	} else {
		var names []string
		for _, f := range e.Available {
			names = append(names, fmt.Sprintf("%s (%s: %s)", f.Name, f.Where, f.Path))
		}
		fmt.Fprintf(&b, "; found %s", strings.Join(names, ", "))
	}

	fmt.Fprintf(&b, "; install %s%s into the plugin directory or choose a backend that was found",
		BinaryPrefix, e.Name)
	return b.String()
}

// searched describes the locations for a NotFoundError: each directory by
// name, PATH once.
func searched(locs []location) []string {
	var out []string
	for _, loc := range locs {
		switch loc.where {
		case WhereExecutableDir:
			out = append(out, fmt.Sprintf("next to ldk (%s)", loc.dir))
		case WherePluginDir:
			out = append(out, fmt.Sprintf("in the plugin directory (%s)", loc.dir))
		}
	}
	return append(out, "on PATH")
}

func joinAnd(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// isExecutable says whether path is a regular file (or a link to one) that
// someone may execute.
func isExecutable(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o111 != 0
}

func absPath(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
