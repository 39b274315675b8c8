package cdk

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// diagAt builds an error diagnostic at a line and column of a file.
func diagAt(file string, line, col int, msg, hint string) appmodel.Diagnostic {
	return appmodel.Diagnostic{
		Severity: appmodel.SeverityError, File: file, Line: line, Column: col, Message: msg, Hint: hint,
	}
}

// offsetError returns the 1-based line and column of a JSON decoding
// error, 0 and 0 when the error carries no offset.
func offsetError(data []byte, err error) (int, int) {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// Offset counts the offending byte as read; point at it, or at
		// the end when the document stops early.
		if syn.Offset >= int64(len(data)) {
			return lineCol(data, int64(len(data)))
		}
		return lineCol(data, syn.Offset-1)
	case errors.As(err, &typ):
		return lineCol(data, typ.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return lineCol(data, int64(len(data)))
	}
	return 0, 0
}

// jsonErrText words a JSON decoding error without Go type names.
func jsonErrText(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return "expected an object, found " + withArticle(typ.Value)
	}
	msg := err.Error()
	switch msg {
	case "EOF":
		return "the file is empty"
	case "unexpected EOF", "unexpected end of JSON input":
		return "the file ends in the middle of a value"
	}
	return strings.TrimPrefix(msg, "json: ")
}

// unwrapPathError drops the operation and path from a file error, since
// the diagnostic names the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// locateDiagnostics fills in the line and column of diagnostics that name
// a JSON path inside a template ldk read.
func (ld *loader) locateDiagnostics() {
	for i := range ld.diags {
		d := &ld.diags[i]
		if d.Line > 0 || d.Path == "" {
			continue
		}
		data, ok := ld.files[d.File]
		if !ok {
			continue
		}
		// A path that is not in the file (a missing property) is placed
		// at the nearest enclosing value that is.
		for segs := splitPath(d.Path); len(segs) > 0; segs = segs[:len(segs)-1] {
			if off, ok := findPath(data, segs); ok {
				d.Line, d.Column = lineCol(data, off)
				break
			}
		}
	}
}

// splitPath splits "Resources.Fn.Properties.Layers[0]" into its keys and
// indexes.
func splitPath(p string) []string {
	var out []string
	for _, part := range strings.Split(p, ".") {
		for {
			i := strings.IndexByte(part, '[')
			if i < 0 || !strings.HasSuffix(part, "]") {
				out = append(out, part)
				break
			}
			if i > 0 {
				out = append(out, part[:i])
			}
			j := strings.IndexByte(part[i:], ']') + i
			out = append(out, part[i+1:j])
			part = part[j+1:]
			if part == "" {
				break
			}
		}
	}
	return out
}

// findPath returns the byte offset of the value at a path in a JSON
// document.
func findPath(data []byte, segs []string) (int64, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	return seekValue(dec, data, segs)
}

// seekValue reads from dec, which stands before a value, down to segs.
func seekValue(dec *json.Decoder, data []byte, segs []string) (int64, bool) {
	if len(segs) == 0 {
		return valueStart(data, dec.InputOffset()), true
	}
	tok, err := dec.Token()
	if err != nil {
		return 0, false
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return 0, false
			}
			if key == segs[0] {
				return seekValue(dec, data, segs[1:])
			}
			if skipValue(dec) != nil {
				return 0, false
			}
		}
	case json.Delim('['):
		want, err := strconv.Atoi(segs[0])
		if err != nil {
			return 0, false
		}
		for i := 0; dec.More(); i++ {
			if i == want {
				return seekValue(dec, data, segs[1:])
			}
			if skipValue(dec) != nil {
				return 0, false
			}
		}
	}
	return 0, false
}

// skipValue reads one whole value from dec.
func skipValue(dec *json.Decoder) error {
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// valueStart skips the separators after off to the first byte of a value.
func valueStart(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}
