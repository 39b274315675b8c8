package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"
)

// tailBytes is how much of an invocation's log the Invoke API's Tail shows.
const tailBytes = 4096

// tail keeps the last tailBytes of one invocation's log.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tail) add(line string) {
	t.mu.Lock()
	defer t.mu.Unlock()

	t.buf = append(t.buf, line...)
	t.buf = append(t.buf, '\n')
	if len(t.buf) > 2*tailBytes {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-tailBytes:]...)
	}
}

// bytes returns the last tailBytes.
func (t *tail) bytes() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()

	b := t.buf
	if len(b) > tailBytes {
		b = b[len(b)-tailBytes:]
	}

	return append([]byte(nil), b...)
}

// report holds the figures of a REPORT line.
type report struct {
	requestID string
	duration  time.Duration
	memoryMB  int
	maxUsedMB int
	// init is set on a cold start.
	init time.Duration
	// status and errorType are set when the invocation ended abnormally
	// ("timeout" or "error" with "Runtime.ExitError").
	status    string
	errorType string
}

func startLine(requestID string) string {
	return "START RequestId: " + requestID + " Version: $LATEST"
}

func endLine(requestID string) string {
	return "END RequestId: " + requestID
}

// String renders the line as Lambda writes it, tab separated.
func (r report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "REPORT RequestId: %s\tDuration: %s ms\tBilled Duration: %d ms\t",
		r.requestID, millis(r.duration), billed(r.duration))
	fmt.Fprintf(&b, "Memory Size: %d MB\tMax Memory Used: %d MB\t", r.memoryMB, r.maxUsedMB)
	if r.init > 0 {
		fmt.Fprintf(&b, "Init Duration: %s ms\t", millis(r.init))
	}
	if r.status != "" {
		fmt.Fprintf(&b, "Status: %s\t", r.status)
	}
	if r.errorType != "" {
		fmt.Fprintf(&b, "Error Type: %s\t", r.errorType)
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

// Error types the backend itself produces, with AWS's names.
const (
	errTypeTimedout  = "Sandbox.Timedout"
	errTypeExit      = "Runtime.ExitError"
	errTypeUnhandled = "Unhandled"
)

// errorDoc renders the {"errorType","errorMessage"} document Lambda
// returns for failures of the sandbox rather than of the handler.
func errorDoc(typ, msg string) []byte {
	b, _ := json.Marshal(struct {
		ErrorType    string `json:"errorType"`
		ErrorMessage string `json:"errorMessage"`
	}{typ, msg})

	return b
}

// timedOutDoc is Lambda's answer to an invocation that ran out of time.
func timedOutDoc(requestID string, timeout time.Duration) []byte {
	return errorDoc(errTypeTimedout,
		fmt.Sprintf("RequestId: %s Error: %s", requestID, timedOutText(timeout)))
}

// timedOutText is the sentence Lambda logs and returns for a timeout.
func timedOutText(timeout time.Duration) string {
	return fmt.Sprintf("Task timed out after %.2f seconds", timeout.Seconds())
}

// exitDoc is Lambda's answer to an invocation whose runtime exited.
func exitDoc(requestID, reason string) []byte {
	return errorDoc(errTypeExit,
		fmt.Sprintf("RequestId: %s Error: Runtime exited with error: %s", requestID, reason))
}
