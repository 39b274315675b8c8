package plugins

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"testing"
)

// TestRemoteHandshakeRefused checks a plugin whose handshake names a TCP
// address on another machine is refused before anything dials it, with an
// error naming the plugin and the address, and its process is killed.
//
// The address is 192.0.2.1, reserved for documentation: even if the check
// were gone, the pinned dialer refuses it, so this test sends nothing.
func TestRemoteHandshakeRefused(t *testing.T) {
	m, _ := testManager(t)
	path := installMisbehaving(t, m.opts.Dir, "remote")

	_, _, err := m.Backend(context.Background(), "remote")
	want := "starting compute plugin remote (" + path + "): its handshake names the tcp address " +
		"192.0.2.1:4321, which is not on this machine; ldk connects to plugins over a Unix socket " +
		"or loopback only, so the plugin was stopped; is it a compute plugin built with compute.Serve?"
	if err == nil || err.Error() != want {
		t.Fatalf("Backend remote:\n got %v\nwant %s", err, want)
	}

	// Killed at the refusal, before Close.
	awaitNoChildren(t)
	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}

// TestOnThisMachine checks which handshake addresses ldk accepts.
func TestOnThisMachine(t *testing.T) {
	tests := []struct {
		name string
		addr net.Addr
		want bool
	}{
		{"unix socket", &net.UnixAddr{Net: "unix", Name: "/tmp/ldk-plugins/1/plugin.sock"}, true},
		{"ipv4 loopback", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:1234")), true},
		{"ipv4 loopback range", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("127.3.2.1:1234")), true},
		{"ipv6 loopback", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("[::1]:1234")), true},
		{"documentation ipv4", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("192.0.2.1:4321")), false},
		{"unspecified", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("0.0.0.0:4321")), false},
		{"documentation ipv6", net.TCPAddrFromAddrPort(netip.MustParseAddrPort("[2001:db8::1]:4321")), false},
		{"udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 53}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := onThisMachine(tt.addr); got != tt.want {
				t.Errorf("onThisMachine(%v) = %v, want %v", tt.addr, got, tt.want)
			}
		})
	}
}

// TestPinnedDialer checks the dialer go-plugin's connection uses dials
// nothing before an address is pinned and never an address beyond this
// machine. Its context is cancelled up front, so a dialer that did try to
// connect would fail with the context's error instead of a refusal, and
// send nothing.
func TestPinnedDialer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	d := &pinnedDialer{}
	if _, err := d.dial(ctx, "unused"); !errors.Is(err, errNoPluginAddr) {
		t.Errorf("dial before pin: got %v, want %v", err, errNoPluginAddr)
	}

	d.pin(net.TCPAddrFromAddrPort(netip.MustParseAddrPort("192.0.2.1:4321")))
	_, err := d.dial(ctx, "unused")
	want := "refusing to connect to the tcp address 192.0.2.1:4321: it is not on this machine"
	if err == nil || err.Error() != want {
		t.Errorf("dial of a remote address: got %v, want %s", err, want)
	}

	// A loopback address is dialled: here the cancelled context ends it.
	d.pin(net.TCPAddrFromAddrPort(netip.MustParseAddrPort("127.0.0.1:1")))
	if _, err := d.dial(ctx, "unused"); !errors.Is(err, context.Canceled) {
		t.Errorf("dial of a loopback address: got %v, want the context's cancellation", err)
	}
}
