package procstat

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// TreePeakRSS returns the sum of the peak resident set sizes, in bytes, of
// the process pid and all its live descendants.
func TreePeakRSS(pid int) (int64, error) {
	total, err := peakRSS(pid)
	if err != nil {
		return 0, err
	}

	seen := map[int]bool{pid: true}
	queue := children(pid)
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true

		// A descendant may exit while we look: it no longer counts.
		if n, err := peakRSS(p); err == nil {
			total += n
		}
		queue = append(queue, children(p)...)
	}

	return total, nil
}

// peakRSS reads VmHWM from /proc/<pid>/status.
func peakRSS(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading memory of process %d: %w", pid, err)
	}

	for _, line := range bytes.Split(data, []byte("\n")) {
		rest, ok := bytes.CutPrefix(line, []byte("VmHWM:"))
		if !ok {
			continue
		}

		fields := bytes.Fields(rest)
		if len(fields) != 2 || string(fields[1]) != "kB" {
			return 0, fmt.Errorf("reading memory of process %d: unexpected VmHWM line %q", pid, line)
		}

		kb, err := strconv.ParseInt(string(fields[0]), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("reading memory of process %d: %w", pid, err)
		}

		return kb * 1024, nil
	}

	// Zombies and kernel threads have no VmHWM.
	return 0, nil
}

// children lists the direct children of pid, over all its threads.
func children(pid int) []int {
	files, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))

	var out []int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}

		for _, field := range bytes.Fields(data) {
			if c, err := strconv.Atoi(string(field)); err == nil {
				out = append(out, c)
			}
		}
	}

	return out
}
