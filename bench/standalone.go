package bench

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/ldkdev/ldk/appmodel/cdk"
)

// floor times a GET against a minimal HTTP server in this process that
// answers "hello": what loopback HTTP and the client's own stack cost on
// this machine under its current load, with no ldk in between. The warm
// figures include this much.
func (r *run) floor() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("listening for the loopback floor: %w", err)
	}
	srv := &http.Server{
		Handler:           http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("hello")) }),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go srv.Serve(ln)
	defer srv.Close()

	url := "http://" + ln.Addr().String() + "/"
	call := func() error { return get(url) }
	if _, err := timed(r.counts.WarmUp, call); err != nil {
		return err
	}
	s, err := timed(r.counts.Warm, call)
	if err != nil {
		return err
	}
	r.add(Figure{
		Name: "floor: loopback HTTP round trip, no ldk", Unit: "ms", N: len(s),
		Median: ms(s.Median()), P99: ms(s.P99()),
		Note: "client and a Go server in the bench process",
	})
	return nil
}

// startup times ldk dev on the example from exec to its ready line.
func (r *run) startup() error {
	work := filepath.Join(r.dir, "startup")
	var s Sample
	for i := range r.counts.Startups + 1 {
		dev, err := StartDev(r.opts.LDK, r.opts.Example, mkdir(work), "--log-level", "warn")
		if err != nil {
			return err
		}
		if err := dev.Stop(); err != nil {
			return err
		}
		if i > 0 { // the first run warms the page cache
			s = append(s, dev.Startup)
		}
	}
	r.add(Figure{
		Name: "start-up ldk dev examples/cdk (exec to ready)", Unit: "ms", N: len(s),
		Median: ms(s.Median()), P99: ms(s.P99()), Goal: "<= 300 ms", Met: goal(s.Median() <= goalStartup),
	})
	return nil
}

// model times reading a generated assembly with Scale functions and as
// many routes.
func (r *run) model() error {
	n := r.counts.Scale
	fns := make([]Function, n)
	for i := range fns {
		rt := RuntimeNode
		if i%2 == 1 {
			rt = RuntimePython
		}
		fns[i] = Function{Name: fmt.Sprintf("fn-%04d", i), Runtime: rt, Route: fmt.Sprintf("GET /items/r%04d/{id}", i)}
	}
	p, err := r.project("scale", fns)
	if err != nil {
		return err
	}
	load := func() error {
		app, err := cdk.Load(cdk.Options{ProjectDir: p, CacheDir: filepath.Join(r.dir, "scale-cache")})
		if err != nil {
			return err
		}
		if len(app.Functions) != n || len(app.Routes) != n {
			return fmt.Errorf("the generated assembly read as %d functions and %d routes, want %d of each",
				len(app.Functions), len(app.Routes), n)
		}
		return nil
	}
	if err := load(); err != nil {
		return err
	}
	s, err := timed(r.counts.Loads, load)
	if err != nil {
		return err
	}
	r.add(Figure{
		Name: fmt.Sprintf("model: read assembly, %d functions + %d routes", n, n), Unit: "ms", N: len(s),
		Median: ms(s.Median()), P99: ms(s.P99()), Goal: "<= 250 ms", Met: goal(s.Median() <= goalModel),
		Note: "in process, cdk.Load",
	})
	return nil
}

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
