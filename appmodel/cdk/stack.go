package cdk

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// stack is one CloudFormation stack of the assembly, nested ones included.
type stack struct {
	ld          *loader
	name        string // the deployed stack name
	artifactID  string
	displayPath string // "Dev/Orders" for stacks inside a Stage
	dir         string // the directory asset paths are relative to
	file        string // absolute template path
	env         appmodel.Env
	assets      map[string]assetSource // asset manifest entries by hash

	template   map[string]any
	resources  map[string]map[string]any
	parameters map[string]any
	conditions map[string]any
	mappings   map[string]any
	outputs    map[string]any

	// paramValues are values the manifest or Options give parameters.
	paramValues map[string]string
	// parent and parentID identify the nested stack resource that made
	// this stack; parentParams are that resource's Parameters.
	parent       *stack
	parentID     string
	parentParams map[string]any
	children     map[string]*stack // nested stacks by the logical ID of their resource

	constructPaths map[string]string // logical ID to construct path
	condCache      map[string]bool
	condBusy       map[string]bool
	nameBusy       map[string]bool              // resources whose name is being resolved
	memoVals       map[string]any               // Ref and GetAtt values already computed
	memoBusy       map[string]bool              // Ref and GetAtt values being computed
	idIndex        map[string]map[string]string // generated ids to logical IDs, by type
}

// readTemplate parses st.file. It reports and returns false when the file
// is missing or is not a template.
func (ld *loader) readTemplate(st *stack) bool {
	data, err := os.ReadFile(st.file)
	if err != nil {
		ld.errorf(st.file, "", "run `cdk synth` again to rewrite the cloud assembly",
			"cannot read the template of stack %q: %v", st.name, unwrapPathError(err))
		return false
	}
	return ld.useTemplate(st, data)
}

// useTemplate parses a template's bytes into st. It reports and returns
// false when they are not a template.
func (ld *loader) useTemplate(st *stack, data []byte) bool {
	ld.files[st.file] = data
	tmpl, err := parseTemplate(data)
	if err != nil {
		line, col := offsetError(data, err)
		ld.diags = append(ld.diags, diagAt(st.file, line, col,
			"the template is not valid JSON: "+jsonErrText(err),
			"run `cdk synth` again; if the file was edited by hand, fix it there"))
		return false
	}

	st.template = tmpl
	st.resources = map[string]map[string]any{}
	if raw, ok := tmpl["Resources"]; ok {
		res, ok := raw.(map[string]any)
		if !ok {
			ld.errorf(st.file, "Resources", "Resources must be an object of logical IDs",
				"the template's Resources is a %s, not an object", kindOf(raw))
			return false
		}
		for _, id := range sortedKeys(res) {
			r := res[id]
			m, ok := r.(map[string]any)
			if !ok {
				ld.errorf(st.file, "Resources."+id, "each resource must be an object with a Type",
					"resource %q is a %s, not an object", id, kindOf(r))
				continue
			}
			if _, ok := m["Type"].(string); !ok {
				ld.errorf(st.file, "Resources."+id+".Type", "give the resource a Type such as AWS::Lambda::Function",
					"resource %q has no Type", id)
				continue
			}
			st.resources[id] = m
		}
	}
	st.parameters = objectAt(tmpl, "Parameters")
	st.conditions = objectAt(tmpl, "Conditions")
	st.mappings = objectAt(tmpl, "Mappings")
	st.outputs = objectAt(tmpl, "Outputs")
	st.condCache = map[string]bool{}
	st.condBusy = map[string]bool{}
	return true
}

// parseTemplate decodes a JSON template into plain Go values.
func parseTemplate(data []byte) (map[string]any, error) {
	var tmpl map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&tmpl); err != nil {
		return nil, err
	}
	if tmpl == nil {
		tmpl = map[string]any{}
	}
	return tmpl, nil
}

// readStackMetadata reads construct paths and the errors and warnings CDK
// recorded, from the manifest or from <artifact>.metadata.json.
func (ld *loader) readStackMetadata(st *stack, a artifact) {
	meta := a.Metadata
	file := a.AdditionalMetadataFile
	if file == "" && meta == nil {
		file = st.artifactID + ".metadata.json"
	}
	if file != "" {
		data, err := os.ReadFile(filepath.Join(st.dir, file))
		if err == nil {
			var m map[string][]metadataEntry
			if err := json.Unmarshal(data, &m); err != nil {
				ld.warnf(filepath.Join(st.dir, file), "", "run `cdk synth` again",
					"the stack metadata is not valid JSON: %s", jsonErrText(err))
			}
			if meta == nil {
				meta = m
			} else {
				for k, v := range m {
					meta[k] = append(meta[k], v...)
				}
			}
		}
	}

	st.constructPaths = map[string]string{}
	for _, p := range sortedKeys(meta) {
		for _, e := range meta[p] {
			s, _ := e.Data.(string)
			switch e.Type {
			case "aws:cdk:logicalId":
				st.constructPaths[s] = strings.TrimPrefix(p, "/")
			case "aws:cdk:error":
				ld.errorf(st.file, "", "fix it in the CDK app and run `cdk synth` again",
					"CDK reported an error at %s: %s", p, s)
			case "aws:cdk:warning":
				ld.warnf(st.file, "", "", "CDK reported a warning at %s: %s", p, s)
			}
		}
	}
}

// constructPath returns a resource's construct path, from its template
// metadata or from the stack metadata.
func (st *stack) constructPath(id string) string {
	if md, ok := st.resources[id]["Metadata"].(map[string]any); ok {
		if p, ok := md["aws:cdk:path"].(string); ok {
			return p
		}
	}
	return st.constructPaths[id]
}

// ofType returns the logical IDs of the stack's resources of one type,
// sorted, skipping resources whose Condition is false.
func (st *stack) ofType(types ...string) []string {
	var out []string
	for id, r := range st.resources {
		t, _ := r["Type"].(string)
		for _, want := range types {
			if t == want && st.enabled(id) {
				out = append(out, id)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// props returns a resource's Properties, an empty map when it has none.
func (st *stack) props(id string) map[string]any {
	if p, ok := st.resources[id]["Properties"].(map[string]any); ok {
		return p
	}
	return map[string]any{}
}

// typeOf returns a resource's Type.
func (st *stack) typeOf(id string) string {
	t, _ := st.resources[id]["Type"].(string)
	return t
}

// objectAt returns m[key] when it is an object, else an empty map.
func objectAt(m map[string]any, key string) map[string]any {
	if o, ok := m[key].(map[string]any); ok {
		return o
	}
	return map[string]any{}
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// kindOf names the JSON kind of a decoded value, for messages.
func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64, json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "list"
	case map[string]any:
		return "object"
	}
	return "value"
}

// withArticle puts "a" or "an" before a kind of JSON value: "an object",
// "a list"; null takes none.
func withArticle(kind string) string {
	switch {
	case kind == "null":
		return kind
	case kind != "" && strings.ContainsRune("aeiou", rune(kind[0])):
		return "an " + kind
	}
	return "a " + kind
}
