package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/ldkdev/ldk/host"
	"github.com/ldkdev/ldk/internal/proctree"
)

// needTools skips the test when a tool it runs is missing.
func needTools(t *testing.T, tools ...string) {
	t.Helper()

	if testing.Short() {
		t.Skip("end-to-end test: skipped with -short")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found on PATH: this test runs real %s processes", tool, tool)
		}
	}
}

// buildLDK builds ldk and the subprocess plugin into one temp directory, so
// ldk finds the plugin next to itself, and returns ldk's path.
func buildLDK(t *testing.T) string {
	t.Helper()

	dir := t.TempDir()
	builds := [][2]string{
		{"ldk", "."},
		{"ldk-compute-subprocess", filepath.Join("..", "..", "plugins", "subprocess-compute")},
	}
	for _, b := range builds {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, b[0]), b[1])
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", b[0], err, out)
		}
	}
	return filepath.Join(dir, "ldk")
}

// faultDev is one `ldk dev` process started by a test.
type faultDev struct {
	cmd     *exec.Cmd
	ready   host.Ready
	logPath string
	exited  chan struct{}
}

// startDev runs `ldk dev --tf app` on ephemeral ports with the extra args
// and waits for its ready file. The process is killed when the test ends.
func startFaultDev(t *testing.T, ldk, app string, args ...string) *faultDev {
	t.Helper()
	return startFaultDevEnv(t, ldk, app, nil, args...)
}

// startFaultDevEnv is startFaultDev with extra environment variables.
func startFaultDevEnv(t *testing.T, ldk, app string, env []string, args ...string) *faultDev {
	t.Helper()

	dir := t.TempDir()
	readyFile := filepath.Join(dir, "ready.json")
	logPath := filepath.Join(dir, "ldk.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()

	all := append([]string{"dev", "--tf", app, "--port", "0", "--aws-port", "0", "--ready-file", readyFile}, args...)
	cmd := exec.Command(ldk, all...)
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "LDK_PLUGIN_DIR="+filepath.Join(dir, "no-plugins")), env...)
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting ldk dev: %v", err)
	}

	s := &faultDev{cmd: cmd, logPath: logPath, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-s.exited
	})

	s.ready = waitReady(t, s, readyFile)
	return s
}

// waitReady polls for the ready file; ldk writes it atomically once every
// listener serves.
func waitReady(t *testing.T, s *faultDev, path string) host.Ready {
	t.Helper()

	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(path)
		if err == nil {
			var r host.Ready
			if err := json.Unmarshal(data, &r); err != nil {
				t.Fatalf("ready file: %v", err)
			}
			return r
		}
		select {
		case <-s.exited:
			t.Fatalf("ldk dev exited before it was ready:\n%s", s.log(t))
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("ldk dev not ready after 60s:\n%s", s.log(t))
	return host.Ready{}
}

// log is everything ldk dev wrote so far.
func (s *faultDev) log(t *testing.T) string {
	t.Helper()

	data, err := os.ReadFile(s.logPath)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// waitLog waits up to 30s for re to match ldk dev's log (function log
// records travel apart from the answers) and returns the log and the match.
func (s *faultDev) waitLog(t *testing.T, re *regexp.Regexp) (string, []string) {
	t.Helper()

	deadline := time.Now().Add(30 * time.Second)
	for {
		log := s.log(t)
		if m := re.FindStringSubmatch(log); m != nil {
			return log, m
		}
		if time.Now().After(deadline) {
			t.Fatalf("no match for %s in the log after 30s; its end:\n%s", re, tailOf(log, 4000))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// pid is ldk dev's process id.
func (s *faultDev) pid() int { return s.cmd.Process.Pid }

// apiURL is the base URL of the app's only HTTP API.
func (s *faultDev) apiURL(t *testing.T) string {
	t.Helper()

	if len(s.ready.APIs) != 1 {
		t.Fatalf("ready file lists %d APIs, want 1", len(s.ready.APIs))
	}
	return s.ready.APIs[0].URL
}

// signal sends sig to ldk dev and waits up to 30s for it to exit.
func (s *faultDev) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()

	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatalf("signalling ldk dev: %v", err)
	}
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("ldk dev still running 30s after %v", sig)
	}
}

// descendants lists ldk dev's living process tree.
func (s *faultDev) descendants(t *testing.T) []proctree.Proc {
	t.Helper()

	ps, err := proctree.Descendants(s.pid())
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// invokeFn calls function with payload through the SDK and fails the test on
// a transport or service error.
func invokeFn(t *testing.T, c *lambda.Client, function, payload string) *lambda.InvokeOutput {
	t.Helper()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := c.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(function), Payload: []byte(payload)})
	if err != nil {
		t.Fatalf("invoking %s with %s: %v", function, payload, err)
	}
	return out
}

// get sends a GET and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()

	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", url, err)
	}
	return resp.StatusCode, string(body)
}

// faultApp is the Terraform app whose handlers misbehave on request.
func faultApp(t *testing.T) string {
	t.Helper()

	abs, err := filepath.Abs(filepath.Join("testdata", "faultapp"))
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// waitGone waits up to 10s for every process of ps to be gone and returns
// those still alive.
func waitGone(ps []proctree.Proc) []proctree.Proc {
	deadline := time.Now().Add(10 * time.Second)
	for {
		left := proctree.Survivors(ps)
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// killAll ends processes a failed test left behind, by pid.
func killAll(ps []proctree.Proc) {
	for _, p := range proctree.Survivors(ps) {
		_ = syscall.Kill(p.PID, syscall.SIGKILL)
	}
}

// commandsOf names processes for failure messages.
func commandsOf(ps []proctree.Proc) string {
	var names []string
	for _, p := range ps {
		names = append(names, p.String())
	}
	return strings.Join(names, ", ")
}
