//go:build unix && !linux

package plugins

import "syscall"

// pluginSysProcAttr has no parent-death signal to ask for outside Linux;
// plugins served by compute.Serve watch their parent instead. The plugin
// gets a process group of its own so group signals reach ldk alone.
func pluginSysProcAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// killGroup kills the process group the plugin leads.
func killGroup(pid int) {
	if pid > 0 {
		_ = syscall.Kill(-pid, syscall.SIGKILL)
	}
}
