//go:build !linux

package main

import "syscall"

// workerSysProcAttr puts a worker in its own process group, so a timeout
// kills everything it started.
//
// TODO: outside Linux there is no parent-death signal: workers of a plugin
// killed with SIGKILL keep running until their next Runtime API call fails.
func workerSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
