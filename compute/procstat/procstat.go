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
