package plugins

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin/runner"
)

// procRunner starts a plugin process for go-plugin, tied to the host's
// life: on Linux the kernel kills the plugin when ldk dies, even by
// SIGKILL (see pluginSysProcAttr).
//
// The kernel ties the parent-death signal to the thread that started the
// child, not to the process: if that thread ended, the plugin would be
// killed while ldk lives on. Go ends a thread only when a goroutine locked
// to it returns, so every plugin is started from one goroutine that locks
// its thread and never returns (spawn).
type procRunner struct {
	log    hclog.Logger
	cmd    *exec.Cmd
	stdout io.ReadCloser
	stderr io.ReadCloser
	pid    int
}

var _ runner.Runner = (*procRunner)(nil)

// newRunner is the go-plugin RunnerFunc of every plugin the Manager starts.
func newRunner(log hclog.Logger, cmd *exec.Cmd, _ string) (*procRunner, error) {
	cmd.SysProcAttr = pluginSysProcAttr()
	// A process the plugin started and left behind may hold its stdout and
	// stderr open; Wait gives up on them this long after the plugin ended
	// instead of waiting for that process.
	cmd.WaitDelay = pipeWaitDelay
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("piping the stdout of %s: %w", cmd.Path, err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, fmt.Errorf("piping the stderr of %s: %w", cmd.Path, err)
	}
	return &procRunner{log: log, cmd: cmd, stdout: stdout, stderr: stderr}, nil
}

// Start starts the process from the spawning thread.
func (r *procRunner) Start(context.Context) error {
	var err error
	spawn(func() { err = r.cmd.Start() })
	if err != nil {
		return err
	}
	r.pid = r.cmd.Process.Pid
	r.log.Debug("compute plugin started", "path", r.cmd.Path, "pid", r.pid)
	return nil
}

// Wait reaps the process.
func (r *procRunner) Wait(context.Context) error { return r.cmd.Wait() }

// pipeWaitDelay bounds the wait for a plugin's pipes once it has ended.
const pipeWaitDelay = 2 * time.Second

// Kill kills the process and its process group (a plugin that is a shell
// wrapper, and whatever it started); killing one that is gone is not an
// error.
func (r *procRunner) Kill(context.Context) error {
	if r.cmd.Process == nil {
		return nil
	}
	killGroup(r.pid)
	if err := r.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	return nil
}

// Stdout is the plugin's stdout, which carries the handshake.
func (r *procRunner) Stdout() io.ReadCloser { return r.stdout }

// Stderr is the plugin's stderr, which carries its log lines.
func (r *procRunner) Stderr() io.ReadCloser { return r.stderr }

// Name is the binary's path.
func (r *procRunner) Name() string { return r.cmd.Path }

// ID is the process id.
func (r *procRunner) ID() string { return strconv.Itoa(r.pid) }

// Diagnose is appended by go-plugin to a failed handshake; the Manager
// words its own advice, so there is nothing to add.
func (r *procRunner) Diagnose(context.Context) string { return "" }

// PluginToHost keeps addresses as they are: the plugin runs on this host.
func (r *procRunner) PluginToHost(network, addr string) (string, string, error) {
	return network, addr, nil
}

// HostToPlugin keeps addresses as they are: the plugin runs on this host.
func (r *procRunner) HostToPlugin(network, addr string) (string, string, error) {
	return network, addr, nil
}

var (
	spawnOnce sync.Once
	spawnReqs chan func()
)

// spawn runs f on the one goroutine that starts plugin processes. That
// goroutine is locked to its OS thread and never returns, so the thread a
// plugin's parent-death signal is tied to lives as long as ldk.
func spawn(f func()) {
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
