package compute_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/ldkdev/ldk/compute"
)

// collectLogs runs c.Logs in the background and returns a channel of the
// records it receives. When the test ends, it cancels Logs, which must then
// end without an error.
func collectLogs(t *testing.T, c compute.Backend) <-chan compute.LogRecord {
	t.Helper()

	ctx, cancel := context.WithCancel(context.Background())
	records := make(chan compute.LogRecord, 100)
	done := make(chan error, 1)
	go func() { done <- c.Logs(ctx, func(r compute.LogRecord) { records <- r }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Logs after cancel: %v", err)
		}
	})
	return records
}

// awaitRecord waits for the next record; the bound only keeps a broken
// stream from hanging the test.
func awaitRecord(t *testing.T, records <-chan compute.LogRecord) compute.LogRecord {
	t.Helper()

	select {
	case r := <-records:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("no log record arrived")
		return compute.LogRecord{}
	}
}

func TestGRPCLogs(t *testing.T) {
	c := inProcess(t)
	records := collectLogs(t, c)
	ctx := context.Background()
	if err := c.Start(ctx, testSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}

	// The stream opens asynchronously: invoke until the first record shows
	// that it is open, then check one invocation's record exactly.
	var first compute.LogRecord
	for first.Text == "" {
		if _, err := c.Invoke(ctx, compute.InvokeRequest{Function: "orders-get", RequestID: "warmup"}); err != nil {
			t.Fatalf("Invoke: %v", err)
		}
		select {
		case first = <-records:
		case <-time.After(50 * time.Millisecond):
		}
	}
	for len(records) > 0 {
		<-records
	}

	before := time.Now()
	if _, err := c.Invoke(ctx, compute.InvokeRequest{Function: "orders-get", RequestID: "req-7"}); err != nil {
		t.Fatalf("Invoke: %v", err)
	}
	got := awaitRecord(t, records)

	want := compute.LogRecord{Function: "orders-get", RequestID: "req-7", Stream: "stdout", Text: "invoked req-7"}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(compute.LogRecord{}, "Time")); diff != "" {
		t.Errorf("record (-want +got):\n%s", diff)
	}
	if got.Time.Before(before.Add(-time.Second)) || got.Time.Location() != time.UTC {
		t.Errorf("record time %v: want a UTC time from this invocation", got.Time)
	}
}
