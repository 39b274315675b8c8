package terraform

import (
	"fmt"
	"io"
	"os"
)

// maxFileRead bounds what the file functions and package reads take in,
// so a path such as /dev/zero cannot hang or exhaust a load.
const maxFileRead = 256 << 20

// readRegular reads a regular file of at most maxFileRead bytes.
func readRegular(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()

	st, err := f.Stat()
	if err != nil {
		return nil, unwrapPath(err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	if st.Size() > maxFileRead {
		return nil, fmt.Errorf("larger than %d MB", maxFileRead>>20)
	}
	return io.ReadAll(io.LimitReader(f, maxFileRead))
}
