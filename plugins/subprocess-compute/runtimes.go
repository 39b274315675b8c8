package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// language is how a runtime's workers are started.
type language int

const (
	langNode language = iota + 1
	langPython
	// langProvided runs the code's own bootstrap executable.
	langProvided
)

// runtimeInfo describes one Lambda runtime identifier.
type runtimeInfo struct {
	lang language
	// version is node's major version or python's minor version (3.x).
	version int
}

var runtimes = map[string]runtimeInfo{
	"nodejs18.x":      {langNode, 18},
	"nodejs20.x":      {langNode, 20},
	"nodejs22.x":      {langNode, 22},
	"python3.9":       {langPython, 9},
	"python3.10":      {langPython, 10},
	"python3.11":      {langPython, 11},
	"python3.12":      {langPython, 12},
	"python3.13":      {langPython, 13},
	"provided.al2":    {langProvided, 0},
	"provided.al2023": {langProvided, 0},
}

// supportedRuntimes lists the runtime identifiers, sorted.
func supportedRuntimes() []string {
	var names []string
	for name := range runtimes {
		names = append(names, name)
	}
	slices.Sort(names)

	return names
}

// interpreter is a node or python3 executable found on PATH.
type interpreter struct {
	path string
	// version is node's major or python's 3.x minor version.
	version int
	// full is the version as the executable prints it.
	full string
}

var (
	nodeVersion   = regexp.MustCompile(`^v(\d+)\.`)
	pythonVersion = regexp.MustCompile(`^(\d+)\.(\d+)`)
)

// findInterpreter locates node or python3 and asks it for its version and
// the real executable behind it, so that version-manager shims (pyenv,
// nvm, asdf) are not run again for every worker.
func findInterpreter(lang language) (interpreter, error) {
	name, install := "node", "install Node.js"
	args := []string{"-p", `process.execPath + "\n" + process.version`}
	if lang == langPython {
		name, install = "python3", "install Python 3"
		args = []string{"-c", "import sys, platform; print(sys.executable); print(platform.python_version())"}
	}

	path, err := exec.LookPath(name)
	if err != nil {
		return interpreter{}, fmt.Errorf("the %s executable was not found on PATH; %s or add it to PATH", name, install)
	}

	out, err := exec.Command(path, args...).Output()
	if err != nil {
		return interpreter{}, fmt.Errorf("asking %s for its version: %w", path, err)
	}

	real, full, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	in := interpreter{path: real, full: full}
	if lang == langNode {
		m := nodeVersion.FindStringSubmatch(full)
		if m == nil {
			return interpreter{}, fmt.Errorf("asking %s for its version: unexpected answer %q", path, out)
		}
		in.version, _ = strconv.Atoi(m[1])
	} else {
		m := pythonVersion.FindStringSubmatch(full)
		if m == nil || m[1] != "3" {
			return interpreter{}, fmt.Errorf("%s is Python %q; the python runtimes need Python 3", path, full)
		}
		in.version, _ = strconv.Atoi(m[2])
	}

	if real == "" {
		in.path = path
	}

	return in, nil
}

// checkHandler refuses a handler whose module path leaves codeDir.
func checkHandler(name, codeDir, handler string) error {
	if handler == "" {
		return fmt.Errorf("function %q has no handler; set one such as index.handler", name)
	}

	slash := strings.LastIndex(handler, "/")
	module := handler[slash+1:]
	if dot := strings.Index(module, "."); dot >= 0 {
		module = module[:dot]
	}

	rel := handler[:slash+1] + module
	if filepath.IsAbs(rel) || strings.HasPrefix(rel, "/") {
		return fmt.Errorf("handler %q of function %q is an absolute path; name a file inside the code directory %s",
			handler, name, codeDir)
	}

	back, err := filepath.Rel(codeDir, filepath.Join(codeDir, filepath.FromSlash(rel)))
	if err != nil || back == ".." || strings.HasPrefix(back, ".."+string(filepath.Separator)) {
		return fmt.Errorf("handler %q of function %q leaves the code directory %s; name a file inside it",
			handler, name, codeDir)
	}

	return nil
}

// checkBootstrap requires the executable a provided runtime starts.
func checkBootstrap(name, runtime, codeDir string) (string, error) {
	path := filepath.Join(codeDir, "bootstrap")

	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("function %q runs %s, which starts the code's bootstrap executable, "+
			"but there is no %s; build one there", name, runtime, path)
	}

	if fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
		return "", fmt.Errorf("function %q runs %s, but %s is not executable; chmod +x it", name, runtime, path)
	}

	return path, nil
}
