// Package tempdir makes temporary directories named after the process that
// owns them, and removes those whose owner is gone.
//
// A process killed with SIGKILL runs no cleanup: whatever it kept in the
// temporary directory stays. A directory made by New carries its owner's
// pid in its name (<prefix><pid>-<random>), so the next run, calling Sweep
// at its start, can tell which directories belong to processes that no
// longer run and remove them. Compute plugins use it for their runtime
// files; the host uses it for its plugins' sockets.
package tempdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
)

// made numbers the directories Next makes in this process.
var made atomic.Int64

// New makes a directory in parent named <prefix><pid>-<random>, with this
// process's pid, readable by its owner only.
func New(parent, prefix string) (string, error) {
	dir, err := os.MkdirTemp(parent, fmt.Sprintf("%s%d-", prefix, os.Getpid()))
	if err != nil {
		return "", fmt.Errorf("creating a temporary directory in %s: %w", parent, err)
	}

	return dir, nil
}

// Next makes a directory in parent named <prefix><pid>-<n>, n counting
// the directories this process made, readable by its owner only. The name
// is short (a socket path under it must stay within about 100 bytes) and
// predictable, so parent must be private to this user. A directory of that
// name left by an earlier process with the same pid is replaced.
func Next(parent, prefix string) (string, error) {
	dir := filepath.Join(parent, fmt.Sprintf("%s%d-%d", prefix, os.Getpid(), made.Add(1)))
	err := os.Mkdir(dir, 0o700)
	if errors.Is(err, fs.ErrExist) {
		if err = os.RemoveAll(dir); err == nil {
			err = os.Mkdir(dir, 0o700)
		}
	}
	if err != nil {
		return "", fmt.Errorf("creating a temporary directory in %s: %w", parent, err)
	}

	return dir, nil
}

// Sweep removes the directories in parent made by New or Next with prefix
// whose owner no longer runs, and returns how many it removed. A directory
// whose owner's pid runs is kept even if the pid was reused: keeping a few
// files is better than pulling them from under a live process.
func Sweep(parent, prefix string) int {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return 0
	}

	removed := 0
	for _, e := range entries {
		pid, ok := Owner(e.Name(), prefix)
		if !ok || !e.IsDir() || pid == os.Getpid() || Running(pid) {
			continue
		}
		if os.RemoveAll(filepath.Join(parent, e.Name())) == nil {
			removed++
		}
	}

	return removed
}

// Owner reads the owner's pid out of a directory name made by New or Next.
func Owner(name, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}

	digits, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}

	pid, err := strconv.Atoi(digits)
	return pid, err == nil && pid > 0
}
