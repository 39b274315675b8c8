package terraform

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// finishInputs evaluates the given values, fills defaults, converts each to
// its declared type and reports required variables left without a value.
//
// call is the module block that gives the values, nil for the root module.
func (l *loader) finishInputs(cfg *config, raw map[string]rawValue, call *moduleCall) map[string]cty.Value {
	out := map[string]cty.Value{}
	for _, name := range sortedKeys(cfg.variables) {
		v := cfg.variables[name]
		r, given := raw[name]
		val := r.val
		if given && r.expr != nil {
			var diags hcl.Diagnostics
			val, diags = r.expr.Value(&hcl.EvalContext{Functions: l.funcs})
			l.diags = append(l.diags, diags...)
			if diags.HasErrors() {
				val = cty.DynamicVal
			}
		}
		if (!given || (val.IsNull() && !v.nullable)) && v.def != nil {
			var diags hcl.Diagnostics
			val, diags = v.def.Value(nil)
			l.diags = append(l.diags, diags...)
			r.rng, given = v.def.Range(), true
		}
		if !given {
			l.diags = append(l.diags, l.missingVariable(v, call))
			out[name] = cty.DynamicVal
			continue
		}
		out[name] = l.convertInput(v, val, r.rng)
	}
	return out
}

// convertInput applies a variable's type defaults and converts the value.
func (l *loader) convertInput(v *variableDecl, val cty.Value, rng hcl.Range) cty.Value {
	if v.defaults != nil {
		val = v.defaults.Apply(val)
	}
	conv, err := convert.Convert(val, v.typ)
	if err != nil {
		d := &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid value for variable",
			Detail: fmt.Sprintf("The value given for variable %q is not a valid %s: %v.",
				v.name, v.typ.FriendlyNameForConstraint(), err),
			Subject: v.rng.Ptr(),
		}
		if rng.Filename != "" {
			d.Subject = rng.Ptr()
		}
		l.diags = append(l.diags, d)
		return cty.UnknownVal(v.typ)
	}
	return conv
}

// missingVariable reports a required variable that has no value, naming
// every way to give it one.
func (l *loader) missingVariable(v *variableDecl, call *moduleCall) *hcl.Diagnostic {
	if call != nil {
		return &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Missing required argument",
			Detail: fmt.Sprintf("The argument %q is required by module %q (declared at %s), but no definition was found.",
				v.name, call.name, v.rng.String()),
			Subject: call.rng.Ptr(),
		}
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "No value for required variable",
		Detail: fmt.Sprintf("The root module input variable %q is not set, and has no default value. "+
			"Set it with --var %s=VALUE, in a file given with --var-file, in terraform.tfvars or a *.auto.tfvars file, "+
			"with the environment variable TF_VAR_%s, or under variables: in ldk.yaml.", v.name, v.name, v.name),
		Subject: v.rng.Ptr(),
	}
}

// goToCty converts a value decoded from YAML to a cty value.
func goToCty(v any) (cty.Value, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return cty.NilVal, fmt.Errorf("encoding value: %w", err)
	}
	ty, err := ctyjson.ImpliedType(raw)
	if err != nil {
		return cty.NilVal, fmt.Errorf("reading value: %w", err)
	}
	return ctyjson.Unmarshal(raw, ty)
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

// moduleInputs evaluates a module call's arguments in the caller's scope
// and turns them into the child's variable values.
func (l *loader) moduleInputs(parent, child *module, c *moduleCall, extra map[string]cty.Value) map[string]cty.Value {
	attrs, diags := c.body.JustAttributes()
	l.diags = append(l.diags, diags...)

	raw := map[string]rawValue{}
	for _, name := range sortedKeys(attrs) {
		a := attrs[name]
		if moduleMeta[name] {
			continue
		}
		if _, ok := child.cfg.variables[name]; !ok {
			l.diags = append(l.diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Unsupported argument",
				Detail:   fmt.Sprintf("An argument named %q is not expected here: module %q declares no such variable.", name, c.name),
				Subject:  a.NameRange.Ptr(),
			})
			continue
		}
		raw[name] = rawValue{val: parent.evalExpr(a.Expr, extra), rng: a.Expr.Range()}
	}
	return l.finishInputs(child.cfg, raw, c)
}

// moduleMeta are the module block's own arguments, not inputs.
var moduleMeta = map[string]bool{
	"source": true, "version": true, "count": true, "for_each": true,
	"providers": true, "depends_on": true,
}
