package launch

import (
	"context"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Language is how a runtime's workers are started.
type Language int

// Languages of the runtimes.
const (
	// Node runs the node runtime client.
	Node Language = iota + 1
	// Python runs the python runtime client.
	Python
	// Provided runs the code's own bootstrap executable.
	Provided
)

// Runtime describes one Lambda runtime identifier.
type Runtime struct {
	// ID is the identifier, such as "nodejs20.x".
	ID       string
	Language Language
	// Version is node's major version or python's minor version (3.x); 0
	// for provided runtimes.
	Version int
}

var runtimes = map[string]Runtime{
	"nodejs18.x":      {"nodejs18.x", Node, 18},
	"nodejs20.x":      {"nodejs20.x", Node, 20},
	"nodejs22.x":      {"nodejs22.x", Node, 22},
	"nodejs24.x":      {"nodejs24.x", Node, 24},
	"python3.9":       {"python3.9", Python, 9},
	"python3.10":      {"python3.10", Python, 10},
	"python3.11":      {"python3.11", Python, 11},
	"python3.12":      {"python3.12", Python, 12},
	"python3.13":      {"python3.13", Python, 13},
	"python3.14":      {"python3.14", Python, 14},
	"provided.al2":    {"provided.al2", Provided, 0},
	"provided.al2023": {"provided.al2023", Provided, 0},
}

// Lookup returns the runtime with identifier id.
func Lookup(id string) (Runtime, bool) {
	rt, ok := runtimes[id]
	return rt, ok
}

// Supported lists the runtime identifiers a Launcher runs, sorted: what a
// backend built on it may put in its Description.
func Supported() []string {
	names := make([]string, 0, len(runtimes))
	for name := range runtimes {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Interpreter is a node or python3 executable found on PATH.
type Interpreter struct {
	// Path is the real executable, behind any version-manager shim.
	Path string
	// Version is node's major or python's 3.x minor version.
	Version int
	// Full is the version as the executable prints it.
	Full string
}

var (
	nodeVersion   = regexp.MustCompile(`^v(\d+)\.`)
	pythonVersion = regexp.MustCompile(`^(\d+)\.(\d+)`)
)

// FindInterpreter locates node or python3 and asks it for its version and
// the real executable behind it, so that version-manager shims (pyenv,
// nvm, asdf) are not run again for every worker.
func FindInterpreter(lang Language) (Interpreter, error) {
	return FindInterpreterContext(context.Background(), lang)
}

// FindInterpreterContext is FindInterpreter bounded by ctx: when ctx ends,
// the process asked (and whatever a shim started under it, which shares
// its process group) is killed.
func FindInterpreterContext(ctx context.Context, lang Language) (Interpreter, error) {
	name, install := "node", "install Node.js"
	args := []string{"-p", `process.execPath + "\n" + process.version`}
	if lang == Python {
		name, install = "python3", "install Python 3"
		args = []string{"-c", "import sys, platform; print(sys.executable); print(platform.python_version())"}
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return Interpreter{}, fmt.Errorf("the %s executable was not found on PATH; %s or add it to PATH", name, install)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	groupKill(cmd)
	out, err := cmd.Output()
	if err != nil {
		return Interpreter{}, fmt.Errorf("asking %s for its version: %w", path, err)
	}
	real, full, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	in := Interpreter{Path: real, Full: full}
	if lang == Node {
		m := nodeVersion.FindStringSubmatch(full)
		if m == nil {
			return Interpreter{}, fmt.Errorf("asking %s for its version: unexpected answer %q", path, out)
		}
		in.Version, _ = strconv.Atoi(m[1])
	} else {
		m := pythonVersion.FindStringSubmatch(full)
		if m == nil || m[1] != "3" {
			return Interpreter{}, fmt.Errorf("%s is Python %q; the python runtimes need Python 3", path, full)
		}
		in.Version, _ = strconv.Atoi(m[2])
	}
	if real == "" {
		in.Path = path
	}
	return in, nil
}
