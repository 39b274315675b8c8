package cdk

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// maxDepth bounds how deep intrinsic functions and the references they
// follow may nest, so a reference cycle ends in a diagnostic.
const maxDepth = 200

// noValue is what AWS::NoValue resolves to: the property is dropped.
type noValue struct{}

// placeholder is the readable stand-in for a value ldk cannot know.
func placeholder(kind, what string) string {
	return "${Unresolved:" + kind + ":" + what + "}"
}

// resolve returns v with every intrinsic function replaced by its value.
// path is v's JSON path in the template, for diagnostics.
func (st *stack) resolve(v any, path string) any {
	ld := st.ld
	if ld.depth >= maxDepth {
		ld.errorf(st.file, path, "look for a Ref or GetAtt that leads back to itself",
			"references nest too deeply or form a cycle")
		return placeholder("Cycle", path)
	}
	ld.depth++
	defer func() { ld.depth-- }()

	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			for k, arg := range x {
				if out, ok := st.intrinsic(k, arg, path+"."+k); ok {
					return out
				}
			}
		}
		out := make(map[string]any, len(x))
		for _, k := range sortedKeys(x) {
			r := st.resolve(x[k], path+"."+k)
			if _, drop := r.(noValue); !drop {
				out[k] = r
			}
		}
		return out
	case []any:
		out := make([]any, 0, len(x))
		for i, e := range x {
			r := st.resolve(e, fmt.Sprintf("%s[%d]", path, i))
			if _, drop := r.(noValue); !drop {
				out = append(out, r)
			}
		}
		return out
	}
	return v
}

// intrinsic evaluates one intrinsic function; ok is false when name is
// not one.
func (st *stack) intrinsic(name string, arg any, path string) (any, bool) {
	switch name {
	case "Ref":
		return st.ref(arg, path), true
	case "Fn::GetAtt":
		return st.getAttArg(arg, path), true
	case "Fn::Join":
		return st.join(arg, path), true
	case "Fn::Sub":
		return st.sub(arg, path), true
	case "Fn::Select":
		return st.selectFn(arg, path), true
	case "Fn::Split":
		return st.split(arg, path), true
	case "Fn::If":
		return st.ifFn(arg, path), true
	case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not":
		return st.condFn(name, arg, path), true
	case "Fn::FindInMap":
		return st.findInMap(arg, path), true
	case "Fn::Base64":
		return st.base64(arg, path), true
	case "Fn::ImportValue":
		return st.importValue(arg, path), true
	case "Fn::GetAZs":
		return st.getAZs(arg, path), true
	case "Fn::ToJsonString":
		b, err := json.Marshal(st.resolve(arg, path))
		if err != nil {
			return placeholder("ToJsonString", path), true
		}
		return string(b), true
	case "Fn::Length":
		if l, ok := st.resolve(arg, path).([]any); ok {
			return float64(len(l)), true
		}
		st.ld.errorf(st.file, path, "give Fn::Length a list", "Fn::Length needs a list")
		return float64(0), true
	case "Fn::Cidr", "Fn::Transform", "Fn::GetStackOutput":
		st.ld.warnf(st.file, path, "", "%s is not evaluated locally", name)
		return placeholder(name, path), true
	}
	return nil, false
}

// str resolves v and turns it into a string. Numbers and booleans print as
// CloudFormation prints them; a list or object where a string belongs
// becomes a placeholder and a diagnostic.
func (st *stack) str(v any, path string) string {
	return st.toString(st.resolve(v, path), path)
}

// toString turns an already resolved value into a string.
func (st *stack) toString(v any, path string) string {
	switch x := v.(type) {
	case string:
		if strings.Contains(x, "{{resolve:") {
			return st.dynamicRefs(x, path)
		}
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case nil, noValue:
		return ""
	}
	st.ld.errorf(st.file, path, "use Fn::Join or Fn::Select to make a string",
		"found %s where a string is expected", withArticle(kindOf(v)))
	return placeholder("NotAString", path)
}

// list resolves v and returns it as a list; a string becomes a list of
// one element.
func (st *stack) list(v any, path string) ([]any, bool) {
	switch x := st.resolve(v, path).(type) {
	case []any:
		return x, true
	case string:
		return []any{x}, true
	}
	return nil, false
}

// args checks that an intrinsic's argument is a list of n to max items.
func (st *stack) args(fn string, arg any, path string, n, max int) ([]any, bool) {
	l, ok := arg.([]any)
	if !ok || len(l) < n || len(l) > max {
		want := fmt.Sprintf("%d", n)
		if max > n {
			want = fmt.Sprintf("%d to %d", n, max)
		}
		st.ld.errorf(st.file, path, "see the CloudFormation reference for "+fn,
			"%s takes a list of %s arguments", fn, want)
		return nil, false
	}
	return l, true
}

// intOf reads a non-negative integer from a resolved number or string.
func intOf(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		if x >= 0 && x == float64(int(x)) {
			return int(x), true
		}
	case string:
		n, err := strconv.Atoi(x)
		return n, err == nil && n >= 0
	}
	return 0, false
}

// itoa formats an index for a JSON path.
func itoa(i int) string {
	return strconv.Itoa(i)
}

// dynamicRefs replaces each "{{resolve:service:name}}" dynamic reference
// with the value Options.Parameters gives "service:name" or "name", else
// with a placeholder and a warning: CloudFormation reads these from SSM or
// Secrets Manager at deploy time.
func (st *stack) dynamicRefs(s, path string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{resolve:")
		j := strings.Index(s[max(i, 0):], "}}")
		if i < 0 || j < 0 {
			b.WriteString(s)
			return b.String()
		}
		j += i
		b.WriteString(s[:i])
		ref := s[i+len("{{resolve:") : j]
		_, name, _ := strings.Cut(ref, ":")
		if v, ok := st.ld.opts.Parameters[ref]; ok {
			b.WriteString(v)
		} else if v, ok := st.ld.opts.Parameters[name]; ok && name != "" {
			b.WriteString(v)
		} else {
			st.ld.warnf(st.file, path, "set "+ref+" under parameters in ldk.yaml",
				"dynamic reference {{resolve:%s}} is read at deploy time; ldk cannot read it", ref)
			b.WriteString(placeholder("Dynamic", ref))
		}
		s = s[j+2:]
	}
}
