package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/procstat"
	"github.com/ldkdev/ldk/compute/runtimeapi"
	"github.com/ldkdev/ldk/compute/sandbox"
)

// errExited is the cause of an invocation cut short by its worker's exit.
var errExited = errors.New("worker exited")

// worker is one process serving one function, one invocation at a time.
type worker struct {
	fn      *function
	cmd     *exec.Cmd
	pid     int
	tree    *procstat.Tree // the process's /proc files; nil where they could not be opened
	ep      *runtimeapi.Endpoint
	started time.Time
	stdout  *sandbox.LineReader
	stderr  *sandbox.LineReader

	// exited is closed when the process has been reaped; state is then set.
	exited chan struct{}
	state  *os.ProcessState

	mu        sync.Mutex
	requestID string            // the invocation output belongs to
	tail      *sandbox.Tail     // the invocation's log tail, nil when idle
	cancel    func(cause error) // ends the invocation in progress
	served    int               // invocations served
	dropped   int               // lines of requestID dropped on the way to the host
	peak      int64             // peak memory seen, bytes
	idleTimer *time.Timer       // stops the worker when idle too long
	killOnce  sync.Once
}

// startWorker launches a worker process for fn with its own Runtime API
// endpoint.
func startWorker(fn *function) (*worker, error) {
	ep, err := runtimeapi.Listen()
	if err != nil {
		return nil, err
	}

	outR, outW, err := os.Pipe()
	if err != nil {
		ep.Close()
		return nil, fmt.Errorf("creating the stdout pipe: %w", err)
	}

	errR, errW, err := os.Pipe()
	if err != nil {
		ep.Close()
		outR.Close()
		outW.Close()
		return nil, fmt.Errorf("creating the stderr pipe: %w", err)
	}

	cmd := exec.Command(fn.command[0], fn.command[1:]...)
	cmd.Dir = fn.spec.CodeDir
	cmd.Env = slices.Concat(fn.env, []string{"AWS_LAMBDA_RUNTIME_API=" + ep.Addr()})
	cmd.Stdout = outW
	cmd.Stderr = errW
	cmd.SysProcAttr = workerSysProcAttr()

	w := &worker{fn: fn, cmd: cmd, ep: ep, exited: make(chan struct{}), started: time.Now()}
	err = cmd.Start()
	outW.Close()
	errW.Close()
	if err != nil {
		ep.Close()
		outR.Close()
		errR.Close()
		return nil, fmt.Errorf("starting %s: %w", fn.command[0], err)
	}

	w.pid = cmd.Process.Pid
	fn.backend.guard.add(w.pid)
	if tree, err := procstat.OpenTree(w.pid); err == nil {
		w.tree = tree
	}
	w.stdout = sandbox.NewLineReader(outR, func(line string) { w.line(compute.StreamStdout, line) })
	w.stderr = sandbox.NewLineReader(errR, func(line string) { w.line(compute.StreamStderr, line) })
	go w.wait()

	return w, nil
}

// wait reaps the process, kills what it left running in its process group
// (as Lambda ends a sandbox's processes with its runtime), and ends the
// invocation in progress, if any.
func (w *worker) wait() {
	_ = w.cmd.Wait()
	_ = syscall.Kill(-w.pid, syscall.SIGKILL)
	w.fn.backend.guard.remove(w.pid)
	w.state = w.cmd.ProcessState
	close(w.exited)
	if w.tree != nil {
		w.tree.Close()
	}

	w.mu.Lock()
	cancel := w.cancel
	w.mu.Unlock()

	if cancel != nil {
		cancel(errExited)
	}
}

// alive reports whether the process is still running.
func (w *worker) alive() bool {
	select {
	case <-w.exited:
		return false
	default:
		return true
	}
}

// line records one line of the worker's output.
func (w *worker) line(stream, text string) {
	w.mu.Lock()
	id, t := w.requestID, w.tail
	w.mu.Unlock()

	if t != nil {
		t.Add(text)
	}
	if !w.fn.backend.record(compute.LogRecord{
		Function: w.fn.spec.Name, RequestID: id, Stream: stream, Time: time.Now(), Text: text,
	}) {
		w.mu.Lock()
		w.dropped++
		w.mu.Unlock()
	}
}

// takeDropped returns how many lines of the current request were dropped,
// and starts counting again.
func (w *worker) takeDropped() (requestID string, n int) {
	w.mu.Lock()
	defer w.mu.Unlock()

	n, w.dropped = w.dropped, 0
	return w.requestID, n
}

// warnDropped reports lines dropped outside an invocation (written after
// its END line), attributed to the request they followed.
func (w *worker) warnDropped() {
	if id, n := w.takeDropped(); n > 0 {
		w.fn.backend.log.Warn("function log lines written after the end of an invocation were dropped: "+
			"the host read them slower than the function wrote them",
			"function", w.fn.spec.Name, "request_id", id, "lines", n)
	}
}

// flush waits until the output written so far has been recorded.
func (w *worker) flush() {
	w.stdout.Flush()
	w.stderr.Flush()
}

// kill stops the whole process group and releases the worker's resources.
// It is safe to call more than once.
func (w *worker) kill() {
	w.killOnce.Do(func() {
		_ = syscall.Kill(-w.pid, syscall.SIGKILL)
		<-w.exited

		w.stdout.Close()
		w.stderr.Close()
		_ = w.ep.Close()
		w.warnDropped()
	})
}

// id is the worker's id in results: its pid.
func (w *worker) id() string { return strconv.Itoa(w.pid) }

// exitReason says how the process ended, as Lambda words it
// ("exit status 1", "signal: killed").
func (w *worker) exitReason() string {
	if w.state == nil {
		return "unknown"
	}

	return w.state.String()
}

// begin ties the worker's output and exit to an invocation.
func (w *worker) begin(requestID string, t *sandbox.Tail, cancel func(error)) {
	w.warnDropped()

	w.mu.Lock()
	w.requestID, w.tail, w.cancel = requestID, t, cancel
	w.served++
	w.mu.Unlock()

	if !w.alive() {
		cancel(errExited)
	}
}

// end detaches the invocation; later output keeps its request id but no
// longer reaches its tail.
func (w *worker) end() {
	w.mu.Lock()
	w.tail, w.cancel = nil, nil
	w.mu.Unlock()
}

// terminate kills the process group and waits for the worker to be reaped.
func (w *worker) terminate() {
	_ = syscall.Kill(-w.pid, syscall.SIGKILL)
	<-w.exited
}

// measure records the tree's peak memory while the worker is alive.
func (w *worker) measure() {
	var n int64
	var err error
	if w.tree != nil {
		n, err = w.tree.PeakRSS()
	} else {
		n, err = procstat.TreePeakRSS(w.pid)
	}
	if err == nil {
		w.mu.Lock()
		w.peak = max(w.peak, n)
		w.mu.Unlock()
	}
}

// peakMB is the peak memory in MiB: measured live, else taken from the
// reaped process's resource usage.
func (w *worker) peakMB() int {
	if w.alive() {
		w.measure()
	} else if ru, ok := w.state.SysUsage().(*syscall.Rusage); ok {
		w.mu.Lock()
		w.peak = max(w.peak, ru.Maxrss*1024)
		w.mu.Unlock()
	}

	w.mu.Lock()
	defer w.mu.Unlock()

	return procstat.MiB(w.peak)
}

// initDuration is how long the worker took to be ready (or to fail).
func (w *worker) initDuration(end time.Time) time.Duration {
	if ready := w.ep.ReadyAt(); !ready.IsZero() {
		return ready.Sub(w.started)
	}

	return end.Sub(w.started)
}
