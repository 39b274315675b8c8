package appmodel

import (
	"sort"
	"strings"

	"github.com/agext/levenshtein"
)

// Function returns the function with the given name, or nil.
func (a *App) Function(name string) *Function {
	for i := range a.Functions {
		if a.Functions[i].Name == name {
			return &a.Functions[i]
		}
	}
	return nil
}

// FindFunction resolves what a user typed: a function name first, then a
// logical ID or construct path when exactly one function has it. It returns
// nil and the close matches when nothing fits.
func (a *App) FindFunction(ref string) (*Function, []string) {
	if f := a.Function(ref); f != nil {
		return f, nil
	}
	var hits []*Function
	for i := range a.Functions {
		f := &a.Functions[i]
		if f.LogicalID == ref || f.ConstructPath == ref ||
			strings.TrimSuffix(f.ConstructPath, "/Resource") == ref {
			hits = append(hits, f)
		}
	}
	if len(hits) == 1 {
		return hits[0], nil
	}
	return nil, a.closeNames(ref)
}

// closeNames returns function names that contain ref (case-insensitive) or
// are within a small edit distance of it, sorted.
func (a *App) closeNames(ref string) []string {
	lref := strings.ToLower(ref)
	var out []string
	for _, f := range a.Functions {
		ln := strings.ToLower(f.Name)
		if strings.Contains(ln, lref) || strings.Contains(lref, ln) ||
			levenshtein.Distance(ln, lref, nil) <= 3 ||
			strings.Contains(strings.ToLower(f.LogicalID), lref) {
			out = append(out, f.Name)
		}
	}
	sort.Strings(out)
	return out
}
