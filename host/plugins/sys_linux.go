package plugins

import "syscall"

// pluginSysProcAttr asks the kernel to SIGKILL a plugin when the thread
// that started it ends, which spawn makes the same as ldk ending.
func pluginSysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
