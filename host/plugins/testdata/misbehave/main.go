// Command misbehave is a compute plugin that misbehaves the way its binary
// name says (ldk-compute-<mode>), for the host's robustness tests:
//
//   - garbage: writes a line that is no handshake to stdout, then waits;
//   - crashstart: writes a panic to stderr and exits 3 before the handshake;
//   - hang: never answers Describe;
//   - v2: speaks only compute protocol version 2;
//   - v0: speaks only compute protocol version 0;
//   - crashinvoke: exits 7 during an invocation whose payload is "crash";
//   - noisy: writes garbage to stdout around every invocation;
//   - crashloop: exits 9 shortly after every Describe;
//   - remote: gives a handshake naming a TCP address on another machine
//     (192.0.2.1, a documentation address), then waits.
//
// Every other mode, and every other call, behaves as computetest's backend.
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/hashicorp/go-plugin"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/computetest"
)

// misbehaving wraps the test backend with the mode's misbehaviour.
type misbehaving struct {
	*computetest.Backend
	mode string
}

func (m *misbehaving) Describe(ctx context.Context) (*compute.Description, error) {
	switch m.mode {
	case "hang":
		<-ctx.Done()
		return nil, ctx.Err()
	case "crashloop":
		time.AfterFunc(20*time.Millisecond, func() { os.Exit(9) })
	}
	return m.Backend.Describe(ctx)
}

func (m *misbehaving) Invoke(ctx context.Context, req compute.InvokeRequest) (*compute.InvokeResult, error) {
	switch {
	case m.mode == "crashinvoke" && string(req.Payload) == `"crash"`:
		fmt.Fprintln(os.Stderr, "fatal error: crashing on request")
		os.Exit(7)
	case m.mode == "noisy":
		fmt.Println("\x00\xffgarbage|1|tcp|nonsense")
		defer fmt.Print("more garbage without a newline")
	}
	return m.Backend.Invoke(ctx, req)
}

func main() {
	mode := strings.TrimPrefix(filepath.Base(os.Args[0]), "ldk-compute-")
	backend := &misbehaving{Backend: computetest.New(mode), mode: mode}
	switch mode {
	case "garbage":
		fmt.Println("this is not a handshake")
		time.Sleep(time.Minute)
		return
	case "crashstart":
		fmt.Fprintln(os.Stderr, "panic: cannot read the configuration")
		os.Exit(3)
	case "remote":
		fmt.Printf("1|%d|tcp|192.0.2.1:4321|grpc\n", compute.ProtocolVersion)
		time.Sleep(time.Minute)
		return
	case "v2", "v0":
		version := 2
		if mode == "v0" {
			version = 0
		}
		hs := compute.Handshake
		hs.ProtocolVersion = uint(version)
		plugin.Serve(&plugin.ServeConfig{
			HandshakeConfig: hs,
			VersionedPlugins: map[int]plugin.PluginSet{
				version: {compute.PluginName: &compute.GRPCPlugin{Backend: backend}},
			},
			GRPCServer: plugin.DefaultGRPCServer,
		})
		return
	}
	compute.Serve(backend)
}
