package bench

import (
	"os"
	"testing"
	"time"
)

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
