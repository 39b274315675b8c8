package terraform

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// rawValue is a variable value before conversion to the declared type:
// either an expression (files, -var of a non-string type) or a value.
type rawValue struct {
	expr hcl.Expression
	val  cty.Value
	rng  hcl.Range
}

// rootInputs gathers the root module's variable values from every source,
// lowest precedence first, and converts them to their declared types.
func (l *loader) rootInputs(cfg *config) map[string]cty.Value {
	raw := map[string]rawValue{}

	for _, kv := range l.opts.environ() {
		name, val, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(name, "TF_VAR_") {
			continue
		}
		name = strings.TrimPrefix(name, "TF_VAR_")
		if v, ok := cfg.variables[name]; ok {
			raw[name] = l.cliValue(v, val, "TF_VAR_"+name)
		}
	}

	files := []string{filepath.Join(l.root, "terraform.tfvars"), filepath.Join(l.root, "terraform.tfvars.json")}
	auto, _ := filepath.Glob(filepath.Join(l.root, "*.auto.tfvars"))
	autoJSON, _ := filepath.Glob(filepath.Join(l.root, "*.auto.tfvars.json"))
	auto = append(auto, autoJSON...)
	sort.Strings(auto)
	for _, f := range append(files, auto...) {
		l.readVarFile(cfg, f, raw, true)
	}

	for _, name := range sortedKeys(l.opts.Variables) {
		if _, ok := cfg.variables[name]; !ok {
			l.warn("Value for undeclared variable", fmt.Sprintf(
				"ldk.yaml sets variable %q, which the root module does not declare.", name))
			continue
		}
		v, err := goToCty(l.opts.Variables[name])
		if err != nil {
			l.errorf("Invalid value for variable", "ldk.yaml variable %q: %v.", name, err)
			continue
		}
		raw[name] = rawValue{val: v}
	}

	for _, f := range l.opts.VarFiles {
		l.readVarFile(cfg, f, raw, false)
	}
	for _, kv := range l.opts.Vars {
		name, val, ok := strings.Cut(kv, "=")
		if !ok {
			l.errorf("Invalid --var option", "The value %q is not of the form name=value.", kv)
			continue
		}
		v, declared := cfg.variables[name]
		if !declared {
			l.errorf("Value for undeclared variable", "A variable named %q was assigned with --var, "+
				"but the root module does not declare it. Declare it with a variable %q {} block, or remove the --var.",
				name, name)
			continue
		}
		raw[name] = l.cliValue(v, val, "--var "+name)
	}

	return l.finishInputs(cfg, raw, nil)
}

// cliValue reads a value given as a string: as is for a string variable,
// else as an HCL expression, as Terraform reads -var and TF_VAR_ values.
func (l *loader) cliValue(v *variableDecl, s, origin string) rawValue {
	if v.typ == cty.String || v.typ == cty.DynamicPseudoType {
		return rawValue{val: cty.StringVal(s)}
	}
	expr, diags := hclsyntax.ParseExpression([]byte(s), origin, hcl.InitialPos)
	if diags.HasErrors() {
		l.diags = append(l.diags, diags...)
		return rawValue{val: cty.DynamicVal}
	}
	return rawValue{expr: expr, rng: expr.Range()}
}

// readVarFile reads a .tfvars or .tfvars.json file. Files Terraform loads
// by itself may be absent; a named -var-file must exist.
func (l *loader) readVarFile(cfg *config, path string, raw map[string]rawValue, optional bool) {
	f, diags := l.parseFile(path)
	if optional && f == nil {
		return
	}
	if optional && len(diags) == 1 && diags[0].Summary == "Failed to read file" {
		return
	}
	l.diags = append(l.diags, diags...)
	if f == nil || diags.HasErrors() {
		return
	}

	attrs, ds := f.Body.JustAttributes()
	l.diags = append(l.diags, ds...)
	for name, a := range attrs {
		if _, ok := cfg.variables[name]; !ok {
			l.diags = append(l.diags, &hcl.Diagnostic{
				Severity: hcl.DiagWarning,
				Summary:  "Value for undeclared variable",
				Detail:   fmt.Sprintf("The root module does not declare a variable named %q; the value is ignored.", name),
				Subject:  a.NameRange.Ptr(),
			})
			continue
		}
		raw[name] = rawValue{expr: a.Expr, rng: a.Expr.Range()}
	}
}
