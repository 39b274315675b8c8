//go:build !linux

package main

import "syscall"

// workerSysProcAttr puts a worker in its own process group, so killing it
// kills what it started.
//
// TODO: outside Linux a worker is not killed by the kernel when the plugin
// dies; a SIGKILLed plugin leaves its workers running.
func workerSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
