package appmodel

import (
	"fmt"
	"strings"
)

// Severity of a Diagnostic.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Diagnostic is one finding of a reader: something it could not resolve,
// skipped, or refused. Errors stop `ldk dev`; warnings are printed once.
type Diagnostic struct {
	Severity string `json:"severity"`
	// File is the path of the input file the finding is about.
	File string `json:"file,omitempty"`
	// Line and Column are 1-based, 0 when unknown.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// Path locates the value inside the file: a JSON path for templates
	// ("Resources.Fn.Properties.Environment"), an address for Terraform.
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
	// Hint says what to do about it, when there is something to do.
	Hint string `json:"hint,omitempty"`
}

// String renders a diagnostic on one line as "file:line:col: path: message (hint)".
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
			if d.Column > 0 {
				fmt.Fprintf(&b, ":%d", d.Column)
			}
		}
		b.WriteString(": ")
	}
	b.WriteString(d.Severity)
	b.WriteString(": ")
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Message)
	if d.Hint != "" {
		b.WriteString(" (")
		b.WriteString(d.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Diagnostics is a list of findings.
type Diagnostics []Diagnostic

// HasErrors reports whether any finding is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns the error-severity findings.
func (ds Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == SeverityError {
			out = append(out, d)
		}
	}
	return out
}

// Err returns nil when there are no errors, else an error whose message
// lists every error finding, one per line.
func (ds Diagnostics) Err() error {
	errs := ds.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &LoadError{Diagnostics: errs}
}

// LoadError is returned by readers when the input cannot be turned into a
// model. Its message lists every error diagnostic.
type LoadError struct {
	Diagnostics Diagnostics
}

func (e *LoadError) Error() string {
	lines := make([]string, 0, len(e.Diagnostics))
	for _, d := range e.Diagnostics {
		lines = append(lines, d.String())
	}
	return strings.Join(lines, "\n")
}

// Warnings returns the findings that are not errors.
func (ds Diagnostics) Warnings() Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity != SeverityError {
			out = append(out, d)
		}
	}
	return out
}
