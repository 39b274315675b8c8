package appmodel

import "sort"

// Normalize sorts every list into the documented order and replaces nil
// lists and maps with empty ones, so the JSON form is stable.
func (a *App) Normalize() {
	if a.Functions == nil {
		a.Functions = []Function{}
	}
	for i := range a.Functions {
		f := &a.Functions[i]
		if f.Environment == nil {
			f.Environment = map[string]string{}
		}
		if f.Layers == nil {
			f.Layers = []string{}
		}
	}
	sort.SliceStable(a.Functions, func(i, j int) bool { return a.Functions[i].Name < a.Functions[j].Name })

	if a.APIs == nil {
		a.APIs = []API{}
	}
	sort.SliceStable(a.APIs, func(i, j int) bool { return a.APIs[i].Name < a.APIs[j].Name })

	if a.Routes == nil {
		a.Routes = []Route{}
	}
	sort.SliceStable(a.Routes, func(i, j int) bool {
		x, y := a.Routes[i], a.Routes[j]
		if x.API != y.API {
			return x.API < y.API
		}
		if x.Path != y.Path {
			return x.Path < y.Path
		}
		return x.Method < y.Method
	})

	if a.FunctionURLs == nil {
		a.FunctionURLs = []FunctionURL{}
	}
	sort.SliceStable(a.FunctionURLs, func(i, j int) bool { return a.FunctionURLs[i].Function < a.FunctionURLs[j].Function })

	if a.EventSources == nil {
		a.EventSources = []EventSource{}
	}
	sort.SliceStable(a.EventSources, func(i, j int) bool {
		x, y := a.EventSources[i], a.EventSources[j]
		if x.Function != y.Function {
			return x.Function < y.Function
		}
		return x.LogicalID < y.LogicalID
	})

	if a.StateMachines == nil {
		a.StateMachines = []StateMachine{}
	}
	for i := range a.StateMachines {
		if a.StateMachines[i].Functions == nil {
			a.StateMachines[i].Functions = []string{}
		}
	}
	sort.SliceStable(a.StateMachines, func(i, j int) bool { return a.StateMachines[i].Name < a.StateMachines[j].Name })

	if a.Layers == nil {
		a.Layers = []Layer{}
	}
	sort.SliceStable(a.Layers, func(i, j int) bool { return a.Layers[i].Name < a.Layers[j].Name })

	if a.Unsupported == nil {
		a.Unsupported = []Unsupported{}
	}
	if a.Diagnostics == nil {
		a.Diagnostics = Diagnostics{}
	}
}
