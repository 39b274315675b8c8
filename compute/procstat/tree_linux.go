package procstat

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// Tree measures the same process tree again and again, as a worker is
// measured after every invocation. It keeps the root's status and children
// files open and reads each with one pread: opening and closing them was
// most of a measurement's time. An open file keeps naming the process it
// was opened for, so a reused pid is never measured by mistake; once the
// process is gone, reads fail. Tree is safe for concurrent use.
type Tree struct {
	pid      int
	status   *os.File
	children *os.File
}

// OpenTree opens the /proc files of the process pid.
func OpenTree(pid int) (*Tree, error) {
	status, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, fmt.Errorf("measuring memory of process %d: %w", pid, err)
	}
	children, err := os.Open(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	if err != nil {
		status.Close()
		return nil, fmt.Errorf("measuring memory of process %d: %w", pid, err)
	}
	return &Tree{pid: pid, status: status, children: children}, nil
}

// PeakRSS is TreePeakRSS of the tree's root: the sum of the peak resident
// set sizes, in bytes, of the process and all its live descendants.
func (t *Tree) PeakRSS() (int64, error) {
	buf := bufPool.Get().(*[]byte)
	defer bufPool.Put(buf)

	data, err := pread(t.status, buf)
	if err != nil {
		return 0, fmt.Errorf("reading memory of process %d: %w", t.pid, err)
	}
	total, err := parseHWM(t.pid, data)
	if err != nil {
		return 0, err
	}
	data, err = pread(t.children, buf)
	if err != nil {
		// The root is gone between the two reads: its children are too.
		return total, nil
	}
	return total + descendantsPeakRSS(t.pid, parsePids(data)), nil
}

// Close closes the tree's files. Measuring after Close fails.
func (t *Tree) Close() error {
	return errors.Join(t.status.Close(), t.children.Close())
}

// pread reads f whole from offset 0 into *buf, growing it when needed. A
// /proc file is generated whole on each read from offset 0, so a read that
// leaves room in the buffer has all of it.
func pread(f *os.File, buf *[]byte) ([]byte, error) {
	raw, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	for {
		b := *buf
		var n int
		var rerr error
		err := raw.Read(func(fd uintptr) bool {
			for {
				n, rerr = syscall.Pread(int(fd), b, 0)
				if rerr != syscall.EINTR {
					return true
				}
			}
		})
		if err != nil {
			return nil, err
		}
		if rerr != nil {
			return nil, &os.PathError{Op: "pread", Path: f.Name(), Err: rerr}
		}
		if n < len(b) {
			return b[:n], nil
		}
		*buf = make([]byte, 2*len(b))
	}
}
