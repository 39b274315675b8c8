package plugins

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
)

// errNoPluginAddr is a dial made before the plugin's address was checked.
var errNoPluginAddr = errors.New("the plugin's address was not checked yet")

// onThisMachine reports whether addr, from a plugin's handshake, stays on
// this machine: a Unix socket or a loopback TCP address (go-plugin uses
// TCP where there are no Unix sockets).
func onThisMachine(addr net.Addr) bool {
	switch a := addr.(type) {
	case *net.UnixAddr:
		return true
	case *net.TCPAddr:
		return a.IP.IsLoopback()
	}

	return false
}

// checkAddr refuses a handshake that names an address beyond this machine:
// ldk connects to its plugins over a Unix socket or loopback only.
func checkAddr(found Found, addr net.Addr) error {
	if onThisMachine(addr) {
		return nil
	}

	return fmt.Errorf("starting compute plugin %s (%s): its handshake names the %s address %s, "+
		"which is not on this machine; ldk connects to plugins over a Unix socket or loopback only, "+
		"so the plugin was stopped; is it a compute plugin built with compute.Serve?",
		found.Name, found.Path, addr.Network(), addr)
}

// pinnedDialer is the only dialer go-plugin's gRPC connection to a plugin
// uses: it dials the address checkAddr accepted and nothing else, so no
// path through go-plugin (its Kill included) reaches beyond this machine.
type pinnedDialer struct {
	mu   sync.Mutex
	addr net.Addr
}

// pin sets the address to dial once it was checked.
func (d *pinnedDialer) pin(addr net.Addr) {
	d.mu.Lock()
	defer d.mu.Unlock()

	d.addr = addr
}

// dial connects to the pinned address; go-plugin passes no target of its
// own.
func (d *pinnedDialer) dial(ctx context.Context, _ string) (net.Conn, error) {
	d.mu.Lock()
	addr := d.addr
	d.mu.Unlock()

	if addr == nil {
		return nil, errNoPluginAddr
	}
	if !onThisMachine(addr) {
		return nil, fmt.Errorf("refusing to connect to the %s address %s: it is not on this machine",
			addr.Network(), addr)
	}

	var nd net.Dialer
	return nd.DialContext(ctx, addr.Network(), addr.String())
}
