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

// dieWithHost does nothing outside Linux.
//
// TODO: outside Linux a plugin whose ldk was killed with SIGKILL keeps
// running, with its warm workers, until it is killed by hand.
func dieWithHost() error { return nil }

// startTime is 0 outside Linux: a process's start time is not read there,
// so the guard trusts the pid alone.
func startTime(pid int) uint64 { return 0 }
