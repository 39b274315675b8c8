package plugins

import "syscall"

// pluginSysProcAttr asks the kernel to SIGKILL a plugin when the thread
// that started it ends, which spawn makes the same as ldk ending. The
// plugin gets a process group of its own, so a signal sent to ldk's group
// (a closed terminal, `timeout`, a process manager) reaches ldk alone and
// ldk stops the plugin in order, after the requests in flight.
func pluginSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
}

// killGroup kills the process group the plugin leads.
func killGroup(pid int) {
	if pid > 0 {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
}
