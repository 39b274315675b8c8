package terraform

import (
	"errors"
	"io"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/ldkdev/ldk/appmodel"
)

// Error is what Load returns when the configuration cannot be read: every
// error hcl or the evaluation found, all at once.
type Error struct {
	// Diagnostics are hcl's own findings, with source ranges.
	Diagnostics hcl.Diagnostics
	files       map[string]*hcl.File
}

// Error lists the findings one per line as "file:line:col: summary; detail".
func (e *Error) Error() string {
	lines := make([]string, 0, len(e.Diagnostics))
	for _, d := range e.Diagnostics {
		if d.Severity != hcl.DiagError {
			continue
		}
		lines = append(lines, toModelDiag(d).String())
	}
	return strings.Join(lines, "\n")
}

// Model returns the findings as app model diagnostics.
func (e *Error) Model() appmodel.Diagnostics {
	return toModelDiags(e.Diagnostics)
}

// WriteDiagnostics prints every finding carried by err, all at once: a
// "file:line:column: Error: summary" line, the source line with a caret
// under the offending range, and the detail. It writes err's message when
// err is not an *Error.
func WriteDiagnostics(w io.Writer, err error) error {
	var te *Error
	if !errors.As(err, &te) {
		_, werr := io.WriteString(w, err.Error()+"\n")
		return werr
	}

	var b strings.Builder
	for _, d := range te.Diagnostics {
		renderDiagnostic(&b, d, te.files)
	}
	_, werr := io.WriteString(w, b.String())
	return werr
}

// toModelDiags converts hcl diagnostics to app model ones.
func toModelDiags(ds hcl.Diagnostics) appmodel.Diagnostics {
	out := make(appmodel.Diagnostics, 0, len(ds))
	for _, d := range ds {
		out = append(out, toModelDiag(d))
	}
	return out
}

// toModelDiag converts one hcl diagnostic, joining summary and detail.
func toModelDiag(d *hcl.Diagnostic) appmodel.Diagnostic {
	md := appmodel.Diagnostic{Severity: appmodel.SeverityError, Message: d.Summary}
	if d.Severity == hcl.DiagWarning {
		md.Severity = appmodel.SeverityWarning
	}
	if d.Detail != "" {
		md.Message += ": " + d.Detail
	}
	if d.Subject != nil {
		md.File = d.Subject.Filename
		md.Line = d.Subject.Start.Line
		md.Column = d.Subject.Start.Column
	}
	return md
}

// sortDiags orders findings by file and position, those without a
// position first, so output does not depend on map order.
func sortDiags(ds hcl.Diagnostics) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Subject, ds[j].Subject
		switch {
		case a == nil || b == nil:
			return a == nil && b != nil
		case a.Filename != b.Filename:
			return a.Filename < b.Filename
		case a.Start.Byte != b.Start.Byte:
			return a.Start.Byte < b.Start.Byte
		}
		return ds[i].Summary < ds[j].Summary
	})
}

// As lets callers that handle every reader alike take the findings as an
// *appmodel.LoadError.
func (e *Error) As(target any) bool {
	t, ok := target.(**appmodel.LoadError)
	if !ok {
		return false
	}
	*t = &appmodel.LoadError{Diagnostics: e.Model().Errors()}
	return true
}
