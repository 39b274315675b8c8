//go:build !linux

package plugins

import "syscall"

// pluginSysProcAttr has no parent-death signal to ask for outside Linux;
// plugins served by compute.Serve watch their parent instead.
func pluginSysProcAttr() *syscall.SysProcAttr { return nil }
