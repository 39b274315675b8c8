package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/ldkdev/ldk/compute"
)

// Start checks a function can run here and prepares how its workers start
// (package compute/launch). Workers themselves start on the first
// invocation. Starting a function again replaces it: its idle workers stop
// at once, busy ones when their invocation ends, and new invocations get
// workers of the new spec.
func (b *Backend) Start(ctx context.Context, spec compute.FunctionSpec) error {
	if strings.EqualFold(spec.PackageType, "Image") {
		return fmt.Errorf("function %q is a container image function, which the subprocess backend "+
			"cannot run; use the docker compute backend for it", spec.Name)
	}
	if err := b.layout(); err != nil {
		return err
	}
	plan, err := b.launcher.Prepare(spec)
	if err != nil {
		return err
	}
	f := newFunction(b, spec, plan.Command, plan.Env)

	b.mu.Lock()
	old := b.functions[spec.Name]
	b.functions[spec.Name] = f
	b.mu.Unlock()
	if old != nil {
		old.retire()
		dropBytecode(b.pycache, spec)
	}
	return nil
}
