package plugins

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-plugin/runner"
	"github.com/ldkdev/ldk/compute"
	"google.golang.org/grpc"
)

// generation is one run of a plugin process.
type generation struct {
	client   *plugin.Client
	backend  *compute.Client
	started  time.Time
	stopLogs context.CancelFunc
	logsDone chan struct{}
}

// kill ends the generation's process and its log stream and waits for
// both. go-plugin's Kill asks the plugin to exit, force-kills it after a
// grace period, and reaps it.
func (g *generation) kill() {
	g.stopLogs()
	g.client.Kill()
	<-g.logsDone
}

// launch starts the plugin process, checks it with Describe, opens its log
// stream and starts the functions the previous generation had.
func (inst *instance) launch() (*generation, *compute.Description, error) {
	m := inst.m
	name := inst.found.Name

	proc := &launched{}
	dialer := &pinnedDialer{}
	cfg := compute.ClientConfig(name, nil, m.log)
	cfg.RunnerFunc = inst.runnerFunc(levelName(m.log), proc)
	cfg.StartTimeout = m.opts.StartTimeout
	cfg.GRPCDialOptions = append(cfg.GRPCDialOptions, grpc.WithContextDialer(dialer.dial))
	if dir := m.sockets(); dir != "" {
		cfg.UnixSocketConfig = &plugin.UnixSocketConfig{TempDir: dir}
	}
	said := &lastLine{}
	cfg.Stderr = said
	client := plugin.NewClient(cfg)
	if !inst.setLaunching(client, proc) {
		client.Kill()
		return nil, nil, ErrClosed
	}
	defer inst.setLaunching(nil, nil)

	// The handshake's address is checked before anything dials it.
	addr, err := client.Start()
	if err != nil {
		client.Kill() // waits until the plugin's stderr has been read
		return nil, nil, launchError(inst.found, err, said.String())
	}
	if err := checkAddr(inst.found, addr); err != nil {
		proc.kill(client)
		return nil, nil, err
	}
	dialer.pin(addr)

	rpc, err := client.Client()
	if err != nil {
		client.Kill()
		return nil, nil, launchError(inst.found, err, said.String())
	}

	raw, err := rpc.Dispense(compute.PluginName)
	if err != nil {
		client.Kill()
		return nil, nil, fmt.Errorf("connecting to compute plugin %s: %w", name, err)
	}
	backend := raw.(*compute.Client)

	desc, err := inst.describe(client, backend)
	if err != nil {
		client.Kill()
		return nil, nil, err
	}

	logCtx, stopLogs := context.WithCancel(context.Background())
	gen := &generation{client: client, backend: backend, started: time.Now(),
		stopLogs: stopLogs, logsDone: make(chan struct{})}
	go inst.streamLogs(logCtx, gen)

	inst.restartFunctions(backend)
	return gen, desc, nil
}

// runnerFunc starts the plugin's binary with the environment go-plugin
// prepared (the host's, the handshake's) and the host's log level.
func (inst *instance) runnerFunc(level string, proc *launched) func(hclog.Logger, *exec.Cmd, string) (runner.Runner, error) {
	return func(log hclog.Logger, spec *exec.Cmd, socketDir string) (runner.Runner, error) {
		cmd := exec.Command(inst.found.Path)
		cmd.Env = append(spec.Env, "LDK_LOG_LEVEL="+level)
		cmd.Stdin = spec.Stdin
		r, err := newRunner(log, cmd, socketDir)
		if err != nil {
			return nil, err
		}
		proc.set(r)
		return r, nil
	}
}

// launched is the process of a plugin being launched, known once go-plugin
// made its runner.
type launched struct {
	mu sync.Mutex
	r  *procRunner
}

func (p *launched) set(r *procRunner) {
	p.mu.Lock()
	defer p.mu.Unlock()

	p.r = r
}

// kill ends a plugin whose handshake was refused: the process is killed
// first, so go-plugin's Kill finds it gone and neither asks it to exit
// over its connection nor waits a grace period; Kill then reaps it and
// removes its socket directory.
func (p *launched) kill(client *plugin.Client) {
	p.mu.Lock()
	r := p.r
	p.mu.Unlock()

	if r != nil {
		_ = r.Kill(context.Background())
	}
	client.Kill()
}

// describe calls Describe within DescribeTimeout and checks the answer
// against the protocol version go-plugin negotiated.
func (inst *instance) describe(client *plugin.Client, backend *compute.Client) (*compute.Description, error) {
	ctx, cancel := context.WithTimeout(context.Background(), inst.m.opts.DescribeTimeout)
	defer cancel()

	desc, err := backend.Describe(ctx)
	// gRPC's own deadline may fire a hair before ctx says it is done.
	deadline, _ := ctx.Deadline()
	if err != nil && (errors.Is(err, context.DeadlineExceeded) || !time.Now().Before(deadline)) {
		return nil, fmt.Errorf("compute plugin %s did not answer Describe within %s", inst.found.Name, inst.m.opts.DescribeTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("describing compute plugin %s: %w", inst.found.Name, err)
	}

	if v := client.NegotiatedVersion(); desc.ProtocolVersion != v {
		return nil, fmt.Errorf("compute plugin %s (%s) describes protocol version %d but its handshake said %d: the plugin is broken, rebuild it against one version of the compute package",
			inst.found.Name, inst.found.Path, desc.ProtocolVersion, v)
	}
	if desc.Name != inst.found.Name {
		inst.log.Warn("compute plugin describes itself under another name", "plugin", inst.found.Name, "described_as", desc.Name)
	}
	return desc, nil
}

// streamLogs relays the generation's log records until the stream ends.
func (inst *instance) streamLogs(ctx context.Context, gen *generation) {
	defer close(gen.logsDone)

	err := gen.backend.Logs(ctx, inst.deliver)
	if err != nil && !errors.Is(err, compute.ErrPluginExited) {
		inst.log.Warn("compute plugin log stream ended", "plugin", inst.found.Name, "error", err)
	}
}

// restartFunctions starts on a fresh process the functions the previous
// one had. A function that fails to start is logged; its invocations then
// fail with the backend's own error.
func (inst *instance) restartFunctions(backend *compute.Client) {
	for _, spec := range inst.startedSpecs() {
		ctx, cancel := context.WithTimeout(context.Background(), inst.m.opts.DescribeTimeout)
		err := backend.Start(ctx, spec)
		cancel()
		if err != nil {
			inst.log.Error("restarting function on a restarted compute plugin", "plugin", inst.found.Name,
				"function", spec.Name, "error", err)
		}
	}
}

// firstLine cuts go-plugin's multi-line start-up errors to their summary.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSuffix(strings.TrimSpace(line), ":")
}

// levelName is the hclog level a plugin should log at: the host's own.
func levelName(l hclog.Logger) string {
	if l.GetLevel() == hclog.NoLevel {
		return hclog.Info.String()
	}
	return l.GetLevel().String()
}
