//go:build unix

package plugins

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// privateDir makes dir, readable by this user only, or checks that the
// one there is a directory of this user's that no one else can write to:
// the temporary directory is shared, and a socket directory another user
// controls could be used to swap a plugin's socket.
func privateDir(dir string) error {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("creating %s: %w", dir, err)
	}

	info, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("checking %s: %w", dir, err)
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	switch {
	case !info.IsDir():
		return fmt.Errorf("%s is not a directory; remove it", dir)
	case !ok || int(st.Uid) != os.Getuid():
		return fmt.Errorf("%s belongs to another user; remove it or set TMPDIR", dir)
	case info.Mode().Perm()&0o077 != 0:
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("making %s private: %w", dir, err)
		}
	}

	return nil
}
