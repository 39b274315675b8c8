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

	primeLogs(t, c, records)

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

// primeLogs returns once the Logs stream is open. The stream opens
// asynchronously and the test backend drops records no stream is open
// for: invoke until one invocation's record arrives, then drain.
func primeLogs(t *testing.T, b compute.Backend, records <-chan compute.LogRecord) {
	t.Helper()

	for i := 0; i < 500; i++ {
		if _, err := b.Invoke(context.Background(), compute.InvokeRequest{Function: "orders-get", RequestID: "prime"}); err != nil {
			t.Fatalf("Invoke: %v", err)
		}
		select {
		case <-records:
			for len(records) > 0 {
				<-records
			}
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatal("the log stream never opened")
}
