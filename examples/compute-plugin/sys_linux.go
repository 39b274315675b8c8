package main

import "syscall"

// workerSysProcAttr puts a worker in its own process group, so killing it
// kills what it started, and has the kernel kill it when the plugin dies.
func workerSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
