package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// context builds the evaluation context for the given references: only
// the objects they name are computed. extra holds count, each and similar
// per-instance values.
func (m *module) context(refs []hcl.Traversal, extra map[string]cty.Value) *hcl.EvalContext {
	vars := map[string]cty.Value{}
	groups := map[string]map[string]cty.Value{}
	data := map[string]map[string]cty.Value{}
	resources := map[string]map[string]cty.Value{}

	for _, t := range refs {
		root := t.RootName()
		if _, ok := extra[root]; ok {
			continue
		}
		name, rng, ok := attrStep(t, 1)
		switch root {
		case "path":
			vars["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(m.cfg.dir),
				"root":   cty.StringVal(m.l.root),
				"cwd":    cty.StringVal(m.l.root),
			})
		case "terraform":
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "var", "local", "module":
			if !ok {
				continue
			}
			if groups[root] == nil {
				groups[root] = map[string]cty.Value{}
			}
			groups[root][name] = m.lookup(root, name, rng)
		case "data":
			typ := name
			dname, drng, dok := attrStep(t, 2)
			if !ok || !dok {
				continue
			}
			if data[typ] == nil {
				data[typ] = map[string]cty.Value{}
			}
			data[typ][dname] = m.resourceRef("data."+typ+"."+dname, t, 3, drng)
		default:
			if !ok || m.l.iterators[root] || !m.isResourceType(root) {
				continue
			}
			if resources[root] == nil {
				resources[root] = map[string]cty.Value{}
			}
			resources[root][name] = m.resourceRef(root+"."+name, t, 2, rng)
		}
	}

	for k, g := range groups {
		vars[k] = cty.ObjectVal(g)
	}
	if len(data) > 0 {
		obj := map[string]cty.Value{}
		for typ, byName := range data {
			obj[typ] = cty.ObjectVal(byName)
		}
		vars["data"] = cty.ObjectVal(obj)
	}
	for typ, byName := range resources {
		vars[typ] = cty.ObjectVal(byName)
	}
	for k, v := range extra {
		vars[k] = v
	}
	return &hcl.EvalContext{Variables: vars, Functions: m.l.funcs}
}

// attrStep returns the attribute name at position i of a traversal.
func attrStep(t hcl.Traversal, i int) (string, hcl.Range, bool) {
	if len(t) <= i {
		return "", hcl.Range{}, false
	}
	if a, ok := t[i].(hcl.TraverseAttr); ok {
		return a.Name, t.SourceRange(), true
	}
	return "", hcl.Range{}, false
}

// isResourceType reports whether a reference root is meant as a resource
// type: declared in this module, or shaped like one ("aws_x").
func (m *module) isResourceType(root string) bool {
	for _, r := range m.cfg.resources {
		if !r.data && r.typ == root {
			return true
		}
	}
	return strings.Contains(root, "_")
}

// lookup resolves var.x, local.x and module.x, reporting undeclared names.
func (m *module) lookup(kind, name string, rng hcl.Range) cty.Value {
	switch kind {
	case "var":
		if v, ok := m.vars[name]; ok {
			return v
		}
		m.l.undeclared(rng, "Reference to undeclared input variable", fmt.Sprintf(
			"An input variable with the name %q has not been declared in %s. Declare it with a variable %q {} block.",
			name, m.where(), name))
	case "local":
		if _, ok := m.cfg.locals[name]; ok {
			return m.get("local."+name, rng)
		}
		m.l.undeclared(rng, "Reference to undeclared local value", fmt.Sprintf(
			"A local value with the name %q has not been declared in %s.", name, m.where()))
	case "module":
		if _, ok := m.cfg.modules[name]; ok {
			return m.get("module."+name, rng)
		}
		m.l.undeclared(rng, "Reference to undeclared module", fmt.Sprintf(
			"No module call named %q is declared in %s.", name, m.where()))
	}
	return cty.DynamicVal
}

// undeclared records an error about a reference to nothing.
func (l *loader) undeclared(rng hcl.Range, summary, detail string) {
	l.diags = append(l.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr(),
	})
}
