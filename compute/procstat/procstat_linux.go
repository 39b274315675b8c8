package procstat

import (
	"bytes"
	"fmt"
	"os"
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

// children lists the direct children that pid's main thread started.
//
// TODO: children started by other threads of a worker (a node
// worker_thread or a python thread calling subprocess) are not counted;
// reading every thread's list costs a directory scan per invocation, which
// was most of a warm invocation's time. Such a worker's REPORT shows less
// Max Memory Used than it peaked at.
func children(pid int) []int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	if err != nil {
		return nil
	}

	var out []int
	for _, field := range bytes.Fields(data) {
		if c, err := strconv.Atoi(string(field)); err == nil {
			out = append(out, c)
		}
	}

	return out
}
