package plugins

import "syscall"

// pluginSysProcAttr asks for nothing on Windows: plugins served by
// compute.Serve watch their parent.
func pluginSysProcAttr() *syscall.SysProcAttr { return nil }
