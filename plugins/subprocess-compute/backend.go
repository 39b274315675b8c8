package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/launch"
)

// logBuffer is how many log records wait for the host before new ones are
// dropped.
const logBuffer = 8192

// Backend runs functions as local processes. It implements compute.Backend.
type Backend struct {
	log     hclog.Logger
	version string

	setup    sync.Once
	setupErr error
	dir      string // holds the shims and python's byte-code cache
	launcher *launch.Launcher
	guard    *guard // kills the workers' process groups if the plugin dies

	mu        sync.Mutex
	functions map[string]*function

	records chan compute.LogRecord
	dropped atomic.Int64

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
// are swept by newRuntimeDir.
func (b *Backend) layout() error {
	b.setup.Do(func() {
		dir, err := newRuntimeDir(b.log)
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
		b.launcher = launch.New("subprocess", dir, func(runtime, exe, version string) {
			b.log.Warn("running functions with a different runtime version than they ask for",
				"runtime", runtime, "executable", exe, "version", version)
		})
	})

	return b.setupErr
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

	if b.guard != nil {
		b.guard.close()
	}

	if b.dir != "" {
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

// record queues a log record for the host without ever blocking a worker.
//
// TODO: when the host reads logs slower than functions write them, records
// beyond the buffer are dropped; the user sees a gap and one warning.
func (b *Backend) record(r compute.LogRecord) {
	select {
	case b.records <- r:
	default:
		if b.dropped.Add(1) == 1 {
			b.log.Warn("function output is arriving faster than the host reads it; dropping log lines",
				"function", r.Function, "request_id", r.RequestID)
		}
	}
}
