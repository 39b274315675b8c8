package cdk

import (
	"sort"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// apiKey identifies an API before its final, app-unique name is known.
func apiKey(st *stack, id string) string {
	return st.name + "\x00" + id
}

// addAPI records an API under its provisional key; nameAPIs gives it its
// final name.
func (ld *loader) addAPI(st *stack, id, name, kind, stage string, vars map[string]string) string {
	if name == "" {
		name = id
	}
	key := apiKey(st, id)
	ld.app.APIs = append(ld.app.APIs, appmodel.API{
		Name: key, LogicalID: id, Stack: st.name, Kind: kind, ID: st.genID(id, 10),
		Stage: stage, StageVariables: vars,
	})
	if ld.apiNames == nil {
		ld.apiNames = map[string]string{}
	}
	ld.apiNames[key] = name
	return key
}

// nameAPIs gives every API its Name property as name, suffixed with the
// stack (then the logical ID) where two would clash, and renames the
// routes to match.
func (ld *loader) nameAPIs() {
	count := map[string]int{}
	for _, n := range ld.apiNames {
		count[n]++
	}
	final := map[string]string{}
	used := map[string]bool{}
	keys := sortedKeys(ld.apiNames)
	for _, key := range keys {
		n := ld.apiNames[key]
		if count[n] > 1 {
			stackName, id, _ := strings.Cut(key, "\x00")
			n = n + "-" + stackName
			if used[n] {
				n = n + "-" + id
			}
		}
		used[n] = true
		final[key] = n
	}
	for i := range ld.app.APIs {
		ld.app.APIs[i].Name = final[ld.app.APIs[i].Name]
	}
	for i := range ld.app.Routes {
		ld.app.Routes[i].API = final[ld.app.Routes[i].API]
	}
	for _, p := range ld.apiWhats {
		ld.app.Unsupported[p.index].What = p.prefix + final[p.key]
	}
}

// apiWhat is an Unsupported entry whose What ends with an API name that
// nameAPIs settles.
type apiWhat struct {
	index  int
	prefix string
	key    string
}

// unsupportedOnAPI records something of an API ldk does not serve; its
// What reads "<prefix><API name>".
func (ld *loader) unsupportedOnAPI(st *stack, id, prefix, key, reason string) {
	ld.apiWhats = append(ld.apiWhats, apiWhat{index: len(ld.app.Unsupported), prefix: prefix, key: key})
	ld.unsupported(st, id, prefix+key, reason)
}

// apiByID finds the API (HTTP or REST) whose generated id is apiID, in any
// stack, and returns its key.
func (ld *loader) apiByID(typ, apiID string) (*stack, string, bool) {
	for _, st := range ld.stacks {
		if id, ok := st.resourceByID(typ, apiID, 10); ok {
			return st, id, true
		}
	}
	return nil, "", false
}

// resourceByID finds the resource of a type in st whose generated id of n
// characters is want.
func (st *stack) resourceByID(typ, want string, n int) (string, bool) {
	key := typ + "/" + itoa(n)
	index, ok := st.idIndex[key]
	if !ok {
		index = map[string]string{}
		for _, id := range st.ofType(typ) {
			index[st.genID(id, n)] = id
		}
		if st.idIndex == nil {
			st.idIndex = map[string]map[string]string{}
		}
		st.idIndex[key] = index
	}
	id, ok := index[want]
	return id, ok
}

// stageOf returns the name and variables of an API's stage: "$default"
// when there is one, else the first by name.
func (ld *loader) stageOf(st *stack, apiID, stageType, apiProp, varsProp string) (string, map[string]string) {
	type stage struct {
		name string
		vars map[string]string
	}
	var stages []stage
	for _, id := range st.ofType(stageType) {
		base := "Resources." + id + ".Properties"
		p := st.props(id)
		if st.str(p[apiProp], base+"."+apiProp) != apiID {
			continue
		}
		s := stage{name: st.str(p["StageName"], base+".StageName")}
		if vars, ok := st.resolve(p[varsProp], base+"."+varsProp).(map[string]any); ok {
			s.vars = map[string]string{}
			for _, k := range sortedKeys(vars) {
				s.vars[k] = st.toString(vars[k], base+"."+varsProp+"."+k)
			}
		}
		stages = append(stages, s)
	}
	if len(stages) == 0 {
		return "", nil
	}
	sort.Slice(stages, func(i, j int) bool { return stages[i].name < stages[j].name })
	for _, s := range stages {
		if s.name == "$default" {
			return s.name, s.vars
		}
	}
	// TODO: an API with several stages is served under the first stage
	// only; requests to the other stages' paths get 404.
	return stages[0].name, stages[0].vars
}

// unsupported records something the app declares that ldk does not serve.
func (ld *loader) unsupported(st *stack, id, what, reason string) {
	ld.app.Unsupported = append(ld.app.Unsupported, appmodel.Unsupported{
		What: what, LogicalID: id, Stack: st.name, Reason: reason,
	})
}

// unservedRoute adds a route whose integration ldk does not run, so the
// gateway still matches it as AWS would and answers with its own error.
func (ld *loader) unservedRoute(key, kind, method, path, integration string) {
	if integration == "" {
		integration = "NONE"
	}
	ld.app.Routes = append(ld.app.Routes, appmodel.Route{
		API: key, Kind: kind, Method: method, Path: path, Integration: integration,
	})
}
