//go:build !linux

package procstat

// Tree measures the same process tree again and again; outside Linux it
// measures nothing.
type Tree struct{}

// OpenTree returns ErrUnsupported outside Linux.
func OpenTree(pid int) (*Tree, error) { return nil, ErrUnsupported }

// PeakRSS returns ErrUnsupported outside Linux.
func (t *Tree) PeakRSS() (int64, error) { return 0, ErrUnsupported }

// Close does nothing outside Linux.
func (t *Tree) Close() error { return nil }
