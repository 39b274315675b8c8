package plugins

import "syscall"

// pluginSysProcAttr asks for nothing on Windows: plugins served by
// compute.Serve watch their parent.
func pluginSysProcAttr() *syscall.SysProcAttr { return nil }

// killGroup has no process group to kill on Windows: the plugin alone is
// killed.
//
// TODO: on Windows a process a plugin started outlives the plugin when
// ldk kills it; a job object would take it along.
func killGroup(int) {}
