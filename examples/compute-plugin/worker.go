package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/procstat"
	"github.com/ldkdev/ldk/compute/runtimeapi"
	"github.com/ldkdev/ldk/compute/sandbox"
)

// worker is one process running on its own snapshot of the code, serving
// one invocation at a time.
type worker struct {
	fn       *function
	snapshot string
	cmd      *exec.Cmd
	pid      int
	ep       *runtimeapi.Endpoint
	started  time.Time
	stdout   *sandbox.LineReader
	stderr   *sandbox.LineReader
	exited   chan struct{} // closed once the process is reaped

	mu        sync.Mutex
	requestID string
	tail      *sandbox.Tail
	cancel    func(error) // ends the invocation in progress
	idleTimer *time.Timer
	killOnce  sync.Once
}

// errExited is the cause of an invocation cut short by its worker's exit.
var errExited = fmt.Errorf("worker exited")

// startWorker copies the function's code into a fresh snapshot and starts
// a worker process on it, with its own Runtime API endpoint.
func startWorker(f *function) (*worker, error) {
	snap, err := os.MkdirTemp(f.b.dir, "code-")
	if err != nil {
		return nil, fmt.Errorf("creating a snapshot directory: %w", err)
	}
	if err := copyTree(f.spec.CodeDir, snap); err != nil {
		os.RemoveAll(snap)
		return nil, err
	}
	// The worker sees the snapshot as its code: LAMBDA_TASK_ROOT, its
	// working directory and, for provided runtimes, its bootstrap.
	spec := f.spec
	spec.CodeDir = snap
	spec.Environment = make(map[string]string, len(f.spec.Environment)+1)
	for k, v := range f.spec.Environment {
		spec.Environment[k] = v
	}
	spec.Environment["LAMBDA_TASK_ROOT"] = snap
	plan, err := f.b.launcher.Prepare(spec)
	if err != nil {
		os.RemoveAll(snap)
		return nil, err
	}
	ep, err := runtimeapi.Listen()
	if err != nil {
		os.RemoveAll(snap)
		return nil, err
	}
	w := &worker{fn: f, snapshot: snap, ep: ep, exited: make(chan struct{})}
	if err := w.start(plan.Command, append(plan.Env, "AWS_LAMBDA_RUNTIME_API="+ep.Addr())); err != nil {
		ep.Close()
		os.RemoveAll(snap)
		return nil, err
	}
	return w, nil
}

// start launches the process with its output piped to line readers.
func (w *worker) start(argv, env []string) error {
	outR, outW, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("creating the stdout pipe: %w", err)
	}
	errR, errW, err := os.Pipe()
	if err != nil {
		outR.Close()
		outW.Close()
		return fmt.Errorf("creating the stderr pipe: %w", err)
	}
	w.cmd = exec.Command(argv[0], argv[1:]...)
	w.cmd.Dir = w.snapshot
	w.cmd.Env = env
	w.cmd.Stdout, w.cmd.Stderr = outW, errW
	w.cmd.SysProcAttr = workerSysProcAttr()
	w.started = time.Now()
	err = w.cmd.Start()
	outW.Close()
	errW.Close()
	if err != nil {
		outR.Close()
		errR.Close()
		return fmt.Errorf("starting %s: %w", argv[0], err)
	}
	w.pid = w.cmd.Process.Pid
	w.stdout = sandbox.NewLineReader(outR, func(line string) { w.line(compute.StreamStdout, line) })
	w.stderr = sandbox.NewLineReader(errR, func(line string) { w.line(compute.StreamStderr, line) })
	go w.wait()
	return nil
}

// wait reaps the process and ends the invocation in progress, if any.
func (w *worker) wait() {
	_ = w.cmd.Wait()
	close(w.exited)
	w.mu.Lock()
	cancel := w.cancel
	w.mu.Unlock()
	if cancel != nil {
		cancel(errExited)
	}
}

func (w *worker) alive() bool {
	select {
	case <-w.exited:
		return false
	default:
		return true
	}
}

// line records one line of the worker's output for the host and the tail.
func (w *worker) line(stream, text string) {
	w.mu.Lock()
	id, t := w.requestID, w.tail
	w.mu.Unlock()
	if t != nil {
		t.Add(text)
	}
	w.fn.b.record(compute.LogRecord{Function: w.fn.spec.Name, RequestID: id, Stream: stream,
		Time: time.Now(), Text: text})
}

// kill stops the process group, closes the endpoint and removes the
// snapshot. It is safe to call more than once.
func (w *worker) kill() {
	w.killOnce.Do(func() {
		w.terminate()
		w.stdout.Close()
		w.stderr.Close()
		_ = w.ep.Close()
		if err := os.RemoveAll(w.snapshot); err != nil {
			w.fn.b.log.Warn("removing a worker's snapshot", "dir", w.snapshot, "error", err)
		}
	})
}

// terminate kills the process group and waits until it is reaped.
func (w *worker) terminate() {
	_ = syscall.Kill(-w.pid, syscall.SIGKILL)
	<-w.exited
}

// peakMB is the worker tree's peak resident memory, in MiB.
func (w *worker) peakMB() int {
	n, err := procstat.TreePeakRSS(w.pid)
	if err != nil {
		return 0
	}
	return procstat.MiB(n)
}

func (w *worker) id() string { return strconv.Itoa(w.pid) + "@" + filepath.Base(w.snapshot) }
