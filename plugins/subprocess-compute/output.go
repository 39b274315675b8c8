package main

import (
	"bytes"
	"errors"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// output reads one of a worker's output pipes line by line and hands every
// line to emit. Flush returns once every byte written to the pipe before
// the call has been emitted, so an invocation's log is complete before its
// END line even though the pipe is read asynchronously.
type output struct {
	f    *os.File
	emit func(line string)

	mu      sync.Mutex
	waiters []chan struct{}
	done    chan struct{}
}

// maxLine bounds one log line; longer lines are cut into pieces.
const maxLine = 256 * 1024

func newOutput(f *os.File, emit func(string)) *output {
	o := &output{f: f, emit: emit, done: make(chan struct{})}
	go o.run()

	return o
}

func (o *output) run() {
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
func (o *output) drain(buf, partial []byte) []byte {
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
func (o *output) pending() int {
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
func (o *output) lines(data []byte) []byte {
	for {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			break
		}
		line := data[:i]
		for len(line) > maxLine {
			o.emit(string(line[:maxLine]))
			line = line[maxLine:]
		}
		o.emit(string(line))
		data = data[i+1:]
	}

	for len(data) > maxLine {
		o.emit(string(data[:maxLine]))
		data = data[maxLine:]
	}

	// Keep the remainder in a buffer of its own: data aliases the read buffer.
	return append([]byte(nil), data...)
}

// Flush waits until everything written to the pipe so far has been emitted.
func (o *output) Flush() {
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
func (o *output) release() {
	o.mu.Lock()
	defer o.mu.Unlock()

	for _, w := range o.waiters {
		close(w)
	}
	o.waiters = nil
}

// Close stops reading and waits for the reader to finish.
func (o *output) Close() {
	_ = o.f.Close()
	<-o.done
}
