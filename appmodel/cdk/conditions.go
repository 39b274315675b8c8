package cdk

import (
	"encoding/json"
	"reflect"
	"strconv"
)

// enabled reports whether a resource exists: it has no Condition, or its
// condition holds.
func (st *stack) enabled(id string) bool {
	name, ok := st.resources[id]["Condition"].(string)
	if !ok {
		return true
	}
	return st.condition(name, "Resources."+id+".Condition")
}

// condition evaluates a named condition of the Conditions section.
func (st *stack) condition(name, path string) bool {
	if v, ok := st.condCache[name]; ok {
		return v
	}
	def, ok := st.conditions[name]
	if !ok {
		st.ld.errorf(st.file, path, "add it to Conditions or fix the name",
			"condition %q is not defined in Conditions", name)
		return false
	}
	if st.condBusy[name] {
		st.ld.errorf(st.file, "Conditions."+name, "break the cycle between conditions",
			"condition %q depends on itself", name)
		return false
	}
	st.condBusy[name] = true
	v := st.truth(def, "Conditions."+name)
	delete(st.condBusy, name)
	st.condCache[name] = v
	return v
}

// truth evaluates a condition expression: a condition function, a
// {"Condition": name} reference, or a value that resolves to a boolean.
func (st *stack) truth(v any, path string) bool {
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		if name, ok := m["Condition"].(string); ok {
			return st.condition(name, path+".Condition")
		}
	}
	switch x := st.resolve(v, path).(type) {
	case bool:
		return x
	case string:
		if x == "true" || x == "false" {
			return x == "true"
		}
	}
	st.ld.errorf(st.file, path, "use Fn::Equals, Fn::And, Fn::Or, Fn::Not or a Condition",
		"a condition must be a boolean")
	return false
}

// ifFn evaluates Fn::If.
func (st *stack) ifFn(arg any, path string) any {
	a, ok := st.args("Fn::If", arg, path, 3, 3)
	if !ok {
		return placeholder("If", path)
	}
	name, ok := a[0].(string)
	if !ok {
		st.ld.errorf(st.file, path+"[0]", "the first element names a condition", "Fn::If needs a condition name")
		return placeholder("If", path)
	}
	if st.condition(name, path+"[0]") {
		return st.resolve(a[1], path+"[1]")
	}
	return st.resolve(a[2], path+"[2]")
}

// condFn evaluates Fn::Equals, Fn::And, Fn::Or and Fn::Not.
func (st *stack) condFn(name string, arg any, path string) any {
	switch name {
	case "Fn::Equals":
		a, ok := st.args(name, arg, path, 2, 2)
		if !ok {
			return false
		}
		return sameValue(st.resolve(a[0], path+"[0]"), st.resolve(a[1], path+"[1]"))
	case "Fn::Not":
		a, ok := st.args(name, arg, path, 1, 1)
		if !ok {
			return false
		}
		return !st.truth(a[0], path+"[0]")
	}

	a, ok := st.args(name, arg, path, 1, 10)
	if !ok {
		return false
	}
	and := name == "Fn::And"
	for i, c := range a {
		v := st.truth(c, path+"["+strconv.Itoa(i)+"]")
		if and && !v {
			return false
		}
		if !and && v {
			return true
		}
	}
	return and
}

// sameValue compares two resolved values as CloudFormation does: by their
// string form.
func sameValue(a, b any) bool {
	if sa, ok := a.(string); ok {
		if sb, ok := b.(string); ok {
			return sa == sb
		}
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return reflect.DeepEqual(a, b)
	}
	return string(ja) == string(jb) || trimQuotes(ja) == trimQuotes(jb)
}

// trimQuotes drops the quotes around a JSON string encoding.
func trimQuotes(b []byte) string {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}
