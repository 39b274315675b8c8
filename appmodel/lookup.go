package appmodel

import (
	"regexp"
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

// closeNames returns the names of functions the user may have meant: those
// whose name, logical ID, or construct id (the logical ID without CDK's
// hash suffix) contains ref or is a few edits away from it, sorted.
func (a *App) closeNames(ref string) []string {
	lref := strings.ToLower(ref)
	var out []string
	for _, f := range a.Functions {
		for _, cand := range candidates(f) {
			if cand == "" {
				continue
			}
			limit := max(2, len(cand)/4)
			if strings.Contains(cand, lref) || levenshtein.Distance(cand, lref, nil) <= limit {
				out = append(out, f.Name)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// candidates are the lower-cased names a function may be called by.
func candidates(f Function) []string {
	out := []string{strings.ToLower(f.Name), strings.ToLower(f.LogicalID)}
	if id := cdkHash.ReplaceAllString(f.LogicalID, ""); id != f.LogicalID {
		out = append(out, strings.ToLower(id))
	}
	if parts := strings.Split(strings.TrimSuffix(f.ConstructPath, "/Resource"), "/"); len(parts) > 0 {
		out = append(out, strings.ToLower(parts[len(parts)-1]))
	}
	return out
}

// cdkHash matches the 8 hex digits CDK appends to logical IDs.
var cdkHash = regexp.MustCompile(`[0-9A-F]{8}$`)
