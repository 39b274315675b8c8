package terraform

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/zclconf/go-cty/cty"
)

// code is where a function's or layer's code is, or why it is not on disk.
type code struct {
	dir    string
	reason string
}

// resolveCode finds the code of an aws_lambda_function or
// aws_lambda_layer_version instance: the sources of the archive_file that
// makes its zip (so edits are live), else the zip itself extracted into
// the cache. S3 packages are not on disk.
func (l *loader) resolveCode(v cty.Value, addr string) code {
	file := str(v, "filename")
	if file == "" {
		if b := str(v, "s3_bucket"); b != "" {
			return code{reason: fmt.Sprintf("the code of %s is in S3 (s3://%s/%s), which ldk does not download; "+
				"point filename at a local zip or an archive_file to run it", addr, b, str(v, "s3_key"))}
		}
		return code{reason: fmt.Sprintf("%s has no filename: ldk needs the code on disk", addr)}
	}

	path := resolve(l.root, file)
	if src, ok := l.archives[path]; ok {
		return l.archiveCode(src, addr)
	}
	if _, err := os.Stat(path); err != nil {
		return code{reason: fmt.Sprintf("the package %s of %s does not exist; build it first", path, addr)}
	}
	dir, err := extractZip(l.opts.cacheDir(), path)
	if err != nil {
		return code{reason: err.Error()}
	}
	return code{dir: dir}
}

// archiveCode returns the directory an archive_file's sources can run
// from directly.
func (l *loader) archiveCode(src archiveSource, addr string) code {
	switch {
	case src.dir != "":
		return code{dir: src.dir}
	case src.file != "":
		return l.singleFileCode(src.file, addr)
	case len(src.inline) > 0:
		return l.inlineCode(src.inline, addr)
	}
	return code{reason: fmt.Sprintf("the archive_file packed by %s has no source", addr)}
}

// inlineCode writes an archive's inline sources into the cache, keyed by
// their content, and returns that directory.
func (l *loader) inlineCode(files map[string]string, addr string) code {
	h := sha256.New()
	for _, name := range sortedKeys(files) {
		fmt.Fprintf(h, "%s\x00%s\x00", name, files[name])
	}
	dir := filepath.Join(l.opts.cacheDir(), "inline", hex.EncodeToString(h.Sum(nil)))
	for name, content := range files {
		if !filepath.IsLocal(name) {
			return code{reason: fmt.Sprintf("the archive of %s names a file %q outside the package", addr, name)}
		}
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return code{reason: fmt.Sprintf("writing inline code of %s: %v", addr, err)}
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return code{reason: fmt.Sprintf("writing inline code of %s: %v", addr, err)}
		}
	}
	return code{dir: dir}
}

// singleFileCode makes a directory holding only a link to an archive's
// source_file, so the function sees that one file, as in its zip, and
// edits to it are live.
func (l *loader) singleFileCode(file, addr string) code {
	if _, err := os.Stat(file); err != nil {
		return code{reason: fmt.Sprintf("the source_file %s packed for %s does not exist", file, addr)}
	}
	sum := sha256.Sum256([]byte(file))
	dir := filepath.Join(l.opts.cacheDir(), "file", hex.EncodeToString(sum[:16]))
	link := filepath.Join(dir, filepath.Base(file))
	if target, err := os.Readlink(link); err == nil && target == file {
		return code{dir: dir}
	}

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return code{reason: fmt.Sprintf("preparing the code of %s: %v", addr, err)}
	}
	_ = os.Remove(link)
	if err := os.Symlink(file, link); err != nil {
		// TODO: where links cannot be made, the function runs from the
		// file's own directory and sees its sibling files too.
		return code{dir: filepath.Dir(file)}
	}
	return code{dir: dir}
}
