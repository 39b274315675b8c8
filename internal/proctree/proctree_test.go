package proctree

import (
	"os/exec"
	"syscall"
	"testing"
	"time"
)

func TestDescendantsAndAlive(t *testing.T) {
	t.Parallel()
	// sh starts sleep as its child; both are descendants of this test.
	cmd := exec.Command("sh", "-c", "sleep 30 & wait")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var ds []Proc
	for i := 0; i < 200 && len(ds) < 2; i++ {
		var err error
		if ds, err = Descendants(cmd.Process.Pid); err != nil {
			t.Fatal(err)
		}
		if len(ds) < 1 {
			time.Sleep(10 * time.Millisecond) // sh has not forked yet
		}
	}
	if len(ds) != 1 || ds[0].Command != "sleep" {
		t.Fatalf("descendants of sh = %v, want one sleep", ds)
	}
	sleeper := ds[0]
	if !Alive(sleeper) {
		t.Fatal("sleep reported dead while running")
	}
	if err := syscall.Kill(sleeper.PID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if s := Survivors([]Proc{sleeper}); len(s) != 0 {
		t.Fatalf("survivors after kill = %v", s)
	}
}
