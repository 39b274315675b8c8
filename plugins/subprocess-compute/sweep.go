package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/hashicorp/go-hclog"
)

// runtimeDirPrefix starts the name of each plugin's runtime directory in
// the temporary directory: ldk-subprocess-<pid>-<random>.
const runtimeDirPrefix = "ldk-subprocess-"

// sweepAtStart removes, in the background, the runtime directories of
// plugins that are gone, when the plugin starts rather than when it starts
// its first worker, so a run that never invokes a function sweeps too.
func sweepAtStart(log hclog.Logger) {
	go func() {
		if n := sweepRuntimeDirs(os.TempDir(), sharedBytecodeCache()); n > 0 {
			log.Debug("removed the runtime directories of plugins that are gone", "count", n)
		}
	}()
}

// newRuntimeDir makes this plugin's runtime directory in the temporary
// directory, named with its pid so a later plugin can tell whether its
// owner still runs (see sweepAtStart).
func newRuntimeDir() (string, error) {
	return makeRuntimeDir(os.TempDir())
}

// makeRuntimeDir makes a runtime directory named with this process's pid.
func makeRuntimeDir(tmp string) (string, error) {
	return os.MkdirTemp(tmp, fmt.Sprintf("%s%d-", runtimeDirPrefix, os.Getpid()))
}

// sweepRuntimeDirs removes the runtime directories of plugins that are gone
// (killed with SIGKILL, they could not remove their own), and their byte
// code in the shared cache pycache, and returns how many it removed. A
// directory whose owner's pid is alive is kept, even if the pid was
// reused: keeping a few KB is better than pulling files from under a
// running plugin.
func sweepRuntimeDirs(tmp, pycache string) int {
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return 0
	}

	removed := 0
	for _, e := range entries {
		pid, ok := runtimeDirOwner(e.Name())
		if !ok || !e.IsDir() || pid == os.Getpid() || processExists(pid) {
			continue
		}
		dir := filepath.Join(tmp, e.Name())
		dropRuntimeBytecode(pycache, dir)
		if os.RemoveAll(dir) == nil {
			removed++
		}
	}
	return removed
}

// runtimeDirOwner reads the pid out of a runtime directory's name.
func runtimeDirOwner(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, runtimeDirPrefix)
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

// processExists reports whether a process with this pid runs. A zombie
// (dead, not yet reaped by a parent that may never reap it) does not.
func processExists(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return true // no /proc here: the signal check is all there is
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(fields) == 0 || fields[0] != "Z"
}
