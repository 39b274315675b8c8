package cdk

import (
	"encoding/base64"
	"strings"
)

// ref evaluates {"Ref": name}.
func (st *stack) ref(arg any, path string) any {
	name, ok := arg.(string)
	if !ok {
		st.ld.errorf(st.file, path, "Ref takes the literal name of a parameter or resource",
			"Ref needs a string, found %s", withArticle(kindOf(arg)))
		return placeholder("Ref", path)
	}
	if v, ok := st.pseudo(name); ok {
		return v
	}
	if _, ok := st.parameters[name]; ok {
		return st.param(name, path)
	}
	if _, ok := st.resources[name]; ok {
		return st.refResource(name, path)
	}
	st.ld.errorf(st.file, path, "fix the template, or run `cdk synth` again if it was edited",
		"Ref to %q names no parameter or resource of stack %q", name, st.name)
	return placeholder("Ref", name)
}

// getAttArg evaluates {"Fn::GetAtt": ["Res", "Attr"]} and "Res.Attr".
func (st *stack) getAttArg(arg any, path string) any {
	var id, attr string
	switch x := arg.(type) {
	case string:
		id, attr, _ = strings.Cut(x, ".")
	case []any:
		if len(x) == 2 {
			id, _ = x[0].(string)
			if s, ok := x[1].(string); ok {
				attr = s
			} else {
				attr = st.str(x[1], path+"[1]")
			}
		}
	}
	if id == "" || attr == "" {
		st.ld.errorf(st.file, path, `write ["LogicalId", "Attribute"]`,
			"Fn::GetAtt needs a resource and an attribute")
		return placeholder("GetAtt", path)
	}
	if _, ok := st.resources[id]; !ok {
		st.ld.errorf(st.file, path, "fix the template, or run `cdk synth` again if it was edited",
			"Fn::GetAtt names %q, which is no resource of stack %q", id, st.name)
		return placeholder("GetAtt", id+"."+attr)
	}
	return st.getAtt(id, attr, path)
}

// join evaluates Fn::Join.
func (st *stack) join(arg any, path string) any {
	a, ok := st.args("Fn::Join", arg, path, 2, 2)
	if !ok {
		return placeholder("Join", path)
	}
	sep := st.str(a[0], path+"[0]")
	items, ok := st.list(a[1], path+"[1]")
	if !ok {
		st.ld.errorf(st.file, path+"[1]", "give Fn::Join a list of values", "Fn::Join needs a list to join")
		return placeholder("Join", path)
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = st.toString(it, path+"[1]")
	}
	return strings.Join(parts, sep)
}

// selectFn evaluates Fn::Select.
func (st *stack) selectFn(arg any, path string) any {
	a, ok := st.args("Fn::Select", arg, path, 2, 2)
	if !ok {
		return placeholder("Select", path)
	}
	idx, okIdx := intOf(st.resolve(a[0], path+"[0]"))
	items, okList := st.list(a[1], path+"[1]")
	if !okIdx || !okList || idx >= len(items) {
		st.ld.errorf(st.file, path, "the index must be a number within the list",
			"Fn::Select index is out of range or the list is not a list")
		return placeholder("Select", path)
	}
	return items[idx]
}

// split evaluates Fn::Split.
func (st *stack) split(arg any, path string) any {
	a, ok := st.args("Fn::Split", arg, path, 2, 2)
	if !ok {
		return []any{}
	}
	sep := st.str(a[0], path+"[0]")
	src := st.str(a[1], path+"[1]")
	if sep == "" {
		st.ld.errorf(st.file, path+"[0]", "give a non-empty delimiter", "Fn::Split has an empty delimiter")
		return []any{src}
	}
	parts := strings.Split(src, sep)
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

// base64 evaluates Fn::Base64.
func (st *stack) base64(arg any, path string) any {
	return base64.StdEncoding.EncodeToString([]byte(st.str(arg, path)))
}

// getAZs evaluates Fn::GetAZs with three zones of the region.
func (st *stack) getAZs(arg any, path string) any {
	region := st.str(arg, path)
	if region == "" {
		region = st.env.Region
	}
	return []any{region + "a", region + "b", region + "c"}
}

// findInMap evaluates Fn::FindInMap, with the DefaultValue option of the
// language extensions transform.
func (st *stack) findInMap(arg any, path string) any {
	a, ok := st.args("Fn::FindInMap", arg, path, 3, 4)
	if !ok {
		return placeholder("FindInMap", path)
	}
	keys := make([]string, 3)
	for i := range keys {
		keys[i] = st.str(a[i], path)
	}
	var cur any = st.mappings
	for _, k := range keys {
		m, ok := cur.(map[string]any)
		if !ok {
			cur = nil
			break
		}
		cur = m[k]
	}
	if cur != nil {
		// Mapping values are literals in CloudFormation; they are not
		// resolved, which also keeps a mapping from referring to itself.
		return cur
	}
	if len(a) == 4 {
		if opt, ok := a[3].(map[string]any); ok {
			if d, ok := opt["DefaultValue"]; ok {
				return st.resolve(d, path+"[3].DefaultValue")
			}
		}
	}
	st.ld.errorf(st.file, path, "add the keys to Mappings or fix the lookup",
		"Fn::FindInMap finds nothing at %s", strings.Join(keys, "."))
	return placeholder("FindInMap", strings.Join(keys, "."))
}

// importValue evaluates Fn::ImportValue against the exports of every stack
// of the assembly, then against the configured parameters.
func (st *stack) importValue(arg any, path string) any {
	name := st.str(arg, path)
	if v, ok := st.ld.opts.Parameters[name]; ok {
		return v
	}
	if exp, ok := st.ld.exportsByName()[name]; ok {
		return exp.stack.outputValue(exp.key)
	}
	st.ld.warnf(st.file, path, "export it from a stack of this app, or set "+name+" under parameters in ldk.yaml",
		"Fn::ImportValue %q matches no export of the cloud assembly", name)
	return placeholder("ImportValue", name)
}

// export locates one output that a stack exports.
type export struct {
	stack *stack
	key   string
}

// exportsByName returns every export of the assembly by its name. It is
// built on first use; while being built it is empty, so an export name
// that imports gives a placeholder instead of looping.
func (ld *loader) exportsByName() map[string]export {
	if ld.exports != nil {
		return ld.exports
	}
	ld.exports = map[string]export{}
	all := map[string]export{}
	for _, st := range ld.stacks {
		for _, key := range sortedKeys(st.outputs) {
			out, ok := st.outputs[key].(map[string]any)
			if !ok {
				continue
			}
			ex, ok := out["Export"].(map[string]any)
			if !ok {
				continue
			}
			name := st.str(ex["Name"], "Outputs."+key+".Export.Name")
			all[name] = export{stack: st, key: key}
		}
	}
	ld.exports = all
	return all
}

// outputValue resolves the Value of one of the stack's outputs, once.
func (st *stack) outputValue(key string) any {
	path := "Outputs." + key + ".Value"
	return st.memo("Output "+key, path, func() any {
		out, _ := st.outputs[key].(map[string]any)
		return st.resolve(out["Value"], path)
	})
}
