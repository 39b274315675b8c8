package bench

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunSmall builds ldk and the subprocess plugin, runs every step with
// tiny counts against real node and python3 workers, and checks that each
// figure is there with the number of measurements asked for. Times are
// not checked.
func TestRunSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds ldk and serves apps: not in -short")
	}
	for _, exe := range []string{"go", "node", "python3"} {
		if _, err := exec.LookPath(exe); err != nil {
			t.Skipf("%s not on PATH: the bench builds ldk and runs node and python3 workers", exe)
		}
	}
	bin := t.TempDir()
	for _, b := range []struct{ out, pkg string }{
		{"ldk", "github.com/ldkdev/ldk/cmd/ldk"},
		{"ldk-compute-subprocess", "github.com/ldkdev/ldk/plugins/subprocess-compute"},
	} {
		if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, b.out), b.pkg).CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", b.pkg, err, out)
		}
	}
	counts := Counts{WarmUp: 2, Warm: 5, OwnTime: 10, Classic: 3, Clients: 2, Requests: 20, ClassicReq: 2,
		Cold: 1, Startups: 1, Loads: 1, Scale: 20, Idle: 2}
	report, err := Run(Options{LDK: filepath.Join(bin, "ldk"), Example: filepath.Join("..", "examples", "cdk"), Counts: counts})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		n    int
	}{
		{"baseline node/process per invocation", 3},
		{"baseline python/process per invocation", 3},
		{"floor: loopback HTTP round trip, no ldk", 5},
		{"cold start nodejs20.x (worker start + init + invoke)", 1},
		{"cold start python3.11 (worker start + init + invoke)", 1},
		{"warm overhead node via Invoke API", 5},
		{"warm overhead python via Invoke API", 5},
		{"warm overhead node via HTTP API route", 5},
		{"warm overhead python via HTTP API route", 5},
		{"throughput node via HTTP API route, 2 clients", 20},
		{"start-up ldk dev examples/cdk (exec to ready)", 1},
		{"model: read assembly, 20 functions + 20 routes", 1},
		{"host RSS, 2 idle functions (each invoked once)", 1},
	}
	if len(report.Figures) != len(want) {
		var got []string
		for _, f := range report.Figures {
			got = append(got, f.Name)
		}
		t.Fatalf("%d figures, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i, w := range want {
		f := report.Figures[i]
		if f.Name != w.name || f.N != w.n {
			t.Errorf("figure %d: %q with n=%d, want %q with n=%d", i, f.Name, f.N, w.name, w.n)
		}
		if f.Median <= 0 {
			t.Errorf("figure %q: median %v, want a positive figure", f.Name, f.Median)
		}
	}
	for _, i := range []int{3, 4, 5, 6, 7, 8} { // cold starts and warm figures
		f := report.Figures[i]
		base := report.Figures[0] // node's baseline
		if strings.Contains(f.Name, "python") {
			base = report.Figures[1]
		}
		wantName := strings.TrimSuffix(strings.TrimPrefix(base.Name, "baseline "), " per invocation")
		if f.Baseline != wantName || f.BaselineMedian != base.Median || f.Ratio <= 0 {
			t.Errorf("figure %q: baseline %q %v, ratio %v; want %q %v and a positive ratio",
				f.Name, f.Baseline, f.BaselineMedian, f.Ratio, wantName, base.Median)
		}
	}
	if note := report.Figures[9].Note; !strings.HasPrefix(note, "0 errors;") {
		t.Errorf("throughput note %q, want 0 errors", note)
	}
}
