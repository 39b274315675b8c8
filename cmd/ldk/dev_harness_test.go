package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ldkdev/ldk/host"
	"github.com/ldkdev/ldk/internal/proctree"
)

// devServer is one `ldk dev` process started by a test.
type devServer struct {
	cmd       *exec.Cmd
	mark      string
	readyPath string
	ready     host.Ready
	stdout    *outFile
	stderr    *outFile
	exited    chan struct{}
	waitErr   error
	// stopSignal is what stop sends: SIGINT (Ctrl-C) unless a test sets
	// SIGTERM.
	stopSignal syscall.Signal

	mu sync.Mutex
	// atExit are checks of ldk's whole output, run once it has exited and
	// every line is in.
	atExit []func(t testing.TB, stderr string)
}

// checkAtExit runs check on ldk dev's stderr once ldk has exited: log
// lines arrive asynchronously, after the answer they belong to.
func (d *devServer) checkAtExit(check func(t testing.TB, stderr string)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.atExit = append(d.atExit, check)
}

// lockedBuffer is a bytes.Buffer safe for a writer and a reader at once
// (the plugin tests log into one).
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// outFile is a file a process writes its output to. A file rather than a
// pipe: if the test binary dies, ldk's writes do not fail with SIGPIPE,
// so it can still shut down cleanly on the SIGTERM it then gets.
type outFile struct {
	f *os.File
}

func newOutFile(t testing.TB, name string) *outFile {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return &outFile{f: f}
}

// String is everything written so far.
func (o *outFile) String() string {
	data, _ := os.ReadFile(o.f.Name())
	return string(data)
}

// startupLimit bounds how long ldk dev may take to become ready; it only
// keeps a broken build from hanging the suite.
const startupLimit = 60 * time.Second

// startDev starts `ldk dev` with args on ephemeral ports and waits for its
// ready file. When the test and its subtests are done, it stops ldk with
// SIGINT (or stopSignal) and checks the shutdown: exit status 0, the ready file removed, and
// no ldk, plugin or worker process left.
func startDev(t testing.TB, args ...string) *devServer {
	t.Helper()
	return startDevEnv(t, nil, args...)
}

// startDevEnv is startDev with extra environment variables (NAME=value).
func startDevEnv(t testing.TB, env []string, args ...string) *devServer {
	t.Helper()
	needBinaries(t)

	d := &devServer{
		mark:      randomHex(8),
		readyPath: filepath.Join(t.TempDir(), "ready.json"),
		stdout:    newOutFile(t, "stdout"),
		stderr:    newOutFile(t, "stderr"),
		exited:    make(chan struct{}),

		stopSignal: syscall.SIGINT,
	}
	all := append([]string{"dev", "--port", "0", "--aws-port", "0", "--ready-file", d.readyPath}, args...)
	d.cmd = ldkCommand(d.mark, all...)
	d.cmd.Env = append(d.cmd.Env, env...)
	d.cmd.Stdout, d.cmd.Stderr = d.stdout.f, d.stderr.f
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("starting ldk dev: %v", err)
	}
	go func() {
		d.waitErr = d.cmd.Wait()
		close(d.exited)
	}()

	if err := d.waitReady(); err != nil {
		d.cmd.Process.Kill()
		<-d.exited
		t.Fatalf("ldk dev %s: %v\nstdout:\n%s\nstderr:\n%s",
			strings.Join(args, " "), err, d.stdout, d.stderr)
	}
	t.Cleanup(func() { d.stop(t) })
	return d
}

// waitReady polls for the ready file until ldk writes it or exits.
func (d *devServer) waitReady() error {
	deadline := time.Now().Add(startupLimit)
	for time.Now().Before(deadline) {
		select {
		case <-d.exited:
			return errors.New("exited before it was ready: " + errString(d.waitErr))
		case <-time.After(20 * time.Millisecond):
		}
		data, err := os.ReadFile(d.readyPath)
		if err != nil {
			continue
		}
		if err := json.Unmarshal(data, &d.ready); err != nil {
			return errors.New("ready file is not JSON: " + err.Error())
		}
		return nil
	}
	return errors.New("not ready after " + startupLimit.String())
}

func errString(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}

// stop interrupts ldk and checks that it shut down cleanly.
func (d *devServer) stop(t testing.TB) {
	pid := d.cmd.Process.Pid
	procs, err := proctree.Descendants(pid)
	if err != nil {
		t.Errorf("reading the process tree of ldk: %v", err)
	}
	// The plugin and at least one warm worker, or the check below proves
	// nothing about workers.
	if len(procs) < 2 {
		t.Errorf("ldk dev had %d descendants before it stopped (%v), want its plugin and workers", len(procs), procs)
	}
	if self := findProc(pid); self != nil {
		procs = append(procs, *self)
	}

	d.cmd.Process.Signal(d.stopSignal)
	select {
	case <-d.exited:
	case <-time.After(30 * time.Second):
		d.cmd.Process.Kill()
		<-d.exited
		t.Errorf("ldk dev did not exit within 30 s of %v", d.stopSignal)
	}

	if d.waitErr != nil {
		t.Errorf("ldk dev exited with %v, want status 0\nstderr:\n%s", d.waitErr, d.stderr)
	}
	if _, err := os.Stat(d.readyPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ready file %s still exists after exit (stat: %v)", d.readyPath, err)
	}
	if left := proctree.Survivors(procs); len(left) > 0 {
		t.Errorf("processes left after ldk dev exited: %v (of %d it had)", left, len(procs))
	}
	if left := markedProcesses(d.mark); len(left) > 0 {
		t.Errorf("processes of this ldk dev still running: %v", left)
	}
	if s := d.stderr.String(); strings.Contains(s, "panic:") || strings.Contains(s, "goroutine ") {
		t.Errorf("ldk dev printed a panic or stack trace:\n%s", s)
	}
	d.mu.Lock()
	for _, check := range d.atExit {
		check(t, d.stderr.String())
	}
	d.mu.Unlock()
	if t.Failed() {
		t.Logf("ldk dev's output:\n%s\n%s", d.stdout, d.stderr)
	}
}

// findProc is the process table entry of pid, or nil.
func findProc(pid int) *proctree.Proc {
	all, err := proctree.All()
	if err != nil {
		return nil
	}
	for _, p := range all {
		if p.PID == pid {
			return &p
		}
	}
	return nil
}

// apiURL is the base URL of the API serving a route with this path.
func (d *devServer) apiURL(t testing.TB, routePath string) string {
	t.Helper()
	for _, a := range d.ready.APIs {
		for _, r := range a.Routes {
			if r.Path == routePath {
				return a.URL
			}
		}
	}
	t.Fatalf("no API serves %s; ready file: %+v", routePath, d.ready)
	return ""
}

// functionURL is the base URL (without the trailing slash) of a
// function's URL.
func (d *devServer) functionURL(t testing.TB, function string) string {
	t.Helper()
	for _, u := range d.ready.FunctionURLs {
		if u.Function == function {
			return strings.TrimSuffix(u.URL, "/")
		}
	}
	t.Fatalf("no function URL for %s; ready file: %+v", function, d.ready)
	return ""
}
