// Package pprofserve serves Go's runtime profiles (net/http/pprof) of an
// ldk process on a loopback address, for performance work. Both the ldk
// host and the compute plugins call FromEnv at start; nothing is served
// unless the variable is set.
//
//	LDK_PPROF_ADDR=127.0.0.1:6060 LDK_PLUGIN_PPROF_ADDR=127.0.0.1:6061 ldk dev
//	go tool pprof http://127.0.0.1:6060/debug/pprof/profile?seconds=10
package pprofserve

import (
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"time"

	"github.com/hashicorp/go-hclog"
)

// Variables that name the address of each process's profile server.
const (
	HostEnv   = "LDK_PPROF_ADDR"
	PluginEnv = "LDK_PLUGIN_PPROF_ADDR"
)

// FromEnv serves the profiles on the loopback address in the environment
// variable env, when set. A bad or non-loopback address or a port in use
// is logged and the process goes on without profiles.
func FromEnv(env string, log hclog.Logger) {
	addr := os.Getenv(env)
	if addr == "" {
		return
	}
	ln, err := listen(addr)
	if err != nil {
		log.Warn("not serving profiles", "variable", env, "error", err)
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Info("serving profiles", "url", "http://"+ln.Addr().String()+"/debug/pprof/")
	go srv.Serve(ln)
}

// listen opens addr, which must be a loopback host and a port.
func listen(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("profile address %q: %w (want 127.0.0.1:PORT)", addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("profile address %q is not a loopback address (want 127.0.0.1:PORT)", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listening for profiles on %s: %w", addr, err)
	}
	return ln, nil
}
