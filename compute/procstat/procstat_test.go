package procstat

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
)

func TestMiB(t *testing.T) {
	cases := []struct {
		name  string
		bytes int64
		want  int
	}{
		{"zero", 0, 0},
		{"one byte", 1, 1},
		{"exactly one", 1 << 20, 1},
		{"just above", 1<<20 + 1, 2},
		{"forty", 40 << 20, 40},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := MiB(tc.bytes); got != tc.want {
				t.Errorf("MiB(%d) = %d, want %d", tc.bytes, got, tc.want)
			}
		})
	}
}

// TestTreeCountsChildren starts a shell with a child that holds memory and
// checks the tree's figure exceeds the shell's own.
func TestTreeCountsChildren(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("procstat measures only on linux")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH: it allocates the measured memory")
	}

	// The parent shell waits on a python child that allocates 64 MiB,
	// touches it, and sleeps until killed.
	cmd := exec.Command("sh", "-c", py+` -c "b=bytearray(64<<20); import sys; print(1, flush=True); sys.stdin.read()"; :`)
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})

	buf := make([]byte, 2)
	if _, err := out.Read(buf); err != nil {
		t.Fatal(err)
	}

	own, err := peakRSS(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := TreePeakRSS(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}

	if tree-own < 64<<20 {
		t.Errorf("tree peak %d - shell peak %d = %d, want at least the child's 64 MiB", tree, own, tree-own)
	}
}

func TestMissingProcess(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("procstat measures only on linux")
	}
	if _, err := TreePeakRSS(1 << 30); err == nil {
		t.Error("TreePeakRSS of a pid that cannot exist gave no error")
	}
}

// BenchmarkTreePeakRSS measures one reading of a live one-process worker,
// which the subprocess backend makes after every invocation.
func BenchmarkTreePeakRSS(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("procstat measures only on linux")
	}
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		b.Skipf("starting sleep: %v", err)
	}
	b.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TreePeakRSS(cmd.Process.Pid); err != nil {
			b.Fatal(err)
		}
	}
}
