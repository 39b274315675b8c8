package main

import "syscall"

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
