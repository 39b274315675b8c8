package sandbox

import (
	"bytes"
	"errors"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// LineReader reads a worker's output pipe line by line and hands every
// line to emit. Flush returns once every byte written to the pipe before
// the call has been emitted, so an invocation's log is complete before its
// END line even though the pipe is read asynchronously.
type LineReader struct {
	f    *os.File
	emit func(line string)

	mu      sync.Mutex
	waiters []chan struct{}
	done    chan struct{}
}

// MaxLine bounds one log line; longer lines are cut into pieces.
const MaxLine = 256 * 1024

// NewLineReader starts reading f, the read end of a pipe made with
// os.Pipe (it must support deadlines), calling emit from one goroutine for
// every line, without its newline.
func NewLineReader(f *os.File, emit func(line string)) *LineReader {
	o := &LineReader{f: f, emit: emit, done: make(chan struct{})}
	go o.run()

	return o
}

func (o *LineReader) run() {
	defer close(o.done)

	buf := make([]byte, 64*1024)
	var partial []byte
	for {
		n, err := o.f.Read(buf)
		partial = o.lines(append(partial, buf[:n]...))

		if errors.Is(err, os.ErrDeadlineExceeded) {
			partial = o.drain(buf, partial)
			continue
		}

		if err != nil {
			if len(partial) > 0 {
				o.emit(string(partial))
			}
			o.release()
			return
		}
	}
}

// drain answers the Flush calls made so far: it reads what the pipe holds
// now without blocking, emits it with any unfinished line, and wakes them.
func (o *LineReader) drain(buf, partial []byte) []byte {
	_ = o.f.SetReadDeadline(time.Time{})

	o.mu.Lock()
	waiters := o.waiters
	o.waiters = nil
	o.mu.Unlock()

	for avail := o.pending(); avail > 0; avail = o.pending() {
		n, err := o.f.Read(buf[:min(avail, len(buf))])
		partial = o.lines(append(partial, buf[:n]...))
		if err != nil {
			break
		}
	}

	if len(partial) > 0 {
		o.emit(string(partial))
		partial = partial[:0]
	}

	for _, w := range waiters {
		close(w)
	}

	return partial
}

// pending is the number of bytes waiting in the pipe.
func (o *LineReader) pending() int {
	rc, err := o.f.SyscallConn()
	if err != nil {
		return 0
	}

	var n int
	_ = rc.Control(func(fd uintptr) {
		n, err = unix.IoctlGetInt(int(fd), fionread)
	})
	if err != nil {
		return 0
	}

	return n
}

// lines emits every complete line of data and returns the rest.
func (o *LineReader) lines(data []byte) []byte {
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		line := data[:i]
		for len(line) > MaxLine {
			o.emit(string(line[:MaxLine]))
			line = line[MaxLine:]
		}
		o.emit(string(line))
		data = data[i+1:]
	}

	for len(data) > MaxLine {
		o.emit(string(data[:MaxLine]))
		data = data[MaxLine:]
	}

	// Keep the remainder in a buffer of its own: data aliases the read buffer.
	return append([]byte(nil), data...)
}

// Flush waits until everything written to the pipe so far has been emitted.
func (o *LineReader) Flush() {
	w := make(chan struct{})

	o.mu.Lock()
	o.waiters = append(o.waiters, w)
	o.mu.Unlock()

	// A deadline in the past interrupts the blocked Read; run then drains.
	_ = o.f.SetReadDeadline(time.Now())

	select {
	case <-w:
	case <-o.done:
	}
}

// release wakes Flush calls once the pipe is closed.
func (o *LineReader) release() {
	o.mu.Lock()
	defer o.mu.Unlock()

	for _, w := range o.waiters {
		close(w)
	}
	o.waiters = nil
}

// Done is closed when the reader has stopped: the pipe reached its end or
// was closed.
func (o *LineReader) Done() <-chan struct{} { return o.done }

// Close stops reading and waits for the reader to finish.
func (o *LineReader) Close() {
	_ = o.f.Close()
	<-o.done
}
