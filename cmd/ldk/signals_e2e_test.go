package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ldkdev/ldk/host"
)

// TestDevGroupSignalDrains sends SIGTERM to ldk dev's whole process group,
// as a closed terminal, `timeout` or a process manager does, while a
// request is in flight: the request must finish, ldk must exit 0 without
// restarting its plugin, and nothing may be left.
func TestDevGroupSignalDrains(t *testing.T) {
	needTools(t, "node", "python3")
	needBinaries(t)

	readyPath := filepath.Join(t.TempDir(), "ready.json")
	stderr := newOutFile(t, "stderr")
	mark := randomHex(8)
	cmd := ldkCommand(mark, "dev", "--project-dir", repoPath("examples", "cdk"),
		"--port", "0", "--aws-port", "0", "--ready-file", readyPath)
	cmd.SysProcAttr.Setpgid = true
	cmd.Stderr = stderr.f
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	}()

	var ready host.Ready
	for deadline := time.Now().Add(startupLimit); ; {
		if data, err := os.ReadFile(readyPath); err == nil && json.Unmarshal(data, &ready) == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not ready:\n%s", stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	var httpAPI string
	for _, a := range ready.APIs {
		if a.Kind == "http" {
			httpAPI = a.URL
		}
	}

	// Warm the function, so the request below spends its time in the handler.
	if resp, err := e2eClient.Get(httpAPI + "/slow?ms=1"); err == nil {
		resp.Body.Close()
	}
	type answer struct {
		status int
		body   string
		err    error
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := e2eClient.Get(httpAPI + "/slow?ms=700")
		if err != nil {
			got <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		got <- answer{status: resp.StatusCode, body: string(body)}
	}()
	time.Sleep(200 * time.Millisecond) // the request is in the handler's 700 ms
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}

	a := <-got
	if a.err != nil || a.status != 200 || a.body != `{"sleptMs":700}` {
		t.Errorf("request in flight: %d %q %v, want 200 {\"sleptMs\":700}", a.status, a.body, a.err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("ldk dev exited with %v\n%s", err, stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("ldk dev did not stop\n%s", stderr)
	}
	if log := stderr.String(); strings.Contains(log, "restarting") || strings.Contains(log, "plugin process exited") && strings.Contains(log, "signal: terminated") {
		t.Errorf("the plugin was hit by the group signal:\n%s", log)
	}
	if left := markedProcesses(mark); len(left) > 0 {
		t.Errorf("left running: %v", left)
	}
}
