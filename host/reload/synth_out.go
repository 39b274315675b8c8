package reload

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

// lockedWriter serializes the writes of the synth's stdout and stderr,
// which exec copies from two goroutines, to one writer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// Bounds of the stderr tail a failed synth logs.
const (
	tailBytes = 4096
	tailLines = 10
)

// tailWriter keeps the last bytes written to it: a failed synth's stderr
// ends with why it failed.
type tailWriter struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tailWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - tailBytes; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

// String returns the last tailLines lines kept, without the trailing
// newline; "" when nothing was written.
func (t *tailWriter) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := strings.Split(string(bytes.TrimRight(t.buf, "\n")), "\n")
	if len(lines) > tailLines {
		lines = lines[len(lines)-tailLines:]
	}
	return strings.Join(lines, "\n")
}
