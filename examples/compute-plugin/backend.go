package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/launch"
	"github.com/ldkdev/ldk/compute/tempdir"
)

// Defaults when a spec leaves a figure unset.
const (
	defaultTimeout  = 3 * time.Second
	defaultIdleTTL  = 5 * time.Minute
	defaultMemoryMB = 128
	// logBuffer is how many log records wait for the host before new ones
	// are dropped.
	logBuffer = 4096
)

// backend implements compute.Backend with snapshot-isolated workers.
//
// TODO: the worker pool here (idle workers, per-function maps, idle TTL,
// the log channel) repeats what plugins/subprocess-compute does, because
// ldk exports the pieces of a worker (launch, runtimeapi, sandbox,
// procstat) but not a pool of them; a backend author writes this part
// again until a public worker-pool package exists.
type backend struct {
	log     hclog.Logger
	version string

	setup    sync.Once
	setupErr error
	dir      string // runtime clients, byte-code cache and snapshots
	launcher *launch.Launcher

	mu        sync.Mutex
	functions map[string]*function

	records chan compute.LogRecord
}

var _ compute.Backend = (*backend)(nil)

func newBackend(log hclog.Logger, version string) *backend {
	return &backend{log: log, version: version, functions: map[string]*function{},
		records: make(chan compute.LogRecord, logBuffer)}
}

// Describe names the backend. It has none of the optional capabilities:
// no images, no memory or CPU limits, no arm64.
func (b *backend) Describe(context.Context) (*compute.Description, error) {
	return &compute.Description{
		Name:            "snapshot",
		Version:         b.version,
		ProtocolVersion: compute.ProtocolVersion,
		Runtimes:        launch.Supported(),
	}, nil
}

// dirPrefix starts the name of each plugin's directory in the temporary
// directory: ldk-snapshot-<pid>-<random> (see compute/tempdir).
const dirPrefix = "ldk-snapshot-"

// init makes the backend's directory and its Launcher, once.
func (b *backend) init() error {
	b.setup.Do(func() {
		b.dir, b.setupErr = tempdir.New(os.TempDir(), dirPrefix)
		if b.setupErr != nil {
			b.setupErr = fmt.Errorf("creating the snapshot directory: %w", b.setupErr)
			return
		}
		b.launcher = launch.New("snapshot", b.dir, func(runtime, exe, version string) {
			b.log.Warn("running functions with another runtime version than they ask for",
				"runtime", runtime, "executable", exe, "version", version)
		})
	})
	return b.setupErr
}

// Start checks that the function can run here. Workers, and their
// snapshots, are made at the first invocation. Starting a function again
// replaces it: its idle workers stop at once.
func (b *backend) Start(_ context.Context, spec compute.FunctionSpec) error {
	if err := b.init(); err != nil {
		return err
	}
	if _, err := b.launcher.Prepare(spec); err != nil {
		return err
	}
	f := newFunction(b, spec)
	b.mu.Lock()
	old := b.functions[spec.Name]
	b.functions[spec.Name] = f
	b.mu.Unlock()
	if old != nil {
		old.stop()
	}
	return nil
}

// Invoke runs one invocation on an idle worker of the function, or on a
// new one with a fresh snapshot.
func (b *backend) Invoke(ctx context.Context, req compute.InvokeRequest) (*compute.InvokeResult, error) {
	b.mu.Lock()
	f := b.functions[req.Function]
	b.mu.Unlock()
	if f == nil {
		return nil, fmt.Errorf("invoking %q: the function was not started", req.Function)
	}
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
	return res, err
}

// Stop stops a function's workers and removes their snapshots.
func (b *backend) Stop(_ context.Context, function string) error {
	b.mu.Lock()
	f := b.functions[function]
	delete(b.functions, function)
	b.mu.Unlock()
	if f != nil {
		f.stop()
	}
	return nil
}

// Shutdown stops every worker and removes the backend's directory.
func (b *backend) Shutdown(context.Context) error {
	b.mu.Lock()
	fns := b.functions
	b.functions = map[string]*function{}
	b.mu.Unlock()
	var wg sync.WaitGroup
	for _, f := range fns {
		wg.Go(f.stop)
	}
	wg.Wait()
	if b.dir != "" {
		if err := os.RemoveAll(b.dir); err != nil {
			return fmt.Errorf("removing the snapshot directory: %w", err)
		}
	}
	return nil
}

// Logs hands every log record to sink until ctx ends.
func (b *backend) Logs(ctx context.Context, sink func(compute.LogRecord)) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case r := <-b.records:
			sink(r)
		}
	}
}

// record queues a log record without ever blocking a worker.
//
// TODO: records beyond the buffer are dropped when the host reads slower
// than functions write; the user sees a gap in the function's output.
func (b *backend) record(r compute.LogRecord) {
	select {
	case b.records <- r:
	default:
	}
}
