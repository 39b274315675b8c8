// Package procstat measures the memory of a worker process and its
// descendants, for the "Max Memory Used" figure of Lambda's REPORT line.
//
// On Linux it reads VmHWM (the peak resident set size) from
// /proc/<pid>/status of the process and of every descendant found through
// /proc/<pid>/task/<pid>/children (the children of each process's main
// thread). The figure is the sum of those peaks: an upper bound of the
// tree's peak, exact for a worker that is one process, as node and python
// workers are. On other systems it returns ErrUnsupported.
package procstat

import "errors"

// ErrUnsupported is returned where the system offers no way to measure.
var ErrUnsupported = errors.New("measuring process memory is not supported on this system")

// MiB converts a byte count to whole mebibytes, rounding up, as Lambda
// reports memory.
func MiB(bytes int64) int {
	const mib = 1 << 20

	return int((bytes + mib - 1) / mib)
}
