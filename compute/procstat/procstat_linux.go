package procstat

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"sync"
	"syscall"
)

// TreePeakRSS returns the sum of the peak resident set sizes, in bytes, of
// the process pid and all its live descendants.
func TreePeakRSS(pid int) (int64, error) {
	total, err := peakRSS(pid)
	if err != nil {
		return 0, err
	}
	return total + descendantsPeakRSS(pid, children(pid)), nil
}

// descendantsPeakRSS sums the peaks of the processes in queue (children of
// root) and of all their descendants.
func descendantsPeakRSS(root int, queue []int) int64 {
	var total int64
	seen := map[int]bool{root: true}
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
	return total
}

// peakRSS reads VmHWM from /proc/<pid>/status.
func peakRSS(pid int) (int64, error) {
	buf := bufPool.Get().(*[]byte)
	defer bufPool.Put(buf)

	data, err := readProc(fmt.Sprintf("/proc/%d/status", pid), buf)
	if err != nil {
		return 0, fmt.Errorf("reading memory of process %d: %w", pid, err)
	}
	return parseHWM(pid, data)
}

// parseHWM finds VmHWM in the text of a status file, in bytes.
func parseHWM(pid int, data []byte) (int64, error) {
	i := bytes.Index(data, []byte("\nVmHWM:"))
	if i < 0 {
		// Zombies and kernel threads have no VmHWM.
		return 0, nil
	}
	line := data[i+1:]
	if end := bytes.IndexByte(line, '\n'); end >= 0 {
		line = line[:end]
	}
	fields := bytes.Fields(line[len("VmHWM:"):])
	if len(fields) != 2 || string(fields[1]) != "kB" {
		return 0, fmt.Errorf("reading memory of process %d: unexpected VmHWM line %q", pid, line)
	}
	kb, err := strconv.ParseInt(string(fields[0]), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("reading memory of process %d: %w", pid, err)
	}
	return kb * 1024, nil
}

// bufPool holds the buffers /proc files are read into: a status file is
// about 1.5 KB.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 4096); return &b }}

// readProc reads a /proc file whole into *buf, growing it when needed. It
// makes the open, read and close calls itself: os.ReadFile also stats the
// file and allocates for each read, which was most of the time of a
// measurement taken after every invocation.
func readProc(path string, buf *[]byte) ([]byte, error) {
	fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)

	b := *buf
	n := 0
	for {
		if n == len(b) {
			b = append(b, make([]byte, len(b))...)
			*buf = b
		}
		m, err := syscall.Read(fd, b[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if m == 0 {
			return b[:n], nil
		}
		n += m
	}
}

// children lists the direct children that pid's main thread started.
//
// TODO: children started by other threads of a worker (a node
// worker_thread or a python thread calling subprocess) are not counted;
// reading every thread's list costs a directory scan per invocation, which
// was most of a warm invocation's time. Such a worker's REPORT shows less
// Max Memory Used than it peaked at.
func children(pid int) []int {
	buf := bufPool.Get().(*[]byte)
	defer bufPool.Put(buf)

	data, err := readProc(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid), buf)
	if err != nil {
		return nil
	}

	return parsePids(data)
}

// parsePids reads the space-separated pids of a children file.
func parsePids(data []byte) []int {
	var out []int
	for _, field := range bytes.Fields(data) {
		if c, err := strconv.Atoi(string(field)); err == nil {
			out = append(out, c)
		}
	}
	return out
}
