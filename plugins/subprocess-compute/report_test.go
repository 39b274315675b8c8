package main

import (
	"testing"
	"time"
)

func TestReportLine(t *testing.T) {
	cases := []struct {
		name string
		r    report
		want string
	}{
		{
			name: "warm",
			r:    report{requestID: "r1", duration: 1234 * time.Microsecond, memoryMB: 128, maxUsedMB: 41},
			want: "REPORT RequestId: r1\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\t" +
				"Max Memory Used: 41 MB\t",
		},
		{
			name: "cold",
			r: report{requestID: "r2", duration: 3 * time.Millisecond, memoryMB: 256, maxUsedMB: 60,
				init: 120550 * time.Microsecond},
			want: "REPORT RequestId: r2\tDuration: 3.00 ms\tBilled Duration: 3 ms\tMemory Size: 256 MB\t" +
				"Max Memory Used: 60 MB\tInit Duration: 120.55 ms\t",
		},
		{
			name: "sub-millisecond bills one",
			r:    report{requestID: "r3", duration: 200 * time.Microsecond, memoryMB: 128, maxUsedMB: 30},
			want: "REPORT RequestId: r3\tDuration: 0.20 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\t" +
				"Max Memory Used: 30 MB\t",
		},
		{
			name: "crash",
			r: report{requestID: "r4", duration: 5 * time.Millisecond, memoryMB: 128, maxUsedMB: 45,
				status: "error", errorType: "Runtime.ExitError"},
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
		{"timeout", timedOutDoc("id-1", 3*time.Second),
			`{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: id-1 Error: Task timed out after 3.00 seconds"}`},
		{"exit", exitDoc("id-2", "signal: killed"),
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
