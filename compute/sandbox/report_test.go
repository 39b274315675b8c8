package sandbox

import (
	"strings"
	"testing"
	"time"
)

func TestReportLine(t *testing.T) {
	cases := []struct {
		name string
		r    Report
		want string
	}{
		{
			name: "warm",
			r:    Report{RequestID: "r1", Duration: 1234 * time.Microsecond, MemoryMB: 128, MaxUsedMB: 41},
			want: "REPORT RequestId: r1\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\t" +
				"Max Memory Used: 41 MB\t",
		},
		{
			name: "cold",
			r: Report{RequestID: "r2", Duration: 3 * time.Millisecond, MemoryMB: 256, MaxUsedMB: 60,
				Init: 120550 * time.Microsecond},
			want: "REPORT RequestId: r2\tDuration: 3.00 ms\tBilled Duration: 3 ms\tMemory Size: 256 MB\t" +
				"Max Memory Used: 60 MB\tInit Duration: 120.55 ms\t",
		},
		{
			name: "sub-millisecond bills one",
			r:    Report{RequestID: "r3", Duration: 200 * time.Microsecond, MemoryMB: 128, MaxUsedMB: 30},
			want: "REPORT RequestId: r3\tDuration: 0.20 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\t" +
				"Max Memory Used: 30 MB\t",
		},
		{
			name: "crash",
			r: Report{RequestID: "r4", Duration: 5 * time.Millisecond, MemoryMB: 128, MaxUsedMB: 45,
				Status: "error", ErrorType: "Runtime.ExitError"},
			want: "REPORT RequestId: r4\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\t" +
				"Max Memory Used: 45 MB\tStatus: error\tError Type: Runtime.ExitError\t",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.String(); got != tc.want {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestErrorDocs(t *testing.T) {
	cases := []struct {
		name string
		got  []byte
		want string
	}{
		{"timeout", TimedOutDocument("id-1", 3*time.Second),
			`{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: id-1 Error: Task timed out after 3.00 seconds"}`},
		{"exit", ExitDocument("id-2", "signal: killed"),
			`{"errorType":"Runtime.ExitError","errorMessage":"RequestId: id-2 Error: Runtime exited with error: signal: killed"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if string(tc.got) != tc.want {
				t.Errorf("\n got %s\nwant %s", tc.got, tc.want)
			}
		})
	}
}

func TestTailKeepsLast4KB(t *testing.T) {
	var tl Tail
	for i := range 1000 {
		tl.Add(strings.Repeat("x", 9) + string(rune('a'+i%26)))
	}
	tl.Add("last")

	got := tl.Bytes()
	if len(got) != TailBytes || !strings.HasSuffix(string(got), "\nlast\n") {
		t.Errorf("tail is %d bytes ending %q, want %d ending \\nlast\\n", len(got), got[len(got)-10:], TailBytes)
	}
}
