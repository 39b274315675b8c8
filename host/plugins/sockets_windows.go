package plugins

import "errors"

// privateDir refuses on Windows, where go-plugin uses TCP on loopback and
// makes no socket directory.
func privateDir(dir string) error {
	return errors.New("plugin socket directories are not used on windows")
}
