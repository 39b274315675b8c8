package launch

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CheckHandler refuses an empty handler and one whose module path leaves
// codeDir. name is the function's, for the message.
func CheckHandler(name, codeDir, handler string) error {
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

// CheckBootstrap returns the executable a provided runtime starts,
// codeDir/bootstrap, or says why there is none to start.
func CheckBootstrap(name, runtime, codeDir string) (string, error) {
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
