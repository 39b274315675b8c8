package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/ldkdev/ldk/compute"
)

// logPrinter writes function log records to w, one line each, prefixed
// with the function's name. It never blocks the plugin for long: writes
// are serialized by a mutex and go to a terminal or a file.
type logPrinter struct {
	mu sync.Mutex
	w  io.Writer
	// awaited holds the request ids a command waits on (ldk invoke), each
	// with a channel closed once the invocation's last log line is out.
	// Only awaited ids are kept, so a long ldk dev holds nothing per request.
	awaited map[string]*awaitedLog
}

type awaitedLog struct {
	done chan struct{}
	// timedOut: the REPORT said so, and the "Task timed out" line follows.
	timedOut bool
}

func (p *logPrinter) sink(_ string, rec compute.LogRecord) {
	text := strings.TrimRight(rec.Text, "\n")
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(p.w, "[%s] %s\n", rec.Function, line)
	}
	a := p.awaited[rec.RequestID]
	if a == nil || rec.Stream != compute.StreamPlatform {
		return
	}
	switch {
	case strings.HasPrefix(text, "REPORT ") && strings.Contains(text, "Status: timeout"):
		a.timedOut = true
	case strings.HasPrefix(text, "REPORT "), a.timedOut && strings.Contains(text, "Task timed out"):
		close(a.done)
		delete(p.awaited, rec.RequestID)
	}
}

// expect registers interest in a request's logs before it runs; the
// returned function waits, at most limit, until the invocation's last log
// line (REPORT, or the timed-out line after it) has been printed, so a
// one-shot command does not exit before its logs are out. Logs travel on
// their own stream and may trail the result by a moment.
func (p *logPrinter) expect(id string) (wait func(limit time.Duration)) {
	a := &awaitedLog{done: make(chan struct{})}
	p.mu.Lock()
	if p.awaited == nil {
		p.awaited = map[string]*awaitedLog{}
	}
	p.awaited[id] = a
	p.mu.Unlock()
	return func(limit time.Duration) {
		select {
		case <-a.done:
		case <-time.After(limit):
			p.mu.Lock()
			delete(p.awaited, id)
			p.mu.Unlock()
		}
	}
}
