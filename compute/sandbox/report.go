package sandbox

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
)

// Report holds the figures of a REPORT line.
type Report struct {
	RequestID string
	// Duration is the invoke phase, without init.
	Duration time.Duration
	// MemoryMB is the function's memory size; MaxUsedMB the measured peak.
	MemoryMB  int
	MaxUsedMB int
	// Init is set on a cold start.
	Init time.Duration
	// Status and ErrorType are set when the invocation ended abnormally
	// (Status "timeout", or "error" with ErrorType "Runtime.ExitError").
	Status    string
	ErrorType string
}

// StartLine is the line Lambda prints when an invocation starts.
func StartLine(requestID string) string {
	return "START RequestId: " + requestID + " Version: $LATEST"
}

// EndLine is the line Lambda prints when an invocation ends.
func EndLine(requestID string) string {
	return "END RequestId: " + requestID
}

// TimedOutLine is the line Lambda prints after the REPORT of an
// invocation that timed out at the time at.
func TimedOutLine(at time.Time, requestID string, timeout time.Duration) string {
	return at.UTC().Format("2006-01-02T15:04:05.000Z") + " " + requestID + " " + timedOutText(timeout)
}

// String renders the line as Lambda writes it, tab separated.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "REPORT RequestId: %s\tDuration: %s ms\tBilled Duration: %d ms\t",
		r.RequestID, millis(r.Duration), billed(r.Duration))
	fmt.Fprintf(&b, "Memory Size: %d MB\tMax Memory Used: %d MB\t", r.MemoryMB, r.MaxUsedMB)
	if r.Init > 0 {
		fmt.Fprintf(&b, "Init Duration: %s ms\t", millis(r.Init))
	}
	if r.Status != "" {
		fmt.Fprintf(&b, "Status: %s\t", r.Status)
	}
	if r.ErrorType != "" {
		fmt.Fprintf(&b, "Error Type: %s\t", r.ErrorType)
	}

	return b.String()
}

// millis renders d in milliseconds with two decimals.
func millis(d time.Duration) string {
	return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond))
}

// billed rounds d up to the next whole millisecond, at least 1.
func billed(d time.Duration) int64 {
	ms := int64(math.Ceil(float64(d) / float64(time.Millisecond)))

	return max(ms, 1)
}

// TailBytes is how much of an invocation's log the Invoke API's
// X-Amz-Log-Result shows.
const TailBytes = 4096

// Tail keeps the last TailBytes of one invocation's log. The zero value is
// ready to use; it is safe for concurrent use.
type Tail struct {
	mu  sync.Mutex
	buf []byte
}

// Add appends one line (a newline is added).
func (t *Tail) Add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()

	t.buf = append(t.buf, line...)
	t.buf = append(t.buf, '\n')
	if len(t.buf) > 2*TailBytes {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-TailBytes:]...)
	}
}

// Bytes returns a copy of the last TailBytes.
func (t *Tail) Bytes() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()

	b := t.buf
	if len(b) > TailBytes {
		b = b[len(b)-TailBytes:]
	}

	return append([]byte(nil), b...)
}
