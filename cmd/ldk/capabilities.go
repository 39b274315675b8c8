package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/config"
)

// capabilityGap is something some functions need that their backend does
// not declare, found at start-up rather than at the first request.
type capabilityGap struct {
	Backend string
	// Need is the capability (a compute.Cap* value) or "runtime <id>".
	Need string
	// Functions are the functions that need it, sorted.
	Functions []string
	// Effect says what the user will see.
	Effect string
}

// String is the gap as one sentence.
func (g capabilityGap) String() string {
	return fmt.Sprintf("compute backend %s lacks %s, needed by %s: %s",
		g.Backend, g.Need, shortList(g.Functions, 3), g.Effect)
}

// shortList names up to n items, or counts them when there are more: the
// log line's functions attribute then lists them all, so a start-up line
// about a large app stays readable without promising a list it hides.
func shortList(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%d functions", len(items))
}

// capabilityGaps compares what each runnable function needs with the
// Description of the backend that runs it. goarch is the machine's
// architecture (runtime.GOARCH): arm64 functions need the arm64
// capability only elsewhere.
func capabilityGaps(app *appmodel.App, cfg config.Config, descs map[string]*compute.Description, goarch string) []capabilityGap {
	type key struct{ backend, need string }
	found := map[key]*capabilityGap{}
	var order []key
	add := func(backend, need, function, effect string) {
		k := key{backend, need}
		g, ok := found[k]
		if !ok {
			g = &capabilityGap{Backend: backend, Need: need, Effect: effect}
			found[k] = g
			order = append(order, k)
		}
		g.Functions = append(g.Functions, function)
	}
	for _, f := range app.Functions {
		if !f.Runnable {
			continue
		}
		backend := cfg.BackendFor(f.Name)
		d := descs[backend]
		if d == nil {
			continue
		}
		image := strings.EqualFold(f.PackageType, "Image")
		switch {
		case image && !slices.Contains(d.Capabilities, compute.CapImages):
			add(backend, "capability "+compute.CapImages, f.Name,
				"these container image functions fail at every invocation; choose a backend with images for them")
		case !image && !slices.Contains(d.Runtimes, f.Runtime):
			add(backend, "runtime "+f.Runtime, f.Name,
				"these functions fail at every invocation; choose a backend that lists the runtime (see ldk plugins)")
		}
		if strings.EqualFold(f.Architecture, "arm64") && goarch != "arm64" &&
			!slices.Contains(d.Capabilities, compute.CapARM64) {
			add(backend, "capability "+compute.CapARM64, f.Name,
				"these arm64 functions run on this machine's "+goarch+"; native code built for arm64 will not load")
		}
		if !slices.Contains(d.Capabilities, compute.CapMemoryLimit) {
			add(backend, "capability "+compute.CapMemoryLimit, f.Name,
				"memory sizes are not enforced, so a function that would run out of memory on Lambda succeeds here")
		}
	}
	out := make([]capabilityGap, 0, len(order))
	for _, k := range order {
		g := found[k]
		slices.Sort(g.Functions)
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b capabilityGap) int {
		return strings.Compare(a.Backend+"\x00"+a.Need, b.Backend+"\x00"+b.Need)
	})
	return out
}

// reportCapabilities logs every capability gap of the app, one line each.
// Missing runtimes and images are warnings: those functions cannot run;
// the rest only differ from Lambda, and are logged at info level.
func reportCapabilities(log hclog.Logger, gaps []capabilityGap) {
	for _, g := range gaps {
		args := []interface{}{"backend", g.Backend, "functions", strings.Join(g.Functions, ",")}
		if strings.HasPrefix(g.Need, "runtime ") || g.Need == "capability "+compute.CapImages {
			log.Warn(g.String(), args...)
		} else {
			log.Info(g.String(), args...)
		}
	}
}
