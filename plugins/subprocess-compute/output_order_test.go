package main

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ldkdev/ldk/compute"
)

// TestOutputBeforeEnd checks that everything a handler writes reaches the
// log before its invocation's END line, tagged with its request, even when
// it writes far more than a pipe holds (node queues such writes in memory
// unless its stdout blocks).
func TestOutputBeforeEnd(t *testing.T) {
	need(t, "node")

	b := newTestBackend(t)
	var (
		mu    sync.Mutex
		lines []compute.LogRecord
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		_ = b.Logs(ctx, func(r compute.LogRecord) {
			mu.Lock()
			lines = append(lines, r)
			mu.Unlock()
		})
	}()

	start(t, b, compute.FunctionSpec{Name: "flood", Runtime: "nodejs20.x", Handler: "index.flood",
		CodeDir: testdataDir(t, "node-faults"), TimeoutSeconds: 60})
	id := requestID()
	res := invoke(t, b, compute.InvokeRequest{Function: "flood", RequestID: id, Payload: []byte(`{"kb":8192}`)})
	if res.ErrorType != "" || string(res.Payload) != `{"wrote":8192}` {
		t.Fatalf("got %s %s", res.ErrorType, res.Payload)
	}

	end := "END RequestId: " + id
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		got := append([]compute.LogRecord(nil), lines...)
		mu.Unlock()

		at := -1
		for i, r := range got {
			if r.Text == end {
				at = i
			}
		}
		if at >= 0 {
			written := 0
			for _, r := range got[:at] {
				if r.Stream == compute.StreamStdout && r.Text == strings.Repeat("z", 1023) {
					written++
					if r.RequestID != id {
						t.Fatalf("a line of %s carries request %q", id, r.RequestID)
					}
				}
			}
			if written != 8192 {
				t.Errorf("%d lines before END, want 8192", written)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no END line after 30s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
