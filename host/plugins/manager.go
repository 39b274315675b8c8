package plugins

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/ldkdev/ldk/compute"
)

// EnvPluginDir names the plugin directory when Options.Dir is empty.
const EnvPluginDir = "LDK_PLUGIN_DIR"

// Defaults of Options.
const (
	DefaultDescribeTimeout = 10 * time.Second
	DefaultStartTimeout    = 10 * time.Second
	DefaultMinBackoff      = 250 * time.Millisecond
	DefaultMaxBackoff      = 30 * time.Second
	// DefaultStopTimeout bounds the Shutdown call Close makes to each
	// plugin before it kills the process.
	DefaultStopTimeout = 5 * time.Second
)

// ErrClosed is returned by calls made after Close.
var ErrClosed = errors.New("plugin manager is closed")

// Options configure a Manager. The zero value works: every field has a
// default.
type Options struct {
	// ExecutableDir is searched first; the directory of the running
	// executable when empty.
	ExecutableDir string
	// Dir is the plugin directory, searched second; $LDK_PLUGIN_DIR when
	// empty, else ~/.ldk/plugins.
	Dir string
	// Path is searched last, a list like $PATH; $PATH when empty.
	Path string

	// Logger receives the manager's lines and each plugin's own, named
	// after the plugin's binary. hclog.Default() when nil.
	Logger hclog.Logger
	// LogSink receives every function log record of every plugin, named by
	// the plugin. It may be called from several goroutines at once and
	// should not block: a slow sink slows the plugin's log stream, and the
	// subprocess backend then slows the functions that log (their writes
	// wait) rather than drop lines; a sink stalled for more than a second
	// makes it drop them, and say how many per invocation. When nil,
	// records are logged at debug level.
	LogSink func(plugin string, rec compute.LogRecord)

	// StartTimeout bounds the wait for a plugin's handshake line.
	StartTimeout time.Duration
	// DescribeTimeout bounds the Describe call after the handshake.
	DescribeTimeout time.Duration
	// MinBackoff and MaxBackoff bound the wait before restarting a plugin
	// that died again soon after a restart. The first restart after a
	// plugin ran for a while is immediate.
	MinBackoff, MaxBackoff time.Duration
	// StopTimeout bounds the Shutdown call Close makes to each plugin.
	StopTimeout time.Duration
}

// withDefaults fills the empty fields of o.
func (o Options) withDefaults() Options {
	if o.ExecutableDir == "" {
		if exe, err := os.Executable(); err == nil {
			if resolved, err := filepath.EvalSymlinks(exe); err == nil {
				exe = resolved
			}
			o.ExecutableDir = filepath.Dir(exe)
		}
	}
	if o.Dir == "" {
		o.Dir = os.Getenv(EnvPluginDir)
	}
	if o.Dir == "" {
		if home, err := os.UserHomeDir(); err == nil {
			o.Dir = filepath.Join(home, ".ldk", "plugins")
		}
	}
	if o.Path == "" {
		o.Path = os.Getenv("PATH")
	}
	if o.Logger == nil {
		o.Logger = hclog.Default()
	}
	if o.StartTimeout == 0 {
		o.StartTimeout = DefaultStartTimeout
	}
	if o.DescribeTimeout == 0 {
		o.DescribeTimeout = DefaultDescribeTimeout
	}
	if o.MinBackoff == 0 {
		o.MinBackoff = DefaultMinBackoff
	}
	if o.MaxBackoff == 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.StopTimeout == 0 {
		o.StopTimeout = DefaultStopTimeout
	}
	return o
}

// Manager finds, starts, watches and stops compute plugins. Each plugin is
// started once, on first use, and shared by every caller. It is safe for
// concurrent use.
type Manager struct {
	opts Options
	log  hclog.Logger

	mu      sync.Mutex
	plugins map[string]*instance
	closed  bool

	socketsOnce sync.Once
	socketDir   string // this run's plugin sockets; "" for go-plugin's default
}

// NewManager returns a Manager. It starts nothing until Backend is called.
func NewManager(opts Options) *Manager {
	opts = opts.withDefaults()
	return &Manager{opts: opts, log: opts.Logger, plugins: map[string]*instance{}}
}

// Backend returns the backend named name, starting its plugin when it is
// not running yet, and the plugin's Description. The Backend stays valid
// across restarts of the plugin: calls made while a restart is under way
// wait for it.
func (m *Manager) Backend(ctx context.Context, name string) (compute.Backend, *compute.Description, error) {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil, nil, ErrClosed
	}

	inst, ok := m.plugins[name]
	if !ok {
		found, err := m.Find(name)
		if err != nil {
			m.mu.Unlock()
			return nil, nil, err
		}
		inst = newInstance(m, found)
		m.plugins[name] = inst
		go inst.run()
	}
	m.mu.Unlock()

	desc, err := inst.waitFirst(ctx)
	if err != nil {
		m.forget(inst)
		return nil, nil, err
	}
	return &managed{inst: inst}, desc, nil
}

// forget drops an instance whose first start failed, so that a later call
// tries again.
func (m *Manager) forget(inst *instance) {
	m.mu.Lock()
	defer m.mu.Unlock()

	if m.plugins[inst.found.Name] == inst {
		delete(m.plugins, inst.found.Name)
	}
	inst.close(context.Background())
}

// Close shuts every plugin down (Shutdown, bounded by StopTimeout) and
// kills its process. Calls in flight fail. Close waits until every plugin
// process is gone; calling it again does nothing.
func (m *Manager) Close() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	plugins := m.plugins
	m.plugins = map[string]*instance{}
	m.mu.Unlock()

	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for _, inst := range plugins {
		wg.Add(1)
		go func() {
			defer wg.Done()

			ctx, cancel := context.WithTimeout(context.Background(), m.opts.StopTimeout)
			defer cancel()
			if err := inst.close(ctx); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("stopping compute plugin %s: %w", inst.found.Name, err))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	m.removeSockets()
	return errors.Join(errs...)
}

// sink delivers one plugin's log record to the configured sink.
func (m *Manager) sink(plugin string, rec compute.LogRecord) {
	if m.opts.LogSink != nil {
		m.opts.LogSink(plugin, rec)
		return
	}
	if m.log.IsDebug() {
		m.log.Debug(rec.Text, "plugin", plugin, "function", rec.Function,
			"request_id", rec.RequestID, "stream", rec.Stream)
	}
}

// CloseOnSignal closes the Manager (killing every plugin) when the process
// receives one of sigs, SIGINT, SIGTERM and SIGHUP when none are given. It
// does not stop the process: the caller's own signal handling still runs.
// The returned function stops watching.
//
// cmd/ldk uses it next to signal.NotifyContext so that plugins die even
// when the command is stuck, and still calls Close on its normal way out.
func (m *Manager) CloseOnSignal(sigs ...os.Signal) (stop func()) {
	if len(sigs) == 0 {
		sigs = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}
	}

	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, sigs...)
	go func() {
		select {
		case sig := <-ch:
			m.log.Debug("closing compute plugins on signal", "signal", sig.String())
			_ = m.Close()
		case <-done:
		}
	}()

	return func() {
		signal.Stop(ch)
		close(done)
	}
}
