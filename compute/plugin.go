package compute

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	computev1 "github.com/ldkdev/ldk/compute/proto/ldk/compute/v1"
	"google.golang.org/grpc"
)

// ProtocolVersion is the newest compute protocol version this package
// speaks. A host and a plugin agree on the highest version both offer.
const ProtocolVersion = 1

// PluginName is the name of the compute plugin in every plugin set.
const PluginName = "compute"

// MaxMessageBytes bounds one gRPC message: a 6 MB payload plus its
// envelope, with room to spare.
const MaxMessageBytes = 16 << 20

// Handshake is what host and plugin check before they speak: the magic
// cookie tells a plugin binary run by hand that it is not meant to be, and
// the protocol version is the default for hosts that do not negotiate.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  ProtocolVersion,
	MagicCookieKey:   "LDK_COMPUTE_PLUGIN",
	MagicCookieValue: "a5f2c9e07b1d4e38-ldk-compute",
}

// GRPCPlugin is the go-plugin glue of protocol version 1. On the plugin's
// side Backend is served; on the host's side Name names the plugin in
// errors.
type GRPCPlugin struct {
	plugin.NetRPCUnsupportedPlugin

	Backend Backend
	Name    string
}

// GRPCServer registers the compute service on the plugin's gRPC server.
func (p *GRPCPlugin) GRPCServer(_ *plugin.GRPCBroker, s *grpc.Server) error {
	computev1.RegisterComputeServer(s, NewServer(p.Backend))
	return nil
}

// GRPCClient returns a *Client. go-plugin passes a ctx that ends when the
// plugin process ends; the Client uses it to report exits.
func (p *GRPCPlugin) GRPCClient(ctx context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (interface{}, error) {
	return NewClient(p.Name, c, ctx), nil
}

// SupportedProtocolVersions lists, in ascending order, the compute
// protocol versions this package offers a plugin (the keys of
// ClientPlugins).
func SupportedProtocolVersions() []int {
	return []int{1}
}

// ServerPlugins is the versioned plugin set a plugin serves b with.
func ServerPlugins(b Backend) map[int]plugin.PluginSet {
	return map[int]plugin.PluginSet{
		1: {PluginName: &GRPCPlugin{Backend: b}},
	}
}

// ClientPlugins is the versioned plugin set the host offers to a plugin
// named name. Dispensing PluginName from it gives a *Client.
func ClientPlugins(name string) map[int]plugin.PluginSet {
	sets := map[int]plugin.PluginSet{}
	for _, v := range SupportedProtocolVersions() {
		sets[v] = plugin.PluginSet{PluginName: &GRPCPlugin{Name: name}}
	}
	return sets
}

// Serve serves b as a compute plugin over stdin/stdout handshake and gRPC,
// and returns when the host is done with the plugin. It is all a plugin's
// main needs:
//
//	func main() { compute.Serve(mybackend.New()) }
//
// Run by hand, the binary says it is a plugin and exits with status 1.
//
// The plugin exits by itself when the host process is gone, even if the
// host could not tell it to.
func Serve(b Backend) {
	log := PluginLogger("")
	watchParent(os.Getppid, parentPoll, func() {
		log.Error("the ldk host is gone; exiting")
		os.Exit(1)
	})
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig:  Handshake,
		VersionedPlugins: ServerPlugins(b),
		GRPCServer:       newGRPCServer,
		Logger:           log,
	})
}

func newGRPCServer(opts []grpc.ServerOption) *grpc.Server {
	opts = append(opts,
		grpc.MaxRecvMsgSize(MaxMessageBytes),
		grpc.MaxSendMsgSize(MaxMessageBytes))
	return grpc.NewServer(opts...)
}

// PluginLogger is the logger a plugin should use: JSON lines on stderr,
// which the host reads back and logs under the plugin's name at their own
// level. The level comes from LDK_LOG_LEVEL (the host sets it to its own),
// default info.
func PluginLogger(name string) hclog.Logger {
	level := hclog.LevelFromString(os.Getenv("LDK_LOG_LEVEL"))
	if level == hclog.NoLevel {
		level = hclog.Info
	}
	return hclog.New(&hclog.LoggerOptions{
		Name:       name,
		Level:      level,
		Output:     os.Stderr,
		JSONFormat: true,
	})
}

// ClientConfig is the go-plugin configuration the host starts the plugin
// named name with: the handshake, the versioned plugin sets, gRPC only,
// AutoMTLS, and logger for the plugin's own lines. cmd may be nil when the
// caller sets RunnerFunc instead (host/plugins does, to tie the plugin to
// the host's life).
func ClientConfig(name string, cmd *exec.Cmd, logger hclog.Logger) *plugin.ClientConfig {
	return &plugin.ClientConfig{
		HandshakeConfig:  Handshake,
		VersionedPlugins: ClientPlugins(name),
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		Logger:           logger,
		GRPCDialOptions: []grpc.DialOption{
			grpc.WithDefaultCallOptions(
				grpc.MaxCallRecvMsgSize(MaxMessageBytes),
				grpc.MaxCallSendMsgSize(MaxMessageBytes)),
		},
	}
}

// parentPoll is how often a plugin checks that the host is still there.
const parentPoll = time.Second

// watchParent exits the plugin when its parent process, the host, is gone
// (the plugin was handed to another parent). On Linux the host already
// has the kernel kill its plugins when it dies; this covers the systems
// where it cannot, and plugins started by another host.
//
// getppid is os.Getppid but in tests. The returned function stops
// watching.
func watchParent(getppid func() int, every time.Duration, exit func()) (stop func()) {
	parent := getppid()
	done := make(chan struct{})
	var once sync.Once
	stop = func() { once.Do(func() { close(done) }) }
	if parent <= 1 {
		return stop // already orphaned, or started by init: nothing to watch
	}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if getppid() != parent {
					exit()
					return
				}
			}
		}
	}()
	return stop
}
