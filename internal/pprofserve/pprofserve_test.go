package pprofserve

import (
	"strings"
	"testing"
)

func TestListenRefusesWhatIsNotLoopback(t *testing.T) {
	cases := []struct {
		name, addr, wantErr string
	}{
		{"all interfaces", "0.0.0.0:0", "not a loopback address"},
		{"empty host", ":0", "not a loopback address"},
		{"host name", "localhost:0", "not a loopback address"},
		{"no port", "127.0.0.1", "want 127.0.0.1:PORT"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ln, err := listen(tc.addr)
			if err == nil {
				ln.Close()
				t.Fatalf("listen(%q) succeeded, want an error", tc.addr)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("listen(%q) = %v, want an error containing %q", tc.addr, err, tc.wantErr)
			}
		})
	}
}

func TestListenOnLoopback(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0"} {
		ln, err := listen(addr)
		if err != nil {
			if addr == "[::1]:0" {
				t.Logf("no IPv6 loopback here: %v", err)
				continue
			}
			t.Fatalf("listen(%q): %v", addr, err)
		}
		ln.Close()
	}
}
