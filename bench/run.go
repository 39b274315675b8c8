package bench

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Options says what Run measures with.
type Options struct {
	// LDK is the ldk executable; its compute plugins lie beside it.
	LDK string
	// Example is the CDK project whose start-up is timed (examples/cdk).
	Example string
	// Progress receives one line per step; nil for none.
	Progress io.Writer
	// Counts are the fixed request and run counts; zero uses DefaultCounts.
	Counts Counts
}

// Counts are the fixed numbers of rounds of each measurement.
type Counts struct {
	WarmUp     int // unmeasured invocations before each warm figure
	Warm       int // measured invocations per warm figure
	OwnTime    int // calls of the handler when measuring its own time
	Classic    int // process-per-invocation runs per runtime, over 3 rounds
	Clients    int // concurrent clients of the throughput figures
	Requests   int // requests of the ldk throughput figure
	ClassicReq int // invocations of the classic throughput figure
	Cold       int // cold starts per runtime
	Startups   int // runs of ldk dev on the example
	Loads      int // reads of the 500-function assembly
	Scale      int // functions and routes of the generated assembly
	Idle       int // functions loaded for the memory figure
}

// DefaultCounts is what `make bench` runs: a few minutes on 2 cores.
var DefaultCounts = Counts{
	WarmUp: 200, Warm: 2000, OwnTime: 10000, Classic: 30, Clients: 16, Requests: 20000,
	ClassicReq: 160, Cold: 10, Startups: 10, Loads: 10, Scale: 500, Idle: 50,
}

// run is the state of one Run.
type run struct {
	opts           Options
	counts         Counts
	dir            string
	node, python   string
	classic        map[string]Classic
	classicSamples map[string]Sample // per runtime, every round
	comparisons    []comparison
	ownTime        map[string]time.Duration // per runtime
	classicRuntime map[string]string        // baseline names per runtime
	report         Report
}

// Run measures every figure and returns the report. It needs node and
// python3 on PATH.
func Run(opts Options) (*Report, error) {
	start := time.Now()
	if opts.Counts == (Counts{}) {
		opts.Counts = DefaultCounts
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("the bench needs node on PATH (the node baseline and workers)")
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		return nil, errors.New("the bench needs python3 on PATH (the python baseline and workers)")
	}
	dir, err := os.MkdirTemp("", "ldk-bench-")
	if err != nil {
		return nil, fmt.Errorf("making the bench's directory: %w", err)
	}
	defer os.RemoveAll(dir)

	r := &run{
		opts: opts, counts: opts.Counts, dir: dir, node: node, python: python,
		classic:        map[string]Classic{},
		classicSamples: map[string]Sample{},
		ownTime:        map[string]time.Duration{},
		classicRuntime: map[string]string{RuntimeNode: "node/process", RuntimePython: "python/process"},
	}
	r.report.Machine = machine(node, python)
	steps := []struct {
		name string
		f    func() error
	}{
		{"baseline: a process per invocation", r.baseline},
		{"floor: loopback HTTP without ldk", r.floor},
		{"ldk dev: cold starts, warm invocations, throughput", r.served},
		{"start-up of ldk dev on " + opts.Example, r.startup},
		{"reading a generated assembly", r.model},
		{"memory with idle functions", r.memory},
		{"baseline: last round", r.baselineRound},
	}
	for _, s := range steps {
		r.progress("%s", s.name)
		if err := s.f(); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	r.finish()
	r.report.Machine.LoadEnd = loadAverage()
	r.report.Seconds = time.Since(start).Seconds()
	return &r.report, nil
}

func (r *run) progress(format string, args ...any) {
	if r.opts.Progress != nil {
		fmt.Fprintf(r.opts.Progress, "bench: "+format+"\n", args...)
	}
}

// add appends a figure to the report.
func (r *run) add(f Figure) { r.report.Figures = append(r.report.Figures, f) }

// project writes a CDK project with fns into a new directory under the
// bench's and returns it.
func (r *run) project(name string, fns []Function) (string, error) {
	p := filepath.Join(r.dir, name)
	if err := WriteAssembly(filepath.Join(p, "cdk.out"), fns); err != nil {
		return "", err
	}
	return p, nil
}

// goal reports whether ok, for Figure.Met.
func goal(ok bool) *bool { return &ok }
