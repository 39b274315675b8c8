package main

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/sandbox"
)

// TestLogs checks output is captured per invocation, apart from the
// result, with Lambda's START, END and REPORT lines, in the tail and as
// records.
func TestLogs(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)

	var (
		mu      sync.Mutex
		records []compute.LogRecord
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		_ = b.Logs(ctx, func(r compute.LogRecord) {
			mu.Lock()
			records = append(records, r)
			mu.Unlock()
		})
	}()

	start(t, b, compute.FunctionSpec{Name: "logs", Runtime: "nodejs20.x", Handler: "index.logs",
		CodeDir: testdataDir(t, "node-faults"), MemoryMB: 256})
	id := requestID()
	res := invoke(t, b, compute.InvokeRequest{Function: "logs", RequestID: id, Payload: []byte(`{}`)})

	if string(res.Payload) != `"logged"` {
		t.Errorf("payload = %s, want \"logged\" alone", res.Payload)
	}

	stamp := `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z`
	want := []string{
		`START RequestId: ` + id + ` Version: \$LATEST`,
		stamp + `\t` + id + `\tINFO\tone \{ a: 1 \}`,
		stamp + `\t` + id + `\tERROR\ttwo`,
		`partial without newline`,
		`END RequestId: ` + id,
		`REPORT RequestId: ` + id + `\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\t` +
			`Max Memory Used: [1-9]\d* MB\tInit Duration: \d+\.\d\d ms\t`,
	}
	checkLines(t, string(res.LogTail), want)

	// The records carry the same lines with their streams; they may trail
	// the result a little, so wait for the REPORT line.
	var got []compute.LogRecord
	for range 1000 {
		mu.Lock()
		got = append(got[:0], records...)
		mu.Unlock()
		if len(got) > 0 && strings.HasPrefix(got[len(got)-1].Text, "REPORT") {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}

	streams := map[string]string{}
	for _, r := range got {
		if r.Function != "logs" || r.RequestID != id {
			t.Errorf("record %+v not tagged with function logs and request %s", r, id)
		}
		streams[strings.SplitN(r.Text, " ", 2)[0]] = r.Stream
	}
	if streams["START"] != compute.StreamPlatform || streams["REPORT"] != compute.StreamPlatform ||
		streams["partial"] != compute.StreamStdout {
		t.Errorf("streams by first word: %v", streams)
	}
}

// checkLines asserts the tail is exactly the lines matching want, in order.
func checkLines(t *testing.T, tail string, want []string) {
	t.Helper()

	lines := strings.Split(strings.TrimSuffix(tail, "\n"), "\n")
	// stdout and stderr are separate pipes: compare the stderr line apart.
	if len(lines) != len(want) {
		t.Fatalf("log tail has %d lines, want %d:\n%s", len(lines), len(want), tail)
	}

	used := make([]bool, len(lines))
	for _, w := range want {
		re := regexp.MustCompile("^" + w + "$")
		found := false
		for i, l := range lines {
			if !used[i] && re.MatchString(l) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("log tail lacks a line matching %q:\n%s", w, tail)
		}
	}

	if !strings.HasPrefix(lines[0], "START") || !strings.HasPrefix(lines[len(lines)-2], "END") ||
		!strings.HasPrefix(lines[len(lines)-1], "REPORT") {
		t.Errorf("log tail not framed by START … END, REPORT:\n%s", tail)
	}
}

// TestTimeoutLog checks the REPORT and timed-out lines of a timeout.
func TestTimeoutLog(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{Name: "spin", Runtime: "nodejs20.x", Handler: "index.spin",
		CodeDir: testdataDir(t, "node-faults"), TimeoutSeconds: 1})
	id := requestID()
	res := invoke(t, b, compute.InvokeRequest{Function: "spin", RequestID: id, Payload: []byte(`{"spin":true}`),
		Deadline: deadlineIn(time.Second)})

	lines := strings.Split(strings.TrimSuffix(string(res.LogTail), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("log tail:\n%s", res.LogTail)
	}
	report := regexp.MustCompile(`^REPORT RequestId: ` + id + `\tDuration: \d+\.\d\d ms\tBilled Duration: \d+ ms\t` +
		`Memory Size: 128 MB\tMax Memory Used: [1-9]\d* MB\tInit Duration: \d+\.\d\d ms\tStatus: timeout\t$`)
	if !report.MatchString(lines[2]) {
		t.Errorf("REPORT line = %q", lines[2])
	}
	timedOut := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z ` + id + ` Task timed out after 1\.00 seconds$`)
	if !timedOut.MatchString(lines[3]) {
		t.Errorf("last line = %q, want the timed-out line", lines[3])
	}
}

// TestLargeOutput checks a handler writing megabytes of output is served,
// its result stays apart, and the tail keeps only the last 4 KB.
func TestLargeOutput(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{Name: "flood", Runtime: "nodejs20.x", Handler: "index.flood",
		CodeDir: testdataDir(t, "node-faults"), TimeoutSeconds: 60})

	for range 2 {
		res := invoke(t, b, compute.InvokeRequest{Function: "flood", Payload: []byte(`{"kb":20480}`)})
		if res.ErrorType != "" || string(res.Payload) != `{"wrote":20480}` {
			t.Fatalf("got %s %s", res.ErrorType, res.Payload)
		}
		if len(res.LogTail) != sandbox.TailBytes || !strings.Contains(string(res.LogTail), "\nEND RequestId: ") {
			t.Errorf("tail is %d bytes, want %d ending with END and REPORT", len(res.LogTail), sandbox.TailBytes)
		}
	}
}
