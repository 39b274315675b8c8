package bench

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// event is what every invocation sends.
var event = []byte(`{"bench":true}`)

// Goals of issue 8.
const (
	goalOverhead   = time.Millisecond
	goalSpeedup    = 30
	goalThroughput = 3000
	goalColdNode   = 150 * time.Millisecond
	goalStartup    = 300 * time.Millisecond
	goalModel      = 250 * time.Millisecond
	goalRSS        = 60 << 20
)

// baselineRounds is how many times the classic runs are taken during a
// run: at the start, between the warm figures and the throughput, and at
// the end. The machine's load drifts over a run; spreading the baseline
// over it keeps the ratios fair.
const baselineRounds = 3

// baseline prepares the classic process-per-invocation runners, measures
// the handlers' own time and takes the first round of classic runs.
func (r *run) baseline() error {
	for _, rt := range []struct{ runtime, exe string }{{RuntimeNode, r.node}, {RuntimePython, r.python}} {
		p, err := r.project("classic-"+rt.runtime, nil)
		if err != nil {
			return err
		}
		c := NewClassic(filepath.Join(p, "cdk.out"), rt.runtime, rt.exe)
		r.classic[rt.runtime] = c
		if _, err := timed(3, func() error { _, err := c.Invoke(event); return err }); err != nil {
			return err
		}
		own, err := c.OwnTime(event, r.counts.OwnTime)
		if err != nil {
			return err
		}
		r.ownTime[rt.runtime] = own
	}
	return r.baselineRound()
}

// baselineRound takes one round of classic runs of each runtime.
func (r *run) baselineRound() error {
	n := (r.counts.Classic + baselineRounds - 1) / baselineRounds
	for _, rt := range []string{RuntimeNode, RuntimePython} {
		c := r.classic[rt]
		s, err := timed(n, func() error { _, err := c.Invoke(event); return err })
		if err != nil {
			return err
		}
		r.classicSamples[rt] = append(r.classicSamples[rt], s...)
	}
	return nil
}

// compare records that figure i of the report is compared with the
// classic runs of runtime: d is its time, the ratio is the classic median
// over d. The ratio is filled in by finish, once every round is taken.
func (r *run) compare(runtime string, d time.Duration) {
	r.comparisons = append(r.comparisons, comparison{figure: len(r.report.Figures) - 1, runtime: runtime, d: d})
}

// comparison is a figure waiting for its baseline.
type comparison struct {
	figure  int
	runtime string
	d       time.Duration
}

// finish puts the baseline figures first and fills in every comparison
// with the median of all the classic runs.
func (r *run) finish() {
	median := map[string]time.Duration{}
	var base []Figure
	for _, rt := range []string{RuntimeNode, RuntimePython} {
		s := r.classicSamples[rt]
		median[rt] = s.Median()
		base = append(base, Figure{
			Name: "baseline " + r.classicRuntime[rt] + " per invocation", Unit: "ms",
			N: len(s), Median: ms(s.Median()), P99: ms(s.P99()),
			Note: fmt.Sprintf("handler's own time %.4f ms; %d runs in each of %d rounds spread over the bench",
				ms(r.ownTime[rt]), len(s)/baselineRounds, baselineRounds),
		})
	}
	for _, c := range r.comparisons {
		f := &r.report.Figures[c.figure]
		f.Baseline = r.classicRuntime[c.runtime]
		f.BaselineMedian = ms(median[c.runtime])
		f.Ratio = ratio(median[c.runtime], c.d)
		if f.Met != nil && strings.Contains(f.Goal, "30x") {
			f.Met = goal(*f.Met && f.Ratio >= goalSpeedup)
		}
	}
	r.report.Figures = append(base, r.report.Figures...)
}

// served runs the figures that need the bench app served by ldk dev.
func (r *run) served() error {
	fns := []Function{
		{Name: "bench-node", Runtime: RuntimeNode, Route: "GET /node"},
		{Name: "bench-python", Runtime: RuntimePython, Route: "GET /python"},
	}
	for i := range r.counts.Cold {
		fns = append(fns,
			Function{Name: fmt.Sprintf("cold-node-%02d", i), Runtime: RuntimeNode},
			Function{Name: fmt.Sprintf("cold-python-%02d", i), Runtime: RuntimePython})
	}
	p, err := r.project("app", fns)
	if err != nil {
		return err
	}
	dev, err := StartDev(r.opts.LDK, p, p, "--concurrency", strconv.Itoa(r.counts.Clients), "--log-level", "warn")
	if err != nil {
		return err
	}
	defer dev.Stop()
	api, err := dev.API()
	if err != nil {
		return err
	}
	in := NewInvoker(dev.Ready.AWSEndpoint)

	if err := r.cold(in); err != nil {
		return err
	}
	doors := []struct {
		name, runtime string
		call          func() error
	}{
		{"node via Invoke API", RuntimeNode, func() error { return in.Invoke("bench-node", event) }},
		{"python via Invoke API", RuntimePython, func() error { return in.Invoke("bench-python", event) }},
		{"node via HTTP API route", RuntimeNode, func() error { return get(api + "/node") }},
		{"python via HTTP API route", RuntimePython, func() error { return get(api + "/python") }},
	}
	for _, d := range doors {
		r.progress("warm %s", d.name)
		if err := r.warm(dev, d.name, d.runtime, d.call); err != nil {
			return err
		}
	}
	r.progress("baseline: second round")
	if err := r.baselineRound(); err != nil {
		return err
	}
	return r.throughput(dev, api+"/node")
}

// cold times the first invocation of each cold-* function.
func (r *run) cold(in *Invoker) error {
	samples := map[string]Sample{}
	for i := range r.counts.Cold {
		for _, rt := range []struct{ prefix, runtime string }{{"cold-node", RuntimeNode}, {"cold-python", RuntimePython}} {
			name := fmt.Sprintf("%s-%02d", rt.prefix, i)
			s, err := timed(1, func() error { return in.Invoke(name, event) })
			if err != nil {
				return err
			}
			samples[rt.runtime] = append(samples[rt.runtime], s...)
		}
	}
	for _, rt := range []string{RuntimeNode, RuntimePython} {
		s := samples[rt]
		f := Figure{
			Name: "cold start " + rt + " (worker start + init + invoke)", Unit: "ms",
			N: len(s), Median: ms(s.Median()), P99: ms(s.P99()),
		}
		if rt == RuntimeNode {
			f.Goal, f.Met = "<= 150 ms", goal(s.Median() <= goalColdNode)
		}
		r.add(f)
		r.compare(rt, s.Median())
	}
	return nil
}

// warm times call after warm-up rounds and adds the overhead figure.
func (r *run) warm(dev *Dev, name, runtime string, call func() error) error {
	if _, err := timed(r.counts.WarmUp, call); err != nil {
		return err
	}
	before, err := dev.CPU()
	if err != nil {
		return err
	}
	s, err := timed(r.counts.Warm, call)
	if err != nil {
		return err
	}
	after, err := dev.CPU()
	if err != nil {
		return err
	}
	over := s.Minus(r.ownTime[runtime])
	r.add(Figure{
		Name: "warm overhead " + name, Unit: "ms", N: len(s), Median: ms(over.Median()), P99: ms(over.P99()),
		Goal: "<= 1 ms, >= 30x",
		// finish also requires the ratio to the baseline.
		Met:  goal(over.Median() <= goalOverhead),
		Note: fmt.Sprintf("latency median %.3f ms; %s", ms(s.Median()), after.Since(before).PerRequest(len(s))),
	})
	r.compare(runtime, s.Median())
	return nil
}

// throughput runs the concurrent clients against url, then the classic
// runner with as many clients.
func (r *run) throughput(dev *Dev, url string) error {
	c := r.counts
	r.progress("throughput: %d clients, %d requests", c.Clients, c.Requests)
	call := func() error { return get(url) }
	parallel(c.Clients, c.Clients*20, call)
	before, err := dev.CPU()
	if err != nil {
		return err
	}
	rate, failed, lat := parallel(c.Clients, c.Requests, call)
	after, err := dev.CPU()
	if err != nil {
		return err
	}
	base, baseFailed := r.classic[RuntimeNode].Throughput(event, c.Clients, c.ClassicReq)
	if baseFailed > 0 {
		return fmt.Errorf("%d of %d classic node invocations failed", baseFailed, c.ClassicReq)
	}
	r.add(Figure{
		Name: fmt.Sprintf("throughput node via HTTP API route, %d clients", c.Clients), Unit: "req/s",
		N: c.Requests, Median: rate,
		Baseline: "req/s node/process", BaselineMedian: base, Ratio: rate / base,
		Goal: ">= 3000 req/s, 0 errors", Met: goal(rate >= goalThroughput && failed == 0),
		Note: fmt.Sprintf("%d errors; latency median %.3f ms, p99 %.3f ms; %s", failed, ms(lat.Median()), ms(lat.P99()),
			after.Since(before).PerRequest(c.Requests)),
	})
	return nil
}

func ratio(base, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(base) / float64(d)
}
