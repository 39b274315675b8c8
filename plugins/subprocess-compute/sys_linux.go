package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// workerSysProcAttr puts a worker in its own process group, so a timeout
// kills everything it started, and asks the kernel to kill it if the
// plugin dies first, so no worker outlives ldk.
//
// The parent-death signal follows the OS thread that started the worker;
// Go keeps those threads alive for the life of the process unless a
// goroutine locked to one exits, which this plugin never does.
func workerSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// dieWithHost asks the kernel to kill the plugin when the process that
// started it dies, so an ldk killed with SIGKILL (which runs no cleanup)
// leaves no plugin behind; the workers then follow through their own
// parent-death signal. A host already gone when the request took effect
// ends the plugin at once.
func dieWithHost() error {
	host := os.Getppid()
	if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(syscall.SIGKILL), 0, 0, 0); err != nil {
		return fmt.Errorf("asking to be killed with the host: %w", err)
	}
	if os.Getppid() != host {
		os.Exit(1)
	}
	return nil
}

// startTime is when process pid started, in clock ticks after boot, or 0
// when there is no such process.
func startTime(pid int) uint64 {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return 0
	}
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	// fields[0] is the state; the start time is field 22 of the file.
	if len(fields) < 20 {
		return 0
	}
	n, _ := strconv.ParseUint(fields[19], 10, 64)
	return n
}
