package cdk

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// readStateMachines adds every AWS::StepFunctions::StateMachine of a stack
// with its parsed definition and the functions it invokes.
func (ld *loader) readStateMachines(st *stack) {
	for _, id := range st.ofType("AWS::StepFunctions::StateMachine") {
		base := "Resources." + id + ".Properties"
		p := st.props(id)
		sm := appmodel.StateMachine{Name: st.physicalName(id), LogicalID: id, Stack: st.name}

		var def any
		switch {
		case p["DefinitionString"] != nil:
			text := st.str(p["DefinitionString"], base+".DefinitionString")
			text = substitute(text, st.substitutions(p, base))
			if err := json.Unmarshal([]byte(text), &def); err != nil {
				ld.errorf(st.file, base+".DefinitionString", "fix the state machine definition",
					"the definition of state machine %q is not valid JSON: %s", sm.Name, jsonErrText(err))
			}
		case p["Definition"] != nil:
			def = st.resolve(p["Definition"], base+".Definition")
			if subs := st.substitutions(p, base); len(subs) > 0 {
				b, _ := json.Marshal(def)
				_ = json.Unmarshal([]byte(substitute(string(b), subs)), &def)
			}
		default:
			// TODO: definitions in S3 (DefinitionS3Location) are not read;
			// the state machine is listed without its functions.
			ld.warnf(st.file, base, "", "state machine %q has its definition in S3; it is listed without it", sm.Name)
		}
		sm.Definition = def
		sm.Functions = ld.invokedFunctions(def)
		ld.app.StateMachines = append(ld.app.StateMachines, sm)
	}
}

// substitutions resolves DefinitionSubstitutions.
func (st *stack) substitutions(p map[string]any, base string) map[string]string {
	subs, _ := st.resolve(p["DefinitionSubstitutions"], base+".DefinitionSubstitutions").(map[string]any)
	out := map[string]string{}
	for _, k := range sortedKeys(subs) {
		out[k] = st.toString(subs[k], base+".DefinitionSubstitutions."+k)
	}
	return out
}

// substitute replaces ${key} in text with the substitutions.
func substitute(text string, subs map[string]string) string {
	for k, v := range subs {
		text = strings.ReplaceAll(text, "${"+k+"}", v)
	}
	return text
}

// invokedFunctions walks a definition for Task states that invoke a
// function of the app, directly by ARN or through lambda:invoke, and
// returns their names, sorted and unique.
func (ld *loader) invokedFunctions(def any) []string {
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if t, _ := x["Type"].(string); t == "Task" {
				ld.taskFunction(x, seen)
			}
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(def)

	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// taskFunction records the function one Task state invokes.
func (ld *loader) taskFunction(task map[string]any, seen map[string]bool) {
	res, _ := task["Resource"].(string)
	if strings.Contains(res, ":states:::lambda:invoke") {
		params, _ := task["Parameters"].(map[string]any)
		if params == nil {
			params, _ = task["Arguments"].(map[string]any)
		}
		name, _ := params["FunctionName"].(string)
		if f, _ := ld.functionByRef(name); f != nil {
			seen[f.Name] = true
		}
		return
	}
	if f, _ := ld.functionByRef(res); f != nil {
		seen[f.Name] = true
	}
}
