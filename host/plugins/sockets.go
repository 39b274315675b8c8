package plugins

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/ldkdev/ldk/compute/tempdir"
)

// maxSocketDir bounds the length of a run's socket directory: go-plugin
// adds up to 38 bytes (plugin-dir<n>/plugin<n>) and a socket path must fit
// in 104 bytes on macOS, 108 on Linux, its terminating NUL included.
const maxSocketDir = 103 - 38

// socketRoot is the per-user directory in the temporary directory that
// holds one directory per running ldk (<pid>-<n>, see tempdir.Next), in
// which go-plugin makes each plugin's socket directory.
func socketRoot() string {
	return filepath.Join(os.TempDir(), "ldk-"+strconv.Itoa(os.Getuid()))
}

// sockets returns this run's socket directory, made on first use after
// removing those of runs that are gone (an ldk killed with SIGKILL cannot
// remove its own). It returns "" when the directory cannot be made; the
// plugins' sockets then go where go-plugin puts them by default.
func (m *Manager) sockets() string {
	m.socketsOnce.Do(func() {
		root := socketRoot()
		if err := privateDir(root); err != nil {
			m.log.Warn("using the temporary directory for plugin sockets", "error", err)
			return
		}

		if n := tempdir.Sweep(root, ""); n > 0 {
			m.log.Debug("removed the plugin socket directories of runs that are gone", "count", n)
		}

		dir, err := tempdir.Next(root, "")
		if err != nil {
			m.log.Warn("using the temporary directory for plugin sockets", "error", err)
			return
		}
		if len(dir) > maxSocketDir {
			// TODO: with a long TMPDIR the sockets stay in go-plugin's
			// default place, which a killed ldk leaves behind unswept.
			m.log.Debug("the temporary directory's path is too long for plugin sockets under it",
				"dir", dir)
			_ = os.Remove(dir)
			return
		}
		m.socketDir = dir
	})

	return m.socketDir
}

// removeSockets removes this run's socket directory once its plugins are
// gone.
func (m *Manager) removeSockets() {
	m.socketsOnce.Do(func() {}) // none is made after Close
	if m.socketDir != "" {
		_ = os.RemoveAll(m.socketDir)
	}
}
