//go:build !linux

package procstat

// TreePeakRSS returns ErrUnsupported outside Linux.
//
// TODO: measure on macOS (proc_pid_rusage); until then the REPORT line
// there shows Max Memory Used: 0 MB.
func TreePeakRSS(pid int) (int64, error) { return 0, ErrUnsupported }
