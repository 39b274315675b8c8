package terraform

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxUnzipped bounds what one package may extract to, as Lambda bounds an
// unzipped package (250 MB).
const maxUnzipped = 250 << 20

// extractZip unpacks a zip package into cacheDir/zip/<sha256 of the zip>
// once and returns that directory. Entries that would land outside it,
// links and devices are refused; the package is first unpacked beside and
// renamed into place, so a half-written directory is never used.
func extractZip(cacheDir, zipPath string) (string, error) {
	raw, err := readRegular(zipPath)
	if err != nil {
		return "", fmt.Errorf("reading package %q: %w", zipPath, err)
	}
	sum := sha256.Sum256(raw)
	dest := filepath.Join(cacheDir, "zip", hex.EncodeToString(sum[:]))
	if st, err := os.Stat(dest); err == nil && st.IsDir() {
		return dest, nil
	}

	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return "", fmt.Errorf("opening package %q: %w", zipPath, err)
	}
	defer zr.Close()

	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", fmt.Errorf("creating cache directory: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".tmp-")
	if err != nil {
		return "", fmt.Errorf("creating cache directory: %w", err)
	}
	defer os.RemoveAll(tmp)

	var total int64
	for _, f := range zr.File {
		n, err := extractEntry(tmp, f, maxUnzipped-total)
		if err != nil {
			return "", fmt.Errorf("extracting package %q: %w", zipPath, err)
		}
		total += n
	}
	if err := os.Rename(tmp, dest); err != nil {
		if st, serr := os.Stat(dest); serr == nil && st.IsDir() {
			return dest, nil
		}
		return "", fmt.Errorf("moving package into the cache: %w", err)
	}
	return dest, nil
}

// extractEntry writes one zip entry under dir, at most limit bytes.
func extractEntry(dir string, f *zip.File, limit int64) (int64, error) {
	name := filepath.FromSlash(f.Name)
	if filepath.IsAbs(name) || strings.HasPrefix(f.Name, "/") || !filepath.IsLocal(name) {
		return 0, fmt.Errorf("entry %q points outside the package", f.Name)
	}
	target := filepath.Join(dir, name)
	mode := f.Mode()
	switch {
	case mode.IsDir():
		return 0, os.MkdirAll(target, 0o755)
	case !mode.IsRegular():
		return 0, fmt.Errorf("entry %q is not a regular file (links are not extracted)", f.Name)
	}

	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return 0, err
	}
	rc, err := f.Open()
	if err != nil {
		return 0, fmt.Errorf("entry %q: %w", f.Name, err)
	}
	defer rc.Close()

	perm := os.FileMode(0o644)
	if mode&0o111 != 0 {
		perm = 0o755
	}
	out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_EXCL, perm)
	if err != nil {
		return 0, fmt.Errorf("entry %q: %w", f.Name, err)
	}
	n, err := io.Copy(out, io.LimitReader(rc, limit+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("entry %q: %w", f.Name, err)
	}
	if n > limit {
		return n, errors.New("the package unzips to more than 250 MB")
	}
	return n, nil
}
