package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/launch"
)

// logBuffer is how many log records wait for the host before a worker's
// output waits for room (see record).
const logBuffer = 8192

// errShutDown refuses functions started after Shutdown.
var errShutDown = errors.New("the subprocess backend was shut down")

// logWait bounds how long one log record waits for room in a full queue
// before the host counts as not reading and records are dropped.
const logWait = time.Second

// Backend runs functions as local processes. It implements compute.Backend.
type Backend struct {
	log     hclog.Logger
	version string

	setup    sync.Once
	setupErr error
	dir      string // holds the runtime clients
	pycache  string // python's byte-code cache, shared by runs where it can be
	launcher *launch.Launcher
	guard    *guard // kills the workers' process groups if the plugin dies

	mu        sync.Mutex
	functions map[string]*function

	records chan compute.LogRecord
	stalled atomic.Bool // the host stopped reading: drop without waiting

	// memCeiling bounds one worker's memory, in bytes; 0: no bound.
	memCeiling int64
}

var _ compute.Backend = (*Backend)(nil)

// newBackend returns a Backend that logs to log and reports version.
func newBackend(log hclog.Logger, version string) *Backend {
	ceiling, err := memoryCeiling()
	if err != nil {
		log.Warn("ignoring the memory ceiling setting", "error", err)
		ceiling = machineMemory() / 2
	}
	return &Backend{
		memCeiling: ceiling,
		log:        log,
		version:    version,
		functions:  make(map[string]*function),
		records:    make(chan compute.LogRecord, logBuffer),
	}
}

// Describe names the backend and its runtimes.
func (b *Backend) Describe(ctx context.Context) (*compute.Description, error) {
	return &compute.Description{
		Name:            "subprocess",
		Version:         b.version,
		ProtocolVersion: compute.ProtocolVersion,
		Runtimes:        launch.Supported(),
	}, nil
}

// layout makes the backend's directory, once, and the Launcher that lays
// out the runtime clients in it. Directories of plugins that were killed
// are swept when the plugin starts (sweepAtStart).
func (b *Backend) layout() error {
	b.setup.Do(func() {
		dir, err := newRuntimeDir()
		if err != nil {
			b.setupErr = fmt.Errorf("creating the runtime directory: %w", err)
			return
		}

		g, err := startGuard()
		if err != nil {
			b.log.Warn("processes a function starts may outlive this plugin if it is killed", "error", err)
		}
		b.guard = g

		b.dir = dir
		b.pycache = bytecodeCache(dir)
		b.launcher = launch.New("subprocess", dir, func(runtime, exe, version string) {
			b.log.Warn("running functions with a different runtime version than they ask for",
				"runtime", runtime, "executable", exe, "version", version)
		})
		b.launcher.SetBytecodeCache(b.pycache)
	})

	return b.setupErr
}

// warm prepares, at plugin start, what the first function would otherwise
// wait for: the runtime directory and the node and python interpreters,
// whose discovery behind a version manager's shim takes hundreds of
// milliseconds.
func (b *Backend) warm() {
	if b.layout() != nil || b.launcher == nil {
		return // Start reports it, or the backend was shut down first
	}
	b.launcher.Preload(launch.Node, launch.Python)
}

// Invoke runs one invocation on a warm worker of the function, or a new one.
func (b *Backend) Invoke(ctx context.Context, req compute.InvokeRequest) (*compute.InvokeResult, error) {
	b.mu.Lock()
	f := b.functions[req.Function]
	b.mu.Unlock()

	if f == nil {
		return nil, fmt.Errorf("invoking %q: the function was not started", req.Function)
	}

	for {
		w, cold, err := f.acquire()
		if err != nil {
			return nil, fmt.Errorf("starting worker for %q: %w", req.Function, err)
		}

		res, healthy, err := f.run(ctx, w, req, cold)
		if healthy {
			f.release(w)
		} else {
			f.discard(w)
		}

		// A warm worker that died while idle is replaced: the invocation
		// runs again on a fresh one (which is cold, so this ends).
		if !errors.Is(err, errRetry) {
			return res, err
		}
	}
}

// Stop stops every worker of a function and forgets it.
func (b *Backend) Stop(ctx context.Context, function string) error {
	b.mu.Lock()
	f := b.functions[function]
	delete(b.functions, function)
	b.mu.Unlock()

	if f != nil {
		f.stop()
	}

	return nil
}

// Shutdown stops every worker and removes the runtime directory.
func (b *Backend) Shutdown(ctx context.Context) error {
	b.mu.Lock()
	fns := b.functions
	b.functions = make(map[string]*function)
	b.mu.Unlock()

	var wg sync.WaitGroup
	for _, f := range fns {
		wg.Go(f.stop)
	}
	wg.Wait()

	// Nothing is laid out after Shutdown; one under way (warm's) is waited
	// for, so what it started is stopped below.
	b.setup.Do(func() { b.setupErr = errShutDown })
	if b.launcher != nil {
		b.launcher.Close()
	}
	b.guard.close()

	if b.dir != "" {
		dropRuntimeBytecode(b.pycache, b.dir)
		if err := os.RemoveAll(b.dir); err != nil {
			return fmt.Errorf("removing the runtime directory: %w", err)
		}
	}

	return nil
}

// Logs hands every log record to sink until ctx ends.
func (b *Backend) Logs(ctx context.Context, sink func(compute.LogRecord)) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case r := <-b.records:
			sink(r)
		}
	}
}

// record queues a log record for the host and reports whether it did.
//
// When the queue is full the worker's output waits for room: the pipe
// between the function and the plugin then fills and the function's
// writes block, so a function that logs faster than the host prints is
// slowed to the host's pace rather than losing lines. The wait for one
// record is bounded by logWait: a host that takes longer has stopped
// reading, and until it reads again records are dropped at once, without
// waiting, so no invocation stalls on logs for more than logWait.
// Dropped lines are counted and reported per invocation (see
// worker.line and function.finish).
func (b *Backend) record(r compute.LogRecord) bool {
	select {
	case b.records <- r:
		b.stalled.Store(false)
		return true
	default:
	}

	if b.stalled.Load() {
		return false
	}

	t := time.NewTimer(logWait)
	defer t.Stop()
	select {
	case b.records <- r:
		return true
	case <-t.C:
		b.stalled.Store(true)
		return false
	}
}
