package plugins

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/computetest"
)

// envHostDir, set in the test binary's environment, makes it a host: it
// starts the plugin "echo" from that plugin directory, prints the plugin's
// pid and waits to be killed.
const envHostDir = "LDK_TEST_HOST_PLUGIN_DIR"

// serveIfHost runs the host role when envHostDir is set, and exits.
func serveIfHost() {
	dir := os.Getenv(envHostDir)
	if dir == "" {
		return
	}
	os.Unsetenv(envHostDir)
	m := NewManager(Options{ExecutableDir: dir, Dir: dir, Path: dir,
		Logger: hclog.New(&hclog.LoggerOptions{Level: hclog.Error, Output: os.Stderr})})
	b, _, err := m.Backend(context.Background(), "echo")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	// Start the plugin's process from a goroutine that then ends, and let
	// other goroutines lock threads and end: neither may kill the plugin.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 8; i++ {
			lockAndExit()
		}
	}()
	<-done
	if err := b.Start(context.Background(), echoSpec); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	res, err := b.Describe(context.Background())
	if err != nil || res.Name != "echo" {
		fmt.Fprintln(os.Stderr, "describe:", err)
		os.Exit(2)
	}
	fmt.Println(pluginPid(b))
	select {}
}

// lockAndExit ends a goroutine locked to its thread, which makes Go end
// that thread.
func lockAndExit() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
	}()
	<-done
}

// pluginPid asks the echo backend which process it runs in.
func pluginPid(b compute.Backend) int {
	res, err := b.Invoke(context.Background(), compute.InvokeRequest{Function: echoSpec.Name,
		RequestID: "pid", Payload: []byte(`{}`)})
	if err != nil {
		fmt.Fprintln(os.Stderr, "invoke:", err)
		os.Exit(2)
	}
	var echo computetest.Echo
	if err := json.Unmarshal(res.Payload, &echo); err != nil {
		fmt.Fprintln(os.Stderr, "decoding:", err)
		os.Exit(2)
	}
	return echo.Pid
}

func TestPluginDiesWithKilledHost(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc to check processes")
	}
	dir := t.TempDir()
	installPlugin(t, dir, "echo")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	host := exec.Command(self, "-test.run=^$")
	// The plugins' socket directory, which a SIGKILLed host cannot remove,
	// goes under the test's own temporary directory.
	tmp, err := os.MkdirTemp("", "s") // short: socket paths are bounded
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	t.Setenv("TMPDIR", tmp)
	if n := len(socketRoot()) + len("/4194304-99"); n > maxSocketDir {
		t.Skipf("TMPDIR %s is too long to hold plugin sockets (%d bytes before go-plugin's names, at most %d)",
			os.Getenv("TMPDIR"), n, maxSocketDir)
	}
	host.Env = append(os.Environ(), envHostDir+"="+dir)
	host.Stderr = os.Stderr
	out, err := host.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := host.Start(); err != nil {
		t.Fatalf("starting the host: %v", err)
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = host.Process.Kill()
		_ = host.Wait()
		t.Fatalf("reading the plugin's pid from the host: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || pid <= 0 || pid == host.Process.Pid {
		_ = host.Process.Kill()
		_ = host.Wait()
		t.Fatalf("host printed %q, want the plugin's pid", line)
	}
	if !alive(pid) {
		t.Fatalf("plugin %d is not running while the host lives", pid)
	}

	if err := host.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("killing the host: %v", err)
	}
	_ = host.Wait()
	for i := 0; i < 500 && alive(pid); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if alive(pid) {
		_ = syscall.Kill(pid, syscall.SIGKILL)
		t.Fatalf("plugin %d outlived its SIGKILLed host", pid)
	}

	// The killed host left its socket directory; the next host sweeps it
	// when it starts its first plugin, and removes its own on Close.
	killed := strconv.Itoa(host.Process.Pid) + "-*"
	if left := socketDirs(t, killed); len(left) != 1 {
		t.Fatalf("socket directories of the killed host = %q, want one", left)
	}
	m, _ := testManager(t)
	servingEcho(t, m)
	if left := socketDirs(t, killed); len(left) != 0 {
		t.Errorf("socket directories of the killed host after the next start = %q, want none", left)
	}
	if mine := socketDirs(t, strconv.Itoa(os.Getpid())+"-*"); len(mine) != 1 {
		t.Errorf("socket directories of this host = %q, want one", mine)
	}
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if left := socketDirs(t, "*"); len(left) != 0 {
		t.Errorf("socket directories after Close = %q, want none", left)
	}
}

// socketDirs lists the run directories matching pattern under the socket
// root that hold a go-plugin socket directory.
func socketDirs(t *testing.T, pattern string) []string {
	t.Helper()

	dirs, err := filepath.Glob(filepath.Join(socketRoot(), pattern, "plugin-dir*"))
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// alive says whether pid is a running process (a zombie is not).
func alive(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}
