package bench

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestWriteMarkdown(t *testing.T) {
	r := &Report{
		Machine: Machine{CPU: "cpu", Cores: 2, Kernel: "6.1", Go: "go1.26", Node: "v20", Python: "3.11",
			LoadStart: "1.00 1.00 1.00", LoadEnd: "2.00 2.00 2.00"},
		Figures: []Figure{
			{Name: "warm", Unit: "ms", N: 10, Median: 0.5, P99: 1.25, Baseline: "node/process", BaselineMedian: 40,
				Ratio: 80, Goal: "<= 1 ms, >= 30x", Met: goal(true), Note: "latency 0.5 ms"},
			{Name: "start-up", Unit: "ms", N: 3, Median: 120, P99: 130, Goal: "<= 100 ms", Met: goal(false)},
			{Name: "rate", Unit: "req/s", N: 100, Median: 1234.5},
		},
		Seconds: 61,
	}
	var b strings.Builder
	r.WriteMarkdown(&b)
	want := `Machine: cpu, 2 cores, Linux 6.1, go1.26, node v20, python 3.11; load average 1.00 1.00 1.00 at start, 2.00 2.00 2.00 at end (1, 5, 15 min); 61 s.

| figure | n | median | p99 | baseline | ratio | goal | met |
| --- | ---: | ---: | ---: | --- | ---: | --- | --- |
| warm | 10 | 0.500 ms | 1.25 | 40.0 node/process | 80.0× | ≤ 1 ms, ≥ 30x | yes |
| start-up | 3 | 120 ms | 130 |  |  | ≤ 100 ms | **no** |
| rate | 100 | 1234 req/s | - |  |  |  |  |

- warm: latency 0.5 ms
`
	if got := b.String(); got != want {
		t.Errorf("WriteMarkdown wrote\n%s\nwant\n%s", got, want)
	}
}

func TestCPUTimesSinceAndPerRequest(t *testing.T) {
	before := CPUTimes{Client: 100 * time.Millisecond, Host: 200 * time.Millisecond, Plugins: 300 * time.Millisecond,
		workers: map[int]time.Duration{10: 50 * time.Millisecond}}
	after := CPUTimes{Client: 300 * time.Millisecond, Host: 600 * time.Millisecond, Plugins: 900 * time.Millisecond,
		workers: map[int]time.Duration{10: 250 * time.Millisecond, 11: 200 * time.Millisecond}}
	d := after.Since(before)
	if d.Client != 200*time.Millisecond || d.Host != 400*time.Millisecond || d.Plugins != 600*time.Millisecond || d.Workers != 400*time.Millisecond {
		t.Fatalf("Since = %+v, want client 200ms host 400ms plugins 600ms workers 400ms", d)
	}
	want := "CPU per request: client 200 us, host 400 us, plugin 600 us, workers 400 us (total 1600 us)"
	if got := d.PerRequest(1000); got != want {
		t.Errorf("PerRequest(1000) = %q, want %q", got, want)
	}
}

func TestReadOwnProcess(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc: the bench reads CPU time and memory from it")
	}
	if _, err := cpuTime(os.Getpid()); err != nil {
		t.Errorf("cpuTime of the test process: %v", err)
	}
	n, err := rss(os.Getpid())
	if err != nil {
		t.Fatalf("rss of the test process: %v", err)
	}
	if n < 1<<20 {
		t.Errorf("rss of the test process is %d bytes, want at least 1 MiB", n)
	}
	if _, err := cpuTime(-1); err == nil {
		t.Error("cpuTime of pid -1 gave no error")
	}
}
