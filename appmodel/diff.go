package appmodel

import (
	"reflect"
	"sort"
)

// Change is what differs between two models of one app, by name.
type Change struct {
	// Functions added, removed, or changed in any field the runtime sees.
	AddedFunctions, RemovedFunctions, ChangedFunctions []string
	// APIs added or removed, and APIs whose routes or stage changed.
	AddedAPIs, RemovedAPIs, ChangedAPIs []string
	// Function URLs added or removed, by function name.
	AddedURLs, RemovedURLs []string
}

// Empty reports whether nothing changed.
func (c Change) Empty() bool {
	return len(c.AddedFunctions)+len(c.RemovedFunctions)+len(c.ChangedFunctions)+
		len(c.AddedAPIs)+len(c.RemovedAPIs)+len(c.ChangedAPIs)+
		len(c.AddedURLs)+len(c.RemovedURLs) == 0
}

// Diff compares an old and a new model.
func Diff(old, new *App) Change {
	var c Change
	oldFns := map[string]Function{}
	for _, f := range old.Functions {
		oldFns[f.Name] = f
	}
	newFns := map[string]bool{}
	for _, f := range new.Functions {
		newFns[f.Name] = true
		of, ok := oldFns[f.Name]
		switch {
		case !ok:
			c.AddedFunctions = append(c.AddedFunctions, f.Name)
		case !reflect.DeepEqual(runtimeView(of), runtimeView(f)):
			c.ChangedFunctions = append(c.ChangedFunctions, f.Name)
		}
	}
	for name := range oldFns {
		if !newFns[name] {
			c.RemovedFunctions = append(c.RemovedFunctions, name)
		}
	}

	oldAPIs, newAPIs := apiViews(old), apiViews(new)
	for name, v := range newAPIs {
		ov, ok := oldAPIs[name]
		switch {
		case !ok:
			c.AddedAPIs = append(c.AddedAPIs, name)
		case !reflect.DeepEqual(ov, v):
			c.ChangedAPIs = append(c.ChangedAPIs, name)
		}
	}
	for name := range oldAPIs {
		if _, ok := newAPIs[name]; !ok {
			c.RemovedAPIs = append(c.RemovedAPIs, name)
		}
	}

	oldURLs, newURLs := map[string]bool{}, map[string]bool{}
	for _, u := range old.FunctionURLs {
		oldURLs[u.Function] = true
	}
	for _, u := range new.FunctionURLs {
		newURLs[u.Function] = true
		if !oldURLs[u.Function] {
			c.AddedURLs = append(c.AddedURLs, u.Function)
		}
	}
	for f := range oldURLs {
		if !newURLs[f] {
			c.RemovedURLs = append(c.RemovedURLs, f)
		}
	}
	for _, s := range [][]string{c.AddedFunctions, c.RemovedFunctions, c.ChangedFunctions,
		c.AddedAPIs, c.RemovedAPIs, c.ChangedAPIs, c.AddedURLs, c.RemovedURLs} {
		sort.Strings(s)
	}
	return c
}

// runtimeView is the part of a function that a running worker depends on.
func runtimeView(f Function) Function {
	f.LogicalID, f.ConstructPath, f.Stack = "", "", ""
	return f
}

type apiView struct {
	API    API
	Routes []Route
}

func apiViews(a *App) map[string]apiView {
	out := map[string]apiView{}
	for _, api := range a.APIs {
		out[api.Name] = apiView{API: api}
	}
	for _, r := range a.Routes {
		v := out[r.API]
		v.Routes = append(v.Routes, r)
		out[r.API] = v
	}
	for k, v := range out {
		sort.Slice(v.Routes, func(i, j int) bool {
			if v.Routes[i].Path != v.Routes[j].Path {
				return v.Routes[i].Path < v.Routes[j].Path
			}
			return v.Routes[i].Method < v.Routes[j].Method
		})
		out[k] = v
	}
	return out
}
