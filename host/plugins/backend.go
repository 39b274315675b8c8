package plugins

import (
	"context"

	"github.com/ldkdev/ldk/compute"
)

// managed is the Backend the Manager hands out: it forwards each call to
// the plugin's current process and remembers the started functions, so a
// restarted plugin gets them back.
type managed struct {
	inst *instance
}

var _ compute.Backend = (*managed)(nil)

func (b *managed) Describe(ctx context.Context) (*compute.Description, error) {
	c, err := b.inst.current(ctx)
	if err != nil {
		return nil, err
	}
	return c.Describe(ctx)
}

func (b *managed) Start(ctx context.Context, spec compute.FunctionSpec) error {
	c, err := b.inst.current(ctx)
	if err != nil {
		return err
	}

	if err := c.Start(ctx, spec); err != nil {
		return err
	}
	b.inst.remember(spec)
	return nil
}

func (b *managed) Invoke(ctx context.Context, req compute.InvokeRequest) (*compute.InvokeResult, error) {
	c, err := b.inst.current(ctx)
	if err != nil {
		return nil, err
	}
	return c.Invoke(ctx, req)
}

func (b *managed) Stop(ctx context.Context, function string) error {
	b.inst.forgetSpec(function)

	c, err := b.inst.current(ctx)
	if err != nil {
		return err
	}
	return c.Stop(ctx, function)
}

func (b *managed) Shutdown(ctx context.Context) error {
	b.inst.forgetAll()

	c, err := b.inst.current(ctx)
	if err != nil {
		return err
	}
	return c.Shutdown(ctx)
}

// Logs delivers the plugin's records, across restarts, until ctx ends.
// The Manager's own LogSink receives them as well.
func (b *managed) Logs(ctx context.Context, sink func(compute.LogRecord)) error {
	id := b.inst.subscribe(sink)
	defer b.inst.unsubscribe(id)

	<-ctx.Done()
	return nil
}

func (inst *instance) remember(spec compute.FunctionSpec) {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	inst.specs[spec.Name] = spec
}

func (inst *instance) forgetSpec(function string) {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	delete(inst.specs, function)
}

func (inst *instance) forgetAll() {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	inst.specs = map[string]compute.FunctionSpec{}
}

func (inst *instance) startedSpecs() []compute.FunctionSpec {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	out := make([]compute.FunctionSpec, 0, len(inst.specs))
	for _, s := range inst.specs {
		out = append(out, s)
	}
	return out
}

func (inst *instance) subscribe(sink func(compute.LogRecord)) int {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	id := inst.nextSub
	inst.nextSub++
	inst.subs[id] = sink
	return id
}

func (inst *instance) unsubscribe(id int) {
	inst.mu.Lock()
	defer inst.mu.Unlock()

	delete(inst.subs, id)
}

// deliver hands one record to the Manager's sink and every subscriber.
func (inst *instance) deliver(rec compute.LogRecord) {
	inst.m.sink(inst.found.Name, rec)

	inst.mu.Lock()
	subs := make([]func(compute.LogRecord), 0, len(inst.subs))
	for _, s := range inst.subs {
		subs = append(subs, s)
	}
	inst.mu.Unlock()

	for _, s := range subs {
		s(rec)
	}
}
