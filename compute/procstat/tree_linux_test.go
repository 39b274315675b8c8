package procstat

import (
	"os"
	"os/exec"
	"testing"
)

// TestTreeAgreesWithTreePeakRSS measures a shell whose python child holds
// 64 MiB both ways: the open Tree and the path-based reading give the same
// bytes, then the Tree fails once the process is gone and once closed.
func TestTreeAgreesWithTreePeakRSS(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH: it allocates the measured memory")
	}
	cmd := exec.Command("sh", "-c", py+` -c "b=bytearray(64<<20); import sys; print(1, flush=True); sys.stdin.read()"; :`)
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := out.Read(make([]byte, 2)); err != nil {
		t.Fatal(err)
	}

	tree, err := OpenTree(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	// Read twice: the second read must regenerate the files, not hit EOF.
	for round := range 2 {
		got, err := tree.PeakRSS()
		if err != nil {
			t.Fatal(err)
		}
		want, err := TreePeakRSS(cmd.Process.Pid)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("round %d: Tree.PeakRSS = %d, TreePeakRSS = %d, want the same", round, got, want)
		}
		if got < 64<<20 {
			t.Errorf("round %d: Tree.PeakRSS = %d, want at least the child's 64 MiB", round, got)
		}
	}

	stdin.Close()
	_ = cmd.Wait()
	if n, err := tree.PeakRSS(); err == nil {
		t.Errorf("Tree.PeakRSS of a reaped process = %d, want an error", n)
	}
	if err := tree.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, err := tree.PeakRSS(); err == nil {
		t.Error("Tree.PeakRSS after Close gave no error")
	}
}

func TestOpenTreeOfMissingProcess(t *testing.T) {
	if tree, err := OpenTree(1 << 30); err == nil {
		tree.Close()
		t.Error("OpenTree of a pid that cannot exist gave no error")
	}
}

// BenchmarkTreeOpen is BenchmarkTreePeakRSS through an open Tree, as the
// subprocess backend measures its workers.
func BenchmarkTreeOpen(b *testing.B) {
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		b.Skipf("starting sleep: %v", err)
	}
	b.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	tree, err := OpenTree(cmd.Process.Pid)
	if err != nil {
		b.Fatal(err)
	}
	defer tree.Close()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tree.PeakRSS(); err != nil {
			b.Fatal(err)
		}
	}
}
