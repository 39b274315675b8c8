package plugins

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/ldkdev/ldk/compute"
)

var (
	misbehaveOnce sync.Once
	misbehavePath string
	misbehaveErr  error
)

// misbehave builds testdata/misbehave once per test run and returns the
// binary, or skips when there is no go tool to build it with.
func misbehave(t *testing.T) string {
	t.Helper()
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		if goTool, err = exec.LookPath("go"); err != nil {
			t.Skip("needs the go tool to build the misbehaving plugin")
		}
	}
	misbehaveOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ldk-misbehave-")
		if err != nil {
			misbehaveErr = err
			return
		}
		misbehavePath = filepath.Join(dir, "misbehave")
		out, err := exec.Command(goTool, "build", "-o", misbehavePath, "./testdata/misbehave").CombinedOutput()
		if err != nil {
			misbehaveErr = errors.New("building testdata/misbehave: " + err.Error() + "\n" + string(out))
		}
	})
	if misbehaveErr != nil {
		t.Fatal(misbehaveErr)
	}
	return misbehavePath
}

// installMisbehaving copies the misbehaving plugin into dir as
// ldk-compute-<mode> and returns its path.
func installMisbehaving(t *testing.T, dir, mode string) string {
	t.Helper()
	data, err := os.ReadFile(misbehave(t))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, BinaryPrefix+mode)
	if err := os.WriteFile(path, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// servingEcho starts the echo plugin with a function on m, so a test can
// check the host keeps serving it whatever another plugin does.
func servingEcho(t *testing.T, m *Manager) compute.Backend {
	t.Helper()
	b, _, err := m.Backend(context.Background(), "echo")
	if err != nil {
		t.Fatalf("Backend echo: %v", err)
	}
	if err := b.Start(context.Background(), echoSpec); err != nil {
		t.Fatalf("Start on echo: %v", err)
	}
	return b
}

func TestMisbehavingPluginsAtStart(t *testing.T) {
	tests := []struct {
		mode string
		want func(path string) string
	}{
		{"garbage", func(path string) string {
			return "starting compute plugin garbage (" + path + "): it wrote \"this is not a handshake\" " +
				"to stdout instead of the plugin handshake; is it a compute plugin built with compute.Serve, " +
				"and does it keep stdout for the handshake?"
		}},
		{"crashstart", func(path string) string {
			return "starting compute plugin crashstart (" + path + "): it exited before the handshake; the last line it wrote " +
				"to stderr was \"panic: cannot read the configuration\""
		}},
		{"hang", func(string) string {
			return "compute plugin hang did not answer Describe within 300ms"
		}},
		{"v2", func(path string) string {
			return "compute plugin v2 (" + path + ") speaks compute protocol version 2, but this ldk speaks only 1: " +
				"upgrade ldk to a release that speaks version 2, or install a build of the plugin for version 1"
		}},
		{"v0", func(path string) string {
			return "compute plugin v0 (" + path + ") speaks compute protocol version 0, which this ldk no longer " +
				"speaks (it speaks 1): upgrade the plugin to a release built for version 1"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.mode, func(t *testing.T) {
			m, _ := testManager(t)
			echo := servingEcho(t, m)
			m.opts.DescribeTimeout = 300 * time.Millisecond
			path := installMisbehaving(t, m.opts.Dir, tt.mode)

			_, _, err := m.Backend(context.Background(), tt.mode)
			if want := tt.want(path); err == nil || err.Error() != want {
				t.Fatalf("Backend %s:\n got %v\nwant %s", tt.mode, err, want)
			}
			if got := invokeEcho(t, echo, "after-"+tt.mode); got.RequestID != "after-"+tt.mode {
				t.Errorf("echo answered %+v after %s failed", got, tt.mode)
			}
			if err := m.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			awaitNoChildren(t)
		})
	}
}

func TestPluginCrashingMidInvokeRestarts(t *testing.T) {
	m, _ := testManager(t)
	echo := servingEcho(t, m)
	installMisbehaving(t, m.opts.Dir, "crashinvoke")
	ctx := context.Background()
	b, _, err := m.Backend(ctx, "crashinvoke")
	if err != nil {
		t.Fatalf("Backend: %v", err)
	}
	spec := echoSpec
	if err := b.Start(ctx, spec); err != nil {
		t.Fatalf("Start: %v", err)
	}
	before := invokeEcho(t, b, "before")

	_, err = b.Invoke(ctx, compute.InvokeRequest{Function: spec.Name, RequestID: "crash", Payload: []byte(`"crash"`)})
	var exited *compute.PluginExitedError
	if !errors.As(err, &exited) || exited.Plugin != "crashinvoke" || exited.Call != "Invoke" {
		t.Fatalf("Invoke that crashed: got %v, want a *PluginExitedError naming crashinvoke during Invoke", err)
	}
	if got := invokeEcho(t, echo, "echo-meanwhile"); got.RequestID != "echo-meanwhile" {
		t.Errorf("echo answered %+v while crashinvoke restarted", got)
	}

	after := invokeEcho(t, b, "after")
	if after.Pid == before.Pid || after.Starts != 1 || after.RequestID != "after" {
		t.Errorf("after the crash: %+v, want a new process (old %d) with the function started again once", after, before.Pid)
	}
}

func TestPluginWritingGarbageWhileServing(t *testing.T) {
	m, _ := testManager(t)
	installMisbehaving(t, m.opts.Dir, "noisy")
	ctx := context.Background()
	b, _, err := m.Backend(ctx, "noisy")
	if err != nil {
		t.Fatalf("Backend: %v", err)
	}
	if err := b.Start(ctx, echoSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}
	first := invokeEcho(t, b, "n1")
	second := invokeEcho(t, b, "n2")
	if first.RequestID != "n1" || second.RequestID != "n2" || first.Pid != second.Pid {
		t.Errorf("noisy plugin answered %+v then %+v, want n1 and n2 from one process", first, second)
	}
}

// syncBuffer is a log output tests read while the manager writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// restartDelays reads the restart_in of each "compute plugin exited" line.
func restartDelays(logs string) []string {
	var out []string
	for _, line := range strings.Split(logs, "\n") {
		var rec struct {
			Message   string        `json:"@message"`
			RestartIn time.Duration `json:"restart_in"`
		}
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Message == "compute plugin exited, restarting" {
			out = append(out, rec.RestartIn.String())
		}
	}
	return out
}

func TestCrashLoopBacksOff(t *testing.T) {
	dir := t.TempDir()
	installMisbehaving(t, dir, "crashloop")
	logs := &syncBuffer{}
	m := NewManager(Options{ExecutableDir: t.TempDir(), Dir: dir, Path: t.TempDir(),
		Logger:     hclog.New(&hclog.LoggerOptions{Level: hclog.Error, Output: logs, JSONFormat: true}),
		MinBackoff: 5 * time.Millisecond, MaxBackoff: 5 * time.Second})
	defer m.Close()
	if _, _, err := m.Backend(context.Background(), "crashloop"); err != nil {
		t.Fatalf("Backend: %v", err)
	}
	want := []string{"5ms", "10ms", "20ms", "40ms", "80ms"}
	for i := 0; i < 1000 && len(restartDelays(logs.String())) < len(want); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	got := restartDelays(logs.String())
	if len(got) < len(want) || !slices.Equal(got[:len(want)], want) {
		t.Errorf("restart delays %v, want them to start %v", got, want)
	}
	awaitNoChildren(t)
}

// TestWrapperPluginThatNeverHandshakes starts a plugin that is a shell
// script running a long child and never printing the handshake. When the
// start times out, the child must go with the script: it holds the
// script's stdout and stderr, and a host that waited for those pipes would
// hang as long as the child lives.
func TestWrapperPluginThatNeverHandshakes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the plugin is a shell script")
	}
	m, _ := testManager(t)
	m.opts.StartTimeout = 300 * time.Millisecond
	const marker = "611.25" // a sleep no other test starts
	script := "#!/bin/sh\nsleep " + marker + "\necho never\n"
	if err := os.WriteFile(filepath.Join(m.opts.Dir, BinaryPrefix+"silent"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { killSleeps(marker) })

	errc := make(chan error, 1)
	go func() {
		_, _, err := m.Backend(context.Background(), "silent")
		errc <- err
	}()
	select {
	case err := <-errc:
		if err == nil || !strings.Contains(err.Error(), "compute plugin silent") {
			t.Fatalf("Backend silent: %v, want an error naming the plugin", err)
		}
	case <-time.After(60 * time.Second): // only keeps a hanging host from hanging the test
		t.Fatal("Backend still waiting a minute after the start timeout: the host waits for the script's child")
	}
	if pids := sleepsRunning(marker); len(pids) > 0 {
		t.Errorf("the plugin's child (sleep %s, pids %v) outlived the failed start", marker, pids)
	}
}

// sleepsRunning lists the pids of `sleep <arg>` processes.
func sleepsRunning(arg string) []int {
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err == nil && string(cmdline) == "sleep\x00"+arg+"\x00" {
			pids = append(pids, pid)
		}
	}
	return pids
}

// killSleeps kills what sleepsRunning finds, so a failed test leaves
// nothing behind.
func killSleeps(arg string) {
	for _, pid := range sleepsRunning(arg) {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}
