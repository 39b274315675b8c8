package main

import (
	"fmt"
	"os"
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
