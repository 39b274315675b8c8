package tempdir

// Running reports every process as running on Windows.
//
// TODO: on Windows nothing is swept: directories left by killed processes
// stay in the temporary directory until removed by hand.
func Running(pid int) bool { return true }
