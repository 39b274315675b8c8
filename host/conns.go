package host

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// freshConns tracks the connections of a listener that have not sent a
// request yet. net/http's Shutdown waits up to 5 s for such a connection
// (a browser's preconnect, a client that opened and never wrote) before it
// counts it idle; it carries nothing in flight, so stopping closes it at
// once.
type freshConns struct {
	mu sync.Mutex
	m  map[net.Conn]struct{}
}

// track is the server's ConnState hook.
func (f *freshConns) track(c net.Conn, state http.ConnState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if state == http.StateNew {
		if f.m == nil {
			f.m = map[net.Conn]struct{}{}
		}
		f.m[c] = struct{}{}
		return
	}
	delete(f.m, c)
}

// closeAll closes the connections that have not sent a request.
func (f *freshConns) closeAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for c := range f.m {
		c.Close()
		delete(f.m, c)
	}
}

// shutdown stops srv as http.Server.Shutdown does, closing connections
// that never sent a request as they come instead of waiting for them.
func (f *freshConns) shutdown(ctx context.Context, srv *http.Server) error {
	done := make(chan error, 1)
	go func() { done <- srv.Shutdown(ctx) }()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		f.closeAll()
		select {
		case err := <-done:
			return err
		case <-tick.C:
		}
	}
}
