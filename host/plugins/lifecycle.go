package plugins

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/ldkdev/ldk/compute"
)

// instance is one named plugin over its whole life: it runs generations
// of the plugin process one after the other, restarting after a crash.
type instance struct {
	m     *Manager
	found Found
	log   hclog.Logger

	stop     chan struct{} // closed by close: the run loop ends
	stopOnce sync.Once
	runDone  chan struct{} // closed when the run loop has ended

	mu            sync.Mutex
	gen           *generation // the running generation, nil while down
	desc          *compute.Description
	lastErr       error // why the plugin is down, while it is
	first         chan struct{}
	firstErr      error
	changed       chan struct{} // closed and replaced at every state change
	launching     *plugin.Client
	launchingProc *launched
	specs         map[string]compute.FunctionSpec
	subs          map[int]func(compute.LogRecord)
	nextSub       int
}

func newInstance(m *Manager, found Found) *instance {
	return &instance{
		m: m, found: found, log: m.log,
		stop: make(chan struct{}), runDone: make(chan struct{}),
		first: make(chan struct{}), changed: make(chan struct{}),
		specs: map[string]compute.FunctionSpec{}, subs: map[int]func(compute.LogRecord){},
	}
}

// notify wakes every caller waiting for a state change. mu must be held.
func (inst *instance) notify() {
	close(inst.changed)
	inst.changed = make(chan struct{})
}

// run launches the plugin and relaunches it whenever it dies, until close.
// A first launch that fails ends the loop: Backend reports the error.
func (inst *instance) run() {
	defer close(inst.runDone)

	backoff := inst.m.opts.MinBackoff
	launched := false
	for {
		gen, desc, err := inst.launch()
		if err != nil {
			if !launched {
				inst.fail(err)
				return
			}

			if isDone(inst.stop) {
				return
			}
			inst.down(err)
			inst.log.Error("restarting compute plugin failed", "plugin", inst.found.Name, "error", err, "retry_in", backoff)
			if !inst.sleep(backoff) {
				return
			}
			backoff = min(2*backoff, inst.m.opts.MaxBackoff)
			continue
		}

		if !launched {
			launched = true
			inst.up(gen, desc)
			inst.mu.Lock()
			close(inst.first)
			inst.mu.Unlock()
		} else {
			inst.up(gen, desc)
			inst.log.Info("compute plugin restarted", "plugin", inst.found.Name)
		}

		select {
		case <-inst.stop:
			gen.kill()
			return
		case <-gen.backend.Done():
		}

		gen.kill()
		delay := time.Duration(0)
		if time.Since(gen.started) < inst.m.opts.MaxBackoff {
			delay = backoff
			backoff = min(2*backoff, inst.m.opts.MaxBackoff)
		} else {
			backoff = inst.m.opts.MinBackoff
		}

		exitErr := &compute.PluginExitedError{Plugin: inst.found.Name}
		inst.down(exitErr)
		inst.log.Error("compute plugin exited, restarting", "plugin", inst.found.Name, "restart_in", delay)
		if !inst.sleep(delay) {
			return
		}
	}
}

// sleep waits d unless close comes first; it says whether to go on.
func (inst *instance) sleep(d time.Duration) bool {
	if d <= 0 {
		select {
		case <-inst.stop:
			return false
		default:
			return true
		}
	}

	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-inst.stop:
		return false
	case <-t.C:
		return true
	}
}

func (inst *instance) up(gen *generation, desc *compute.Description) {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	inst.gen, inst.desc, inst.lastErr = gen, desc, nil
	inst.notify()
}

// down records that the plugin is gone and why. The run loop restarts it;
// callers wait for that.
func (inst *instance) down(err error) {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	inst.gen, inst.lastErr = nil, err
	inst.notify()
}

func (inst *instance) fail(err error) {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	inst.lastErr, inst.firstErr = err, err
	close(inst.first)
	inst.notify()
}

// setLaunching records the client being started, so close can kill it; it
// says false when close has already begun.
func (inst *instance) setLaunching(c *plugin.Client, proc *launched) bool {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	select {
	case <-inst.stop:
		return c == nil
	default:
	}
	inst.launching, inst.launchingProc = c, proc
	return true
}

// waitFirst waits for the first launch and returns its Description.
func (inst *instance) waitFirst(ctx context.Context) (*compute.Description, error) {
	select {
	case <-inst.first:
	case <-ctx.Done():
		return nil, fmt.Errorf("starting compute plugin %s: %w", inst.found.Name, ctx.Err())
	}

	inst.mu.Lock()
	defer inst.mu.Unlock()
	return inst.desc, inst.firstErr
}

// current returns the running plugin's client, waiting while it starts or
// restarts. A plugin whose first start failed is closed, so callers never
// wait for it.
func (inst *instance) current(ctx context.Context) (*compute.Client, error) {
	for {
		inst.mu.Lock()
		select {
		case <-inst.stop:
			inst.mu.Unlock()
			return nil, ErrClosed
		default:
		}

		gen, lastErr, changed := inst.gen, inst.lastErr, inst.changed
		inst.mu.Unlock()

		if gen != nil && !isDone(gen.backend.Done()) {
			return gen.backend, nil
		}

		select {
		case <-changed:
		case <-ctx.Done():
			if lastErr != nil {
				return nil, fmt.Errorf("waiting for compute plugin %s to restart after %v: %w", inst.found.Name, lastErr, ctx.Err())
			}
			return nil, fmt.Errorf("waiting for compute plugin %s to start: %w", inst.found.Name, ctx.Err())
		}
	}
}

func isDone(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// close asks the running plugin to shut down (bounded by ctx), then ends
// the run loop, which kills the process, and waits for it.
func (inst *instance) close(ctx context.Context) error {
	inst.mu.Lock()
	gen := inst.gen
	inst.mu.Unlock()

	var err error
	if gen != nil {
		if err = gen.backend.Shutdown(ctx); errors.Is(err, compute.ErrPluginExited) {
			err = nil
		}
	}

	inst.stopOnce.Do(func() {
		inst.mu.Lock()
		close(inst.stop)
		if inst.launching != nil {
			// A plugin still launching is killed outright: its address may
			// not have been checked yet.
			inst.launchingProc.kill(inst.launching)
		}
		inst.notify()
		inst.mu.Unlock()
	})
	<-inst.runDone
	return err
}
