package main

import (
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/ldkdev/ldk/compute"
)

// errStopped is the error of an invocation of a function being stopped.
var errStopped = errors.New("the function was stopped")

// function is a started function and its workers.
type function struct {
	b       *backend
	spec    compute.FunctionSpec
	timeout time.Duration
	ttl     time.Duration

	mu      sync.Mutex
	idle    []*worker // most recently used last
	all     map[*worker]struct{}
	stopped bool
}

func newFunction(b *backend, spec compute.FunctionSpec) *function {
	f := &function{b: b, spec: spec, timeout: time.Duration(spec.TimeoutSeconds) * time.Second,
		ttl: spec.IdleTTL, all: map[*worker]struct{}{}}
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

// acquire returns a live idle worker, or starts one on a fresh snapshot
// (cold is then true).
func (f *function) acquire() (w *worker, cold bool, err error) {
	for {
		f.mu.Lock()
		if f.stopped {
			f.mu.Unlock()
			return nil, false, errStopped
		}
		n := len(f.idle)
		if n == 0 {
			f.mu.Unlock()
			break
		}
		w = f.idle[n-1]
		f.idle = f.idle[:n-1]
		w.idleTimer.Stop()
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
		return nil, false, errStopped
	}
	return w, true, nil
}

// release keeps a worker warm for the next invocation, until its idle TTL.
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
		f.discard(w)
	}
}

// discard kills w, removes its snapshot and forgets it.
func (f *function) discard(w *worker) {
	w.kill()
	f.mu.Lock()
	delete(f.all, w)
	f.mu.Unlock()
}

// stop kills every worker, busy ones included, and refuses new ones.
func (f *function) stop() {
	f.mu.Lock()
	f.stopped = true
	workers := make([]*worker, 0, len(f.all))
	for w := range f.all {
		workers = append(workers, w)
	}
	for _, w := range f.idle {
		w.idleTimer.Stop()
	}
	f.idle = nil
	f.mu.Unlock()
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Go(func() { f.discard(w) })
	}
	wg.Wait()
}
