package bench

import (
	"strings"
	"testing"
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
