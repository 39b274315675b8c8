package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
)

// floodLines is how many 1 KB lines the flood handler writes in these
// tests: several times the plugin's log queue.
const floodLines = 4 * logBuffer

// TestSlowHostGetsEveryLine checks a host that reads logs slower than the
// function writes them still gets every line: the function is slowed down
// instead of its lines being dropped.
func TestSlowHostGetsEveryLine(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	var (
		mu    sync.Mutex
		lines = map[string]int{} // by request id, function output only
		other []string
	)
	go func() {
		_ = b.Logs(ctx, func(r compute.LogRecord) {
			// A host busy printing: a pause every 64 records.
			mu.Lock()
			if r.Stream == compute.StreamPlatform {
				other = append(other, r.Text)
			} else {
				lines[r.RequestID]++
			}
			n := lines[r.RequestID]
			mu.Unlock()
			if n%64 == 0 {
				time.Sleep(time.Millisecond)
			}
		})
	}()

	start(t, b, compute.FunctionSpec{Name: "flood", Runtime: "nodejs20.x", Handler: "index.flood",
		CodeDir: testdataDir(t, "node-faults"), TimeoutSeconds: 120})

	ids := []string{requestID(), requestID()}
	for _, id := range ids {
		res := invoke(t, b, compute.InvokeRequest{Function: "flood", RequestID: id,
			Payload: []byte(fmt.Sprintf(`{"kb":%d}`, floodLines))})
		if res.ErrorType != "" {
			t.Fatalf("invocation %s failed: %s %s", id, res.ErrorType, res.Payload)
		}
		if strings.Contains(string(res.LogTail), "were dropped") {
			t.Errorf("invocation %s dropped lines:\n%s", id, res.LogTail)
		}
	}

	// The records trail the results: wait for the last REPORT.
	for range 2000 {
		mu.Lock()
		n := len(other)
		mu.Unlock()
		if n == 6 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, id := range ids {
		if lines[id] != floodLines {
			t.Errorf("request %s: host got %d lines, want %d", id, lines[id], floodLines)
		}
	}
	if len(other) != 6 {
		t.Errorf("platform lines = %q, want START, END and REPORT twice", other)
	}
}

// TestDroppedLinesAreCounted checks that when the host does not read logs
// at all, each invocation says how many of its lines were dropped, before
// its END line, and the lines it could not pass on reach the plugin's log.
func TestDroppedLinesAreCounted(t *testing.T) {
	need(t, "node")

	var plog bytes.Buffer
	var plogMu sync.Mutex
	b := newBackend(hclog.New(&hclog.LoggerOptions{Output: &lockedWriter{w: &plog, mu: &plogMu}}), "test")
	t.Cleanup(func() { _ = b.Shutdown(context.Background()) })
	start(t, b, compute.FunctionSpec{Name: "flood", Runtime: "nodejs20.x", Handler: "index.flood",
		CodeDir: testdataDir(t, "node-faults"), TimeoutSeconds: 120})

	// Nobody reads: the queue holds logBuffer records (the first
	// invocation's START line and its first lines), the rest is dropped.
	cases := []struct {
		name    string
		dropped int
	}{
		{"first", floodLines + 1 - logBuffer},
		{"second", floodLines},
	}
	for _, c := range cases {
		id := requestID()
		res := invoke(t, b, compute.InvokeRequest{Function: "flood", RequestID: id,
			Payload: []byte(fmt.Sprintf(`{"kb":%d}`, floodLines))})
		tail := strings.Split(strings.TrimSuffix(string(res.LogTail), "\n"), "\n")
		if len(tail) < 3 {
			t.Fatalf("%s: tail too short:\n%s", c.name, res.LogTail)
		}
		want := fmt.Sprintf("ldk: %d log lines of this invocation were dropped: "+
			"the host read them slower than the function wrote them", c.dropped)
		if got := tail[len(tail)-3]; got != want {
			t.Errorf("%s: line before END = %q, want %q", c.name, got, want)
		}
		if got := tail[len(tail)-2]; got != "END RequestId: "+id {
			t.Errorf("%s: line = %q, want END", c.name, got)
		}

		plogMu.Lock()
		logged := plog.String()
		plogMu.Unlock()
		if !strings.Contains(logged, "line=\""+want+"\"") || !strings.Contains(logged, "request_id="+id) {
			t.Errorf("%s: plugin log lacks the dropped-lines notice for %s:\n%s", c.name, id, logged)
		}
	}
}

// lockedWriter serializes writes to a buffer shared with the test.
type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()

	return l.w.Write(p)
}
