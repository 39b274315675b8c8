package plugins

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ldkdev/ldk/compute/computetest"
)

// children lists the pids whose parent is this process, from /proc.
func children(t *testing.T) []int {
	t.Helper()

	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skipf("no /proc to list child processes: %v", err)
	}
	self := strconv.Itoa(os.Getpid())
	var out []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue // gone meanwhile
		}
		// The fields after the command name, which ends with ")": state, ppid.
		fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(fields) > 1 && fields[1] == self && fields[0] != "Z" {
			out = append(out, pid)
		}
	}
	return out
}

// awaitNoChildren waits until this process has no live children; the bound
// only keeps a leak from hanging the test.
func awaitNoChildren(t *testing.T) {
	t.Helper()

	for i := 0; i < 1000; i++ {
		if len(children(t)) == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("child processes left running: %v", children(t))
}

func TestDescribeTimeout(t *testing.T) {
	m, _ := testManager(t)
	m.opts.DescribeTimeout = 300 * time.Millisecond
	t.Setenv(computetest.EnvHangDescribe, "1")

	_, _, err := m.Backend(context.Background(), "echo")
	want := "compute plugin echo did not answer Describe within 300ms"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
	awaitNoChildren(t)
}

func TestCloseOnSignal(t *testing.T) {
	m, _ := testManager(t)
	stop := m.CloseOnSignal(syscall.SIGUSR1)
	defer stop()

	b, _, err := m.Backend(context.Background(), "echo")
	if err != nil {
		t.Fatalf("Backend: %v", err)
	}
	if err := b.Start(context.Background(), echoSpec); err != nil {
		t.Fatalf("Start: %v", err)
	}
	if len(children(t)) != 1 {
		t.Fatalf("children %v, want the one plugin", children(t))
	}

	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		t.Fatalf("signalling the test process: %v", err)
	}
	awaitNoChildren(t)
}

func TestCloseLeavesNoProcess(t *testing.T) {
	m, _ := testManager(t)
	installPlugin(t, m.opts.Dir, "second")
	for _, name := range []string{"echo", "second"} {
		if _, _, err := m.Backend(context.Background(), name); err != nil {
			t.Fatalf("Backend %s: %v", name, err)
		}
	}
	if n := len(children(t)); n != 2 {
		t.Fatalf("%d children, want 2 plugins", n)
	}

	if err := m.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if left := children(t); len(left) != 0 {
		t.Errorf("Close returned with children left: %v", left)
	}
}
