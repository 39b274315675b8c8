package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// expandResource evaluates every instance of a resource or data source and
// returns the value references see: an object, a tuple (count) or an
// object keyed by instance key (for_each).
func (m *module) expandResource(r *resourceDecl) cty.Value {
	base := m.prefix() + r.key()
	keys, mode := m.expansion(r.count, r.forEach)
	if keys == nil {
		return cty.DynamicVal
	}

	vals := make([]cty.Value, 0, len(keys))
	byKey := map[string]cty.Value{}
	for _, k := range keys {
		addr := base + k.suffix
		v := m.evalBody(r.body, k.extra)
		v = m.l.withComputed(m, r, addr, v)
		m.l.instances = append(m.l.instances, &instance{decl: r, mod: m, addr: addr, val: v})
		vals = append(vals, v)
		byKey[k.key] = v
	}
	return shape(mode, vals, byKey)
}

// shape builds the value of an expanded object from its instances.
func shape(mode int, vals []cty.Value, byKey map[string]cty.Value) cty.Value {
	switch mode {
	case expandCount:
		return cty.TupleVal(vals)
	case expandForEach:
		return cty.ObjectVal(byKey)
	}
	return vals[0]
}

// resourceRef resolves a reference to a resource or data source. An
// attribute the instances lack gets a placeholder and one warning.
func (m *module) resourceRef(key string, t hcl.Traversal, next int, rng hcl.Range) cty.Value {
	r, ok := m.cfg.resources[key]
	if !ok {
		kind, typ, name := "managed resource", "", ""
		if d, isData := m.dataParts(key); isData {
			kind, typ, name = "data resource", d[0], d[1]
		} else {
			typ, name = t.RootName(), key[len(t.RootName())+1:]
		}
		m.l.undeclared(rng, "Reference to undeclared resource", fmt.Sprintf(
			"A %s %q %q has not been declared in %s.", kind, typ, name, m.where()))
		return cty.DynamicVal
	}

	v := m.get(key, rng)
	if !v.IsKnown() || v.IsNull() {
		return v
	}
	for next < len(t) {
		if _, isIndex := t[next].(hcl.TraverseIndex); !isIndex {
			break
		}
		next++
	}
	attr, _, ok := attrStep(t, next)
	if !ok {
		return v
	}

	expanded := r.count != nil || r.forEach != nil
	v, added := addPlaceholder(v, expanded, attr, m.prefix()+key)
	if added {
		m.slots[key].val = v
		label := m.prefix() + key + "." + attr
		if expanded {
			label = m.prefix() + key + "[*]." + attr
		}
		m.l.warnUnknown(label, rng)
	}
	return v
}

// dataParts splits "data.type.name" into type and name.
func (m *module) dataParts(key string) ([2]string, bool) {
	parts := strings.SplitN(key, ".", 3)
	if len(parts) != 3 || parts[0] != "data" {
		return [2]string{}, false
	}
	return [2]string{parts[1], parts[2]}, true
}

// addPlaceholder adds attr to an instance object, or to every instance of
// an expanded resource, when it is missing. addr is the address of the
// object, or of the resource when expanded.
func addPlaceholder(v cty.Value, expanded bool, attr, addr string) (cty.Value, bool) {
	if !expanded {
		if !v.Type().IsObjectType() || v.Type().HasAttribute(attr) {
			return v, false
		}
		attrs := v.AsValueMap()
		if attrs == nil {
			attrs = map[string]cty.Value{}
		}
		attrs[attr] = cty.StringVal(placeholder(addr + "." + attr))
		return cty.ObjectVal(attrs), true
	}

	if !v.CanIterateElements() || v.LengthInt() == 0 {
		return v, false
	}
	added := false
	out := map[string]cty.Value{}
	var list []cty.Value
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		suffix := ""
		if k.Type() == cty.String {
			suffix = fmt.Sprintf("[%q]", k.AsString())
		} else {
			suffix = "[" + k.AsBigFloat().String() + "]"
		}
		e, a := addPlaceholder(e, false, attr, addr+suffix)
		added = added || a
		if k.Type() == cty.String {
			out[k.AsString()] = e
		}
		list = append(list, e)
	}
	if v.Type().IsTupleType() {
		return cty.TupleVal(list), added
	}
	return cty.ObjectVal(out), added
}

// placeholder is the readable stand-in for a value known only after apply.
func placeholder(label string) string {
	return "(known after apply: " + label + ")"
}

// warnUnknown records, once per attribute, that a placeholder was used.
func (l *loader) warnUnknown(label string, rng hcl.Range) {
	if l.warned[label] {
		return
	}
	l.warned[label] = true
	l.diags = append(l.diags, &hcl.Diagnostic{
		Severity: hcl.DiagWarning,
		Summary:  "Value known only after apply",
		Detail: fmt.Sprintf("ldk cannot know %s without deploying; it uses %q instead. "+
			"If a function needs the real value, pass it through a variable set in ldk.yaml.",
			label, placeholder(label)),
		Subject: rng.Ptr(),
	})
}
