package invoke

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"
)

// slots counts a function's invocations in flight against its cap.
type slots struct {
	limit int
	sem   chan struct{}
}

func newSlots(limit int) *slots {
	return &slots{limit: limit, sem: make(chan struct{}, max(limit, 0))}
}

// acquire takes a slot, or says false at once when all are taken: Lambda
// throttles instead of queueing synchronous invocations.
func (s *slots) acquire() bool {
	select {
	case s.sem <- struct{}{}:
		return true
	default:
		return false
	}
}

func (s *slots) release() { <-s.sem }

// NewRequestID returns a random request id in the form Lambda uses, a
// version 4 UUID ("8f5d6e1a-7b2c-4d3e-9f10-1a2b3c4d5e6f").
func NewRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// NewTraceID returns an X-Ray trace header for an invocation that did not
// bring one, as Lambda passes in _X_AMZN_TRACE_ID: a root of the current
// time and 96 random bits, not sampled.
func NewTraceID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("Root=1-%08x-%s;Sampled=0", time.Now().Unix(), hex.EncodeToString(b[:]))
}
