package bench

import (
	"fmt"
	"os"
	"time"
)

// memory serves Idle functions, invokes each once so each has a warm
// worker, lets them idle and reads the host's resident memory.
func (r *run) memory() error {
	n := r.counts.Idle
	fns := make([]Function, n)
	for i := range fns {
		rt := RuntimeNode
		if i%2 == 1 {
			rt = RuntimePython
		}
		fns[i] = Function{Name: fmt.Sprintf("idle-%02d", i), Runtime: rt, Route: fmt.Sprintf("GET /idle/%02d", i)}
	}
	p, err := r.project("idle", fns)
	if err != nil {
		return err
	}
	dev, err := StartDev(r.opts.LDK, p, p, "--log-level", "warn")
	if err != nil {
		return err
	}
	defer dev.Stop()
	atReady, err := dev.RSS()
	if err != nil {
		return err
	}
	in := NewInvoker(dev.Ready.AWSEndpoint)
	for _, f := range fns {
		if err := in.Invoke(f.Name, event); err != nil {
			return err
		}
	}
	time.Sleep(2 * time.Second) // idle: let the host settle
	host, err := dev.RSS()
	if err != nil {
		return err
	}
	plugins, workers, err := dev.ChildRSS()
	if err != nil {
		return err
	}
	mb := func(b int64) float64 { return float64(b) / (1 << 20) }
	r.add(Figure{
		Name: fmt.Sprintf("host RSS, %d idle functions (each invoked once)", n), Unit: "MB", N: 1,
		Median: mb(host), P99: mb(host), Goal: "<= 60 MB", Met: goal(host <= goalRSS),
		Note: fmt.Sprintf("%.1f MB at ready; plugin %.1f MB, %d workers %.0f MB", mb(atReady), mb(plugins), n, mb(workers)),
	})
	return nil
}

// mkdir makes dir and returns it; a failure shows when dir is used.
func mkdir(dir string) string {
	os.MkdirAll(dir, 0o755)
	return dir
}
