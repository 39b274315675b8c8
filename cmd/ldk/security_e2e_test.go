package main

import (
	"encoding/hex"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDevSecurityDefaults checks what ldk dev exposes by default: TCP
// listeners of ldk, its plugin and its workers only on loopback, and the
// values of secret-looking environment variables nowhere in its output,
// even at trace level.
func TestDevSecurityDefaults(t *testing.T) {
	needTools(t, "node", "python3")
	s := startFaultDev(t, buildLDK(t), faultApp(t), "--log-level", "trace")
	client := lambdaClient(t, s.ready.AWSEndpoint)
	checkHealthy(t, s, client)
	invokeFn(t, client, "fault-stuck", `{}`)

	t.Run("listeners on loopback only", func(t *testing.T) {
		pids := []int{s.pid()}
		for _, p := range s.descendants(t) {
			pids = append(pids, p.PID)
		}
		listening := listenersOf(t, pids)
		// The API, the AWS endpoint and a Runtime API endpoint per warm
		// worker (fault-node, fault-py, fault-stuck).
		if len(listening) < 5 {
			t.Fatalf("found %d listening sockets %v, want at least 5", len(listening), listening)
		}
		for _, addr := range listening {
			if !addr.IP.IsLoopback() {
				t.Errorf("listening on %s, beyond loopback", addr)
			}
		}
	})

	t.Run("secrets never printed", func(t *testing.T) {
		log := s.log(t)
		if !strings.Contains(log, "[TRACE]") {
			t.Fatalf("no trace lines in the log: the check would prove nothing")
		}
		for _, secret := range []string{"tok-3f9a1c", "pw-77e0b2"} {
			if strings.Contains(log, secret) {
				t.Errorf("the log shows the value %q of a secret variable", secret)
			}
		}
	})
}

// TestDevHostFlag checks --host: loopback addresses are served quietly,
// anything else gets a warning first. The non-loopback address is one this
// machine does not have, so nothing is ever exposed: binding it fails.
func TestDevHostFlag(t *testing.T) {
	needTools(t, "node", "python3")
	ldk := buildLDK(t)
	const warning = "listening beyond loopback: other machines can call your functions"

	t.Run("ipv6 loopback", func(t *testing.T) {
		s := startFaultDev(t, ldk, faultApp(t), "--host", "::1")
		if !strings.HasPrefix(s.ready.AWSEndpoint, "http://[::1]:") {
			t.Errorf("AWS endpoint %s, want one on [::1]", s.ready.AWSEndpoint)
		}
		if strings.Contains(s.log(t), warning) {
			t.Errorf("warned about a loopback address")
		}
		status, body := get(t, s.apiURL(t)+"/node")
		if status != 200 || body != `{"ok":true,"route":"GET /node","len":0}` {
			t.Errorf("GET /node on [::1]: %d %s", status, body)
		}
	})

	t.Run("address beyond loopback", func(t *testing.T) {
		cmd := exec.Command(ldk, "dev", "--tf", faultApp(t), "--host", "192.0.2.1", "--port", "0", "--aws-port", "0")
		cmd.Dir = t.TempDir()
		out, err := cmd.CombinedOutput()
		if err == nil {
			t.Fatalf("ldk dev served on 192.0.2.1, an address this machine should not have:\n%s", out)
		}
		if !strings.Contains(string(out), "[WARN]  ldk: "+warning+": host=192.0.2.1") {
			t.Errorf("no warning before binding 192.0.2.1:\n%s", out)
		}
	})
}

// listenersOf returns the local addresses of the listening TCP sockets the
// processes hold, read from /proc.
func listenersOf(t *testing.T, pids []int) []*net.TCPAddr {
	t.Helper()

	inodes := map[string]bool{}
	for _, pid := range pids {
		dir := filepath.Join("/proc", strconv.Itoa(pid), "fd")
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue // the process ended meanwhile
		}
		for _, e := range entries {
			link, err := os.Readlink(filepath.Join(dir, e.Name()))
			if inode, ok := strings.CutPrefix(link, "socket:["); err == nil && ok {
				inodes[strings.TrimSuffix(inode, "]")] = true
			}
		}
	}

	var out []*net.TCPAddr
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		data, err := os.ReadFile(table)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(data), "\n")[1:] {
			f := strings.Fields(line)
			// f[1] is the local address, f[3] the state (0A: listening),
			// f[9] the inode.
			if len(f) < 10 || f[3] != "0A" || !inodes[f[9]] {
				continue
			}
			out = append(out, parseProcAddr(t, f[1]))
		}
	}
	return out
}

// parseProcAddr decodes "0100007F:1F90": the address as 32-bit words in
// host order (little-endian here), then the port.
func parseProcAddr(t *testing.T, s string) *net.TCPAddr {
	t.Helper()

	hexIP, hexPort, _ := strings.Cut(s, ":")
	raw, err := hex.DecodeString(hexIP)
	if err != nil {
		t.Fatalf("address %q: %v", s, err)
	}
	ip := make(net.IP, len(raw))
	for i := 0; i < len(raw); i += 4 {
		ip[i], ip[i+1], ip[i+2], ip[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
	}
	port, _ := strconv.ParseUint(hexPort, 16, 16)
	return &net.TCPAddr{IP: ip, Port: int(port)}
}
