package terraform

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Expansion modes of a resource or module call.
const (
	expandSingle = iota
	expandCount
	expandForEach
)

// instKey is one instance of an expanded object.
type instKey struct {
	key    string // the for_each key or the count index, "" for single
	suffix string // the address suffix: "", "[0]", `["a"]`
	extra  map[string]cty.Value
}

// expansion evaluates count or for_each and lists the instances. It returns
// nil keys when the expression is invalid (and reports why).
func (m *module) expansion(count, forEach hcl.Expression) ([]instKey, int) {
	switch {
	case count != nil:
		v := m.evalExpr(count, nil)
		n, ok := m.countValue(v, count.Range())
		if !ok {
			return nil, expandCount
		}
		keys := make([]instKey, 0, n)
		for i := 0; i < n; i++ {
			keys = append(keys, instKey{
				key:    fmt.Sprint(i),
				suffix: fmt.Sprintf("[%d]", i),
				extra: map[string]cty.Value{
					"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(i))}),
				},
			})
		}
		return keys, expandCount
	case forEach != nil:
		v := m.evalExpr(forEach, nil)
		return m.forEachKeys(v, forEach.Range()), expandForEach
	}
	return []instKey{{}}, expandSingle
}

// countValue checks a count value: a known whole number, zero or more.
func (m *module) countValue(v cty.Value, rng hcl.Range) (int, bool) {
	if v.Type() == cty.DynamicPseudoType && !v.IsKnown() {
		return 0, false
	}
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
		m.l.invalid(rng, "Invalid count argument",
			"The \"count\" value must be a known whole number, zero or more.")
		return 0, false
	}
	bf := v.AsBigFloat()
	i, acc := bf.Int64()
	if acc != big.Exact || i < 0 || i > 100000 {
		m.l.invalid(rng, "Invalid count argument",
			"The \"count\" value must be a known whole number, zero or more.")
		return 0, false
	}
	return int(i), true
}

// forEachKeys checks a for_each value (a map, an object or a set of
// strings) and lists its instances.
func (m *module) forEachKeys(v cty.Value, rng hcl.Range) []instKey {
	if v.Type() == cty.DynamicPseudoType && !v.IsKnown() {
		return nil
	}
	ty := v.Type()
	okType := ty.IsMapType() || ty.IsObjectType() || (ty.IsSetType() && ty.ElementType() == cty.String)
	if !v.IsKnown() || v.IsNull() || !okType || !v.IsWhollyKnown() {
		m.l.invalid(rng, "Invalid for_each argument",
			"The \"for_each\" value must be a known map, or set of strings, and you have provided a value of type "+
				ty.FriendlyName()+".")
		return nil
	}

	keys := []instKey{}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if ty.IsSetType() {
			k = e
		}
		if k.IsNull() {
			m.l.invalid(rng, "Invalid for_each argument", "A for_each set must not contain null.")
			return nil
		}
		ks := k.AsString()
		keys = append(keys, instKey{
			key:    ks,
			suffix: fmt.Sprintf("[%q]", ks),
			extra: map[string]cty.Value{
				"each": cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(ks), "value": e}),
			},
		})
	}
	return keys
}

// invalid records an error about a value.
func (l *loader) invalid(rng hcl.Range, summary, detail string) {
	l.diags = append(l.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr(),
	})
}
