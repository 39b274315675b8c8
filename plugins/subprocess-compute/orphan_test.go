package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
)

// helperEnv makes the test binary act as a plugin process holding a warm
// worker (see TestMain); helperHandlerEnv names the handler it runs
// (index.hold unless set).
const (
	helperEnv        = "LDK_SUBPROCESS_TEST_HELPER"
	helperHandlerEnv = "LDK_SUBPROCESS_TEST_HANDLER"
)

func TestMain(m *testing.M) {
	if code, ok := runGuard(); ok {
		os.Exit(code)
	}
	if dir := os.Getenv(helperEnv); dir != "" {
		os.Exit(holdWorker(dir))
	}
	if os.Getenv(shutdownHelperEnv) == "1" {
		os.Exit(warmThenShutdown())
	}

	os.Exit(m.Run())
}

// holdWorker starts a node worker in dir that sits inside a long
// invocation, away from the Runtime API, prints its pid, and waits until
// stdin closes or the process is killed.
func holdWorker(dir string) int {
	b := newBackend(hclog.NewNullLogger(), "helper")
	ctx := context.Background()
	handler := os.Getenv(helperHandlerEnv)
	if handler == "" {
		handler = "index.hold"
	}
	spec := compute.FunctionSpec{Name: "h", Runtime: "nodejs20.x", Handler: handler, CodeDir: dir,
		MemoryMB: 128, TimeoutSeconds: 900, Environment: lambdaEnv("h", 128, nil)}
	if err := b.Start(ctx, spec); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}

	holding := make(chan struct{})
	var once sync.Once
	go func() {
		_ = b.Logs(ctx, func(r compute.LogRecord) {
			if strings.HasSuffix(r.Text, "\tholding") {
				once.Do(func() { close(holding) })
			}
		})
	}()
	go func() {
		_, _ = b.Invoke(ctx, compute.InvokeRequest{Function: "h", RequestID: "r", Payload: []byte(`{}`)})
	}()
	<-holding

	b.mu.Lock()
	f := b.functions["h"]
	b.mu.Unlock()
	f.mu.Lock()
	for w := range f.all {
		fmt.Println(w.pid)
	}
	f.mu.Unlock()

	_, _ = io.Copy(io.Discard, os.Stdin)

	return 0
}

// TestWorkersDieWithPlugin kills a plugin process with SIGKILL while its
// worker runs a handler (so the worker is not waiting on the Runtime API
// and would not notice on its own) and checks it does not outlive it.
func TestWorkersDieWithPlugin(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the parent-death signal exists only on linux")
	}
	need(t, "node")

	helper := exec.Command(os.Args[0], "-test.run=^$")
	// The killed helper cannot remove its runtime directory: keep it in the
	// test's temporary directory.
	helper.Env = append(os.Environ(), helperEnv+"="+testdataDir(t, "node-faults"), "TMPDIR="+t.TempDir())
	helper.Stderr = os.Stderr
	stdin, _ := helper.StdinPipe()
	out, _ := helper.StdoutPipe()
	if err := helper.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()

	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = helper.Process.Kill()
		t.Fatalf("reading the worker pid from the helper: %v", err)
	}
	pid, err := strconv.Atoi(line[:len(line)-1])
	if err != nil {
		t.Fatalf("helper printed %q", line)
	}

	if err := helper.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = helper.Wait()

	waitGone(t, pid)
}
