package main

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ldkdev/ldk/compute"
)

// Defaults when the spec leaves a figure unset.
const (
	defaultIdleTTL  = 5 * time.Minute
	defaultTimeout  = 3 * time.Second
	defaultMemoryMB = 128
)

// function is a started function: how to launch its workers, and the
// workers it has.
type function struct {
	backend *Backend
	spec    compute.FunctionSpec
	command []string
	env     []string
	timeout time.Duration
	ttl     time.Duration

	// warnedMemory is set once the function was warned about its memory.
	warnedMemory atomic.Bool

	mu      sync.Mutex
	idle    []*worker // most recently used last
	all     map[*worker]struct{}
	stopped bool
}

func newFunction(b *Backend, spec compute.FunctionSpec, command, env []string) *function {
	f := &function{
		backend: b, spec: spec, command: command, env: env,
		timeout: time.Duration(spec.TimeoutSeconds) * time.Second,
		ttl:     spec.IdleTTL,
		all:     make(map[*worker]struct{}),
	}
	if f.timeout <= 0 {
		f.timeout = defaultTimeout
	}
	if f.ttl <= 0 {
		f.ttl = defaultIdleTTL
	}
	if f.spec.MemoryMB <= 0 {
		f.spec.MemoryMB = defaultMemoryMB
	}

	return f
}

// acquire returns a warm idle worker, or starts one (cold is then true).
func (f *function) acquire() (w *worker, cold bool, err error) {
	for {
		f.mu.Lock()
		if f.stopped {
			f.mu.Unlock()
			return nil, false, fmt.Errorf("function %q was stopped", f.spec.Name)
		}

		n := len(f.idle)
		if n == 0 {
			f.mu.Unlock()
			break
		}

		w = f.idle[n-1]
		f.idle = f.idle[:n-1]
		if w.idleTimer != nil {
			w.idleTimer.Stop()
		}
		f.mu.Unlock()

		if w.alive() {
			return w, false, nil
		}
		f.discard(w)
	}

	w, err = startWorker(f)
	if err != nil {
		return nil, false, err
	}

	f.mu.Lock()
	stopped := f.stopped
	if !stopped {
		f.all[w] = struct{}{}
	}
	f.mu.Unlock()

	if stopped {
		w.kill()
		return nil, false, fmt.Errorf("function %q was stopped", f.spec.Name)
	}

	f.backend.log.Debug("worker started", "function", f.spec.Name, "pid", w.pid)

	return w, true, nil
}

// release puts a worker that finished an invocation back to wait for the
// next one, until its idle TTL passes.
func (f *function) release(w *worker) {
	f.mu.Lock()
	defer f.mu.Unlock()

	if f.stopped {
		go f.discard(w)
		return
	}

	f.idle = append(f.idle, w)
	w.idleTimer = time.AfterFunc(f.ttl, func() { f.reap(w) })
}

// reap stops w if it is still idle.
func (f *function) reap(w *worker) {
	f.mu.Lock()
	i := slices.Index(f.idle, w)
	if i >= 0 {
		f.idle = slices.Delete(f.idle, i, i+1)
	}
	f.mu.Unlock()

	if i >= 0 {
		f.backend.log.Debug("stopping idle worker", "function", f.spec.Name, "pid", w.pid)
		f.discard(w)
	}
}

// discard kills w and forgets it.
func (f *function) discard(w *worker) {
	w.kill()

	f.mu.Lock()
	delete(f.all, w)
	f.mu.Unlock()
}

// retire refuses new workers and stops the idle ones; busy workers finish
// their invocation and stop when released. Start uses it to replace a
// function without cutting invocations in progress.
func (f *function) retire() {
	f.mu.Lock()
	f.stopped = true
	idle := f.idle
	f.idle = nil
	for _, w := range idle {
		if w.idleTimer != nil {
			w.idleTimer.Stop()
		}
	}
	f.mu.Unlock()

	for _, w := range idle {
		f.discard(w)
	}
}

// stop kills every worker, busy ones included, and refuses new ones.
func (f *function) stop() {
	f.mu.Lock()
	f.stopped = true
	workers := make([]*worker, 0, len(f.all))
	for w := range f.all {
		workers = append(workers, w)
		if w.idleTimer != nil {
			w.idleTimer.Stop()
		}
	}
	f.idle = nil
	f.mu.Unlock()

	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Go(func() { f.discard(w) })
	}
	wg.Wait()
}
