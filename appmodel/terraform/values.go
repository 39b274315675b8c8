package terraform

import (
	"math/big"
	"sort"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// attr returns an attribute of an object value, or a null value.
func attr(v cty.Value, name string) cty.Value {
	if v == cty.NilVal || !v.IsKnown() || v.IsNull() || !v.Type().IsObjectType() || !v.Type().HasAttribute(name) {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	return v.GetAttr(name)
}

// known reports whether v is a known, non-null value.
func known(v cty.Value) bool {
	return v != cty.NilVal && v.IsWhollyKnown() && !v.IsNull()
}

// asString converts a primitive value to a string; "" when it is null or
// cannot be converted.
func asString(v cty.Value) string {
	if !known(v) {
		return ""
	}
	s, err := convert.Convert(v, cty.String)
	if err != nil {
		return ""
	}
	return s.AsString()
}

// str is the string value of an object attribute.
func str(v cty.Value, name string) string {
	return asString(attr(v, name))
}

// num is the integer value of an object attribute.
func num(v cty.Value, name string) (int, bool) {
	a := attr(v, name)
	if !known(a) {
		return 0, false
	}
	n, err := convert.Convert(a, cty.Number)
	if err != nil {
		return 0, false
	}
	i, acc := n.AsBigFloat().Int64()
	if acc != big.Exact {
		return 0, false
	}
	return int(i), true
}

// strList is an attribute holding a list or set of strings.
func strList(v cty.Value, name string) []string {
	a := attr(v, name)
	if !known(a) || !a.CanIterateElements() {
		return nil
	}
	var out []string
	for it := a.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, asString(e))
	}
	return out
}

// strMap is an attribute holding a map or object of primitives.
func strMap(v cty.Value, name string) map[string]string {
	a := attr(v, name)
	if !known(a) || !(a.Type().IsMapType() || a.Type().IsObjectType()) {
		return nil
	}
	out := map[string]string{}
	for it := a.ElementIterator(); it.Next(); {
		k, e := it.Element()
		out[k.AsString()] = asString(e)
	}
	return out
}

// blocks returns a nested block attribute as a list of objects: a list of
// blocks (native syntax) or a single object (JSON syntax).
func blocks(v cty.Value, name string) []cty.Value {
	a := attr(v, name)
	if !known(a) {
		return nil
	}
	if a.Type().IsObjectType() {
		return []cty.Value{a}
	}
	if !a.CanIterateElements() {
		return nil
	}
	var out []cty.Value
	for it := a.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out
}

// block is the first block of a type, or a null value.
func block(v cty.Value, name string) cty.Value {
	if bs := blocks(v, name); len(bs) > 0 {
		return bs[0]
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

// setAttrs returns v with the given attributes added where v has none.
func setAttrs(v cty.Value, add map[string]string) cty.Value {
	attrs := map[string]cty.Value{}
	if v.IsKnown() && !v.IsNull() && v.Type().IsObjectType() {
		for k, e := range v.AsValueMap() {
			attrs[k] = e
		}
	}
	keys := make([]string, 0, len(add))
	for k := range add {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if e, ok := attrs[k]; ok && !e.IsNull() {
			continue
		}
		attrs[k] = cty.StringVal(add[k])
	}
	return cty.ObjectVal(attrs)
}

// intOr is an integer attribute, or def when unset.
func intOr(v cty.Value, name string, def int) int {
	if n, ok := num(v, name); ok {
		return n
	}
	return def
}

// strOr is a string attribute, or def when unset.
func strOr(v cty.Value, name, def string) string {
	if s := str(v, name); s != "" {
		return s
	}
	return def
}
