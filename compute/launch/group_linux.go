package launch

import (
	"os/exec"
	"syscall"
)

// groupKill runs cmd in a process group of its own, which its
// cancellation kills whole (a version manager's shim runs the interpreter
// as its own child), and has the kernel kill it if the caller dies first.
func groupKill(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
