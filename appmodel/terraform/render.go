package terraform

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// renderDiagnostic writes one finding: its position and summary, the
// source line with carets under the range, and the detail.
func renderDiagnostic(b *strings.Builder, d *hcl.Diagnostic, files map[string]*hcl.File) {
	sev := "Error"
	if d.Severity == hcl.DiagWarning {
		sev = "Warning"
	}
	if d.Subject == nil {
		fmt.Fprintf(b, "%s: %s\n", sev, d.Summary)
	} else {
		s := d.Subject
		fmt.Fprintf(b, "%s:%d:%d: %s: %s\n", s.Filename, s.Start.Line, s.Start.Column, sev, d.Summary)
		if f, ok := files[s.Filename]; ok && f != nil {
			writeSourceLine(b, f.Bytes, *s)
		}
	}
	if d.Detail != "" {
		fmt.Fprintf(b, "\n%s\n", d.Detail)
	}
	b.WriteString("\n")
}

// writeSourceLine writes the first line of rng with its number, and a line
// of carets under the part of it rng covers (at least one).
func writeSourceLine(b *strings.Builder, src []byte, rng hcl.Range) {
	lines := bytes.Split(src, []byte("\n"))
	if rng.Start.Line < 1 || rng.Start.Line > len(lines) {
		return
	}
	line := strings.TrimRight(string(lines[rng.Start.Line-1]), "\r")
	prefix := fmt.Sprintf("%5d | ", rng.Start.Line)
	fmt.Fprintf(b, "\n%s%s\n", prefix, line)

	// Columns count characters; indent the caret by the bytes before the
	// start, keeping tabs so it lines up under tab-indented code.
	startCol := rng.Start.Column - 1
	runes := []rune(line)
	if startCol > len(runes) {
		startCol = len(runes)
	}
	width := 1
	if rng.End.Line == rng.Start.Line && rng.End.Column-rng.Start.Column > 1 {
		width = rng.End.Column - rng.Start.Column
	} else if rng.End.Line > rng.Start.Line {
		width = len(runes) - startCol
	}
	if width < 1 {
		width = 1
	}

	var pad strings.Builder
	for _, r := range runes[:startCol] {
		if r == '\t' {
			pad.WriteRune('\t')
		} else {
			pad.WriteRune(' ')
		}
	}
	fmt.Fprintf(b, "%s%s%s\n", strings.Repeat(" ", len(prefix)), pad.String(), strings.Repeat("^", width))
}
