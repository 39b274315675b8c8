package cdk

import (
	"strings"
)

// sub evaluates Fn::Sub in both forms: a string, or a string and a map of
// variables.
func (st *stack) sub(arg any, path string) any {
	var tmpl string
	vars := map[string]any{}
	switch x := arg.(type) {
	case string:
		tmpl = x
	case []any:
		if len(x) != 2 {
			st.ld.errorf(st.file, path, `write "text" or ["text", {"Var": value}]`,
				"Fn::Sub takes a string, or a list of a string and a map")
			return placeholder("Sub", path)
		}
		tmpl = st.str(x[0], path+"[0]")
		m, ok := x[1].(map[string]any)
		if !ok {
			st.ld.errorf(st.file, path+"[1]", `write {"Var": value}`, "Fn::Sub variables must be a map")
			return placeholder("Sub", path)
		}
		vars = m
		path += "[0]"
	default:
		st.ld.errorf(st.file, path, `write "text" or ["text", {"Var": value}]`,
			"Fn::Sub needs a string, found %s", withArticle(kindOf(arg)))
		return placeholder("Sub", path)
	}

	var b strings.Builder
	for {
		i := strings.Index(tmpl, "${")
		if i < 0 {
			b.WriteString(tmpl)
			break
		}
		b.WriteString(tmpl[:i])
		rest := tmpl[i+2:]
		if strings.HasPrefix(rest, "!") {
			// ${!Literal} is written as ${Literal}.
			b.WriteString("${")
			tmpl = rest[1:]
			continue
		}
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			st.ld.errorf(st.file, path, "close every ${ with }", "Fn::Sub has an unclosed ${")
			b.WriteString(tmpl[i:])
			break
		}
		b.WriteString(st.subVar(strings.TrimSpace(rest[:j]), vars, path))
		tmpl = rest[j+1:]
	}
	return b.String()
}

// subVar resolves one ${Name} of Fn::Sub: a variable of the map, a
// parameter, a pseudo parameter, a resource, or Resource.Attribute.
func (st *stack) subVar(name string, vars map[string]any, path string) string {
	if v, ok := vars[name]; ok {
		return st.str(v, path)
	}
	if v, ok := st.pseudo(name); ok {
		return st.toString(v, path)
	}
	if _, ok := st.parameters[name]; ok {
		return st.paramString(name, path)
	}
	if _, ok := st.resources[name]; ok {
		return st.toString(st.refResource(name, path), path)
	}
	if id, attr, ok := strings.Cut(name, "."); ok {
		if _, ok := st.resources[id]; ok {
			return st.toString(st.getAtt(id, attr, path), path)
		}
	}
	st.ld.errorf(st.file, path, "fix the template, or run `cdk synth` again if it was edited",
		"Fn::Sub variable ${%s} names no variable, parameter or resource of stack %q", name, st.name)
	return placeholder("Sub", name)
}
