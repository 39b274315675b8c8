package cdk

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// maxUnzipped bounds the bytes one zip asset may expand to. Lambda allows
// 250 MB unzipped; twice that leaves room while stopping zip bombs.
const maxUnzipped = 512 << 20

// extractZip unpacks a zip file into the cache and returns the directory.
// Extraction is keyed by the file's content, done in a temporary
// directory and renamed into place, so a half-written directory is never
// used. Entries with absolute paths, "..", or links are refused.
func (ld *loader) extractZip(src string) (string, error) {
	sum, err := fileSum(src)
	if err != nil {
		return "", err
	}
	dest := filepath.Join(ld.cache, "zip", sum)
	if info, err := os.Stat(dest); err == nil && info.IsDir() {
		return dest, nil
	}

	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".extract-")
	if err != nil {
		return "", err
	}
	if err := unzipInto(src, tmp); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.RemoveAll(tmp)
		if info, statErr := os.Stat(dest); statErr == nil && info.IsDir() {
			return dest, nil // another ldk extracted it meanwhile
		}
		return "", err
	}
	return dest, nil
}

// unzipInto writes every entry of the zip file src below dir.
func unzipInto(src, dir string) error {
	r, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer r.Close()

	var total int64
	for _, f := range r.File {
		name := filepath.FromSlash(f.Name)
		if !filepath.IsLocal(name) {
			return fmt.Errorf("entry %q would be written outside the code directory; refused", f.Name)
		}
		if f.Mode()&os.ModeSymlink != 0 {
			return fmt.Errorf("entry %q is a symbolic link; refused", f.Name)
		}
		target := filepath.Join(dir, name)
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
			continue
		}
		n, err := writeEntry(f, target, maxUnzipped-total)
		if err != nil {
			return fmt.Errorf("entry %q: %w", f.Name, err)
		}
		total += n
	}
	return nil
}

// errTooBig reports a zip that expands beyond maxUnzipped.
var errTooBig = errors.New("the zip expands beyond 512 MB")

// writeEntry writes one file entry, at most limit bytes of it.
func writeEntry(f *zip.File, target string, limit int64) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return 0, err
	}
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()

	mode := os.FileMode(0o644)
	if f.Mode()&0o111 != 0 {
		mode = 0o755
	}
	out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, io.LimitReader(rc, limit+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > limit {
		err = errTooBig
	}
	return n, err
}

// fileSum returns the first 16 bytes of a file's SHA-256 in hex.
func fileSum(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()

	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)[:16]), nil
}
