package cdk

import (
	"crypto/sha256"
	"fmt"
	"strings"
)

// pseudo returns the value of a pseudo parameter.
func (st *stack) pseudo(name string) (any, bool) {
	switch name {
	case "AWS::AccountId":
		return st.env.Account, true
	case "AWS::Region":
		return st.env.Region, true
	case "AWS::Partition":
		return st.env.Partition, true
	case "AWS::URLSuffix":
		return st.env.URLSuffix(), true
	case "AWS::StackName":
		return st.name, true
	case "AWS::StackId":
		return st.stackARN(), true
	case "AWS::NotificationARNs":
		return []any{}, true
	case "AWS::NoValue":
		return noValue{}, true
	}
	return nil, false
}

// stackARN is the stack's ARN with a deterministic id.
func (st *stack) stackARN() string {
	return st.env.ARN("cloudformation", st.env.Region, st.env.Account,
		"stack/"+st.name+"/"+uuidOf(st.name))
}

// uuidOf derives a deterministic UUID-shaped string from s.
func uuidOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// param returns the value of a template parameter: what the parent stack
// passes, else Options.Parameters, else the manifest's parameters, else
// its Default. SSM-typed parameters look their SSM name up in
// Options.Parameters. List types become lists.
func (st *stack) param(name, path string) any {
	def, _ := st.parameters[name].(map[string]any)
	typ, _ := def["Type"].(string)

	if v, ok := st.ld.opts.Parameters[name]; ok && st.parent == nil {
		return shapeParam(typ, v)
	}

	var value string
	found := false
	if st.parent != nil {
		if v, ok := st.parentParams[name]; ok {
			return st.parent.resolve(v, "Resources."+st.parentID+".Properties.Parameters."+name)
		}
	}
	if v, ok := st.paramValues[name]; ok {
		value, found = v, true
	} else if d, ok := def["Default"]; ok {
		value, found = st.toString(d, "Parameters."+name+".Default"), true
	}

	if strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<") {
		if !found {
			value = name
		}
		if v, ok := st.ld.opts.Parameters[value]; ok {
			return shapeParam(typ, v)
		}
		st.ld.warnf(st.file, path, "set "+value+" under parameters in ldk.yaml",
			"parameter %q comes from SSM parameter %q, which ldk cannot read", name, value)
		return placeholder("SSM", value)
	}
	if !found {
		st.ld.warnf(st.file, path, "give it a Default, or set "+name+" under parameters in ldk.yaml",
			"parameter %q has no value", name)
		return placeholder("Parameter", name)
	}
	return shapeParam(typ, value)
}

// paramString returns a parameter's value as a string, lists joined with
// commas as Fn::Sub does.
func (st *stack) paramString(name, path string) string {
	switch v := st.param(name, path).(type) {
	case []any:
		parts := make([]string, len(v))
		for i, p := range v {
			parts[i] = st.toString(p, path)
		}
		return strings.Join(parts, ",")
	default:
		return st.toString(v, path)
	}
}

// shapeParam turns a parameter's string value into a list for list types.
func shapeParam(typ, v string) any {
	if typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<") ||
		strings.Contains(typ, "<List<") {
		parts := strings.Split(v, ",")
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = strings.TrimSpace(p)
		}
		return out
	}
	return v
}
