package bootstrap

import (
	"fmt"
	"os"
	"path/filepath"
)

// NodePath lists, for each layer directory in order, the directories a
// node function on Lambda finds under /opt: nodejs/node<major>/node_modules
// then nodejs/node_modules. Only directories that exist are listed. The
// result is meant for NODE_PATH (joined with os.PathListSeparator).
//
// TODO: on Lambda layers are merged into /opt, so a package present in two
// layers resolves to the later layer's copy; here the earlier layer's copy
// wins.
func NodePath(layers []string, nodeMajor int) []string {
	var dirs []string
	for _, l := range layers {
		dirs = appendDirs(dirs,
			filepath.Join(l, "nodejs", fmt.Sprintf("node%d", nodeMajor), "node_modules"),
			filepath.Join(l, "nodejs", "node_modules"))
	}

	return dirs
}

// PythonPath lists, for each layer directory in order, the directories a
// python function on Lambda finds under /opt:
// python/lib/python3.<minor>/site-packages then python. Only directories
// that exist are listed. The result is meant for PYTHONPATH.
func PythonPath(layers []string, pythonMinor int) []string {
	var dirs []string
	for _, l := range layers {
		dirs = appendDirs(dirs,
			filepath.Join(l, "python", "lib", fmt.Sprintf("python3.%d", pythonMinor), "site-packages"),
			filepath.Join(l, "python"))
	}

	return dirs
}

func appendDirs(dirs []string, candidates ...string) []string {
	for _, c := range candidates {
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			dirs = append(dirs, c)
		}
	}

	return dirs
}
