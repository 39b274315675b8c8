package reload

import (
	"os/exec"
	"runtime"
	"sync"
	"syscall"
)

// supervisor is the shell the app command runs under on Linux. The kernel
// sends it SIGTERM when ldk ends, however it ends (kill -9 included); it
// then kills its own process group, which is the synth's: the app command
// and every child it started that stayed in the group. The command runs
// in the background so that the trap fires at once, not when it ends;
// wait's status, the command's, is the shell's.
const supervisor = `trap 'kill -s KILL 0' TERM; sh -c "$1" & wait $!`

// shellArgs are the arguments of sh that run command under supervisor.
func shellArgs(command string) []string {
	return []string{"-c", supervisor, "ldk-synth", command}
}

// startSynth starts cmd, which ownGroup has prepared, with a parent-death
// signal. The kernel sends that signal when the thread that started the
// process ends, not the process, so cmd starts on a thread that lives as
// long as ldk.
func startSynth(cmd *exec.Cmd) error {
	cmd.SysProcAttr.Pdeathsig = syscall.SIGTERM
	var err error
	onSpawnThread(func() { err = cmd.Start() })
	return err
}

var (
	spawnOnce sync.Once
	spawnReqs chan func()
)

// onSpawnThread runs f on the one goroutine that starts synths. It is
// locked to its OS thread and never returns, so that thread never ends
// before ldk does.
func onSpawnThread(f func()) {
	spawnOnce.Do(func() {
		spawnReqs = make(chan func())
		go func() {
			runtime.LockOSThread()
			for req := range spawnReqs {
				req()
			}
		}()
	})
	done := make(chan struct{})
	spawnReqs <- func() {
		defer close(done)
		f()
	}
	<-done
}
