package terraform

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"

	"github.com/zclconf/go-cty/cty"
)

// archiveSource is what an archive_file packs: a directory, a single file,
// or inline contents by file name.
type archiveSource struct {
	dir    string
	file   string
	inline map[string]string
}

// archiveComputed registers an archive_file's sources under its output
// path and returns its computed attributes. The hashes are taken over the
// source files (names and contents), not over a zip ldk never writes: they
// are stable and change when the code changes, like the real ones.
func (l *loader) archiveComputed(m *module, v cty.Value) map[string]string {
	src := archiveSource{inline: map[string]string{}}
	if d := str(v, "source_dir"); d != "" {
		src.dir = resolve(l.root, d)
	}
	if f := str(v, "source_file"); f != "" {
		src.file = resolve(l.root, f)
	}
	if c := attr(v, "source_content"); known(c) {
		src.inline[str(v, "source_content_filename")] = asString(c)
	}
	for _, b := range blocks(v, "source") {
		src.inline[str(b, "filename")] = str(b, "content")
	}

	if out := str(v, "output_path"); out != "" {
		if l.archives == nil {
			l.archives = map[string]archiveSource{}
		}
		l.archives[resolve(l.root, out)] = src
	}

	h := sha256.New()
	m5 := md5.New()
	size := 0
	add := func(name string, data []byte) {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
		m5.Write(data)
		size += len(data)
	}
	for _, name := range sortedKeys(src.inline) {
		add(name, []byte(src.inline[name]))
	}
	if src.file != "" {
		if data, err := readRegular(src.file); err == nil {
			add(filepath.Base(src.file), data)
		}
	}
	if src.dir != "" {
		for _, f := range treeFiles(src.dir) {
			if data, err := readRegular(filepath.Join(src.dir, f)); err == nil {
				add(filepath.ToSlash(f), data)
			}
		}
	}

	sum := h.Sum(nil)
	return map[string]string{
		"id":                  hex.EncodeToString(sum[:20]),
		"output_sha":          hex.EncodeToString(sum[:20]),
		"output_sha256":       hex.EncodeToString(sum),
		"output_base64sha256": base64.StdEncoding.EncodeToString(sum),
		"output_md5":          hex.EncodeToString(m5.Sum(nil)),
		"output_size":         fmt.Sprint(size),
	}
}

// maxTreeFiles bounds how many entries treeFiles visits.
const maxTreeFiles = 50000

// treeFiles lists the regular files under dir, relative and sorted, and
// stops after maxTreeFiles entries.
func treeFiles(dir string) []string {
	var out []string
	seen := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		seen++
		if seen > maxTreeFiles {
			return filepath.SkipAll
		}
		if err != nil {
			return nil
		}
		if d.Type().IsRegular() {
			if rel, err := filepath.Rel(dir, p); err == nil {
				out = append(out, rel)
			}
		}
		return nil
	})
	sort.Strings(out)
	return out
}
