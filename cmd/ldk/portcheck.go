package main

import (
	"fmt"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/host"
)

// maxPort is the highest TCP port.
const maxPort = 65535

// checkPortRange reports, before anything starts, a base port too high for
// the listeners counted up from it: the error names the setting, how many
// ports the app needs and the highest base port that fits.
func checkPortRange(app *appmodel.App, plan host.PortPlan) error {
	if plan.BasePort == 0 {
		return nil
	}
	ls, err := plan.Plan(app)
	if err != nil {
		return err
	}
	counted, last := 0, 0
	for _, l := range ls {
		if l.Kind == host.ListenAWS || pinned(plan, l) {
			continue
		}
		counted++
		last = max(last, l.Port)
	}
	if last <= maxPort {
		return nil
	}
	fit := plan.BasePort - (last - maxPort)
	return fmt.Errorf("port %d is too high: the app's APIs and function URLs need %d ports counted up from it, up to %d, past the last port %d; "+
		"set --port (LDK_PORT, or port in ldk.yaml) to %d or lower, or to 0 for ephemeral ports",
		plan.BasePort, counted, last, maxPort, fit)
}

// pinned reports whether l's port is set by name in ldk.yaml's ports.
func pinned(plan host.PortPlan, l *host.Listener) bool {
	switch l.Kind {
	case host.ListenAPI:
		_, ok := plan.APIPorts[l.Name]
		return ok
	case host.ListenFunctionURL:
		_, ok := plan.URLPorts[l.Name]
		return ok
	}
	return false
}
