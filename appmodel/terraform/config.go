package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/zclconf/go-cty/cty"
)

// config is one module directory's declarations, before evaluation.
type config struct {
	dir       string
	variables map[string]*variableDecl
	locals    map[string]*hcl.Attribute
	outputs   map[string]*hcl.Attribute
	resources map[string]*resourceDecl // by "type.name" or "data.type.name"
	modules   map[string]*moduleCall
	// region is the region argument of the default aws provider, if any.
	region hcl.Expression
}

// variableDecl is a `variable` block.
type variableDecl struct {
	name     string
	typ      cty.Type
	defaults *typeexpr.Defaults
	def      hcl.Expression // nil without a default
	nullable bool
	rng      hcl.Range
}

// resourceDecl is a `resource` or `data` block.
type resourceDecl struct {
	data      bool
	typ, name string
	count     hcl.Expression
	forEach   hcl.Expression
	body      hcl.Body
	rng       hcl.Range
}

// key is how references name the resource inside its module.
func (r *resourceDecl) key() string {
	if r.data {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

// moduleCall is a `module` block.
type moduleCall struct {
	name     string
	source   string
	srcRange hcl.Range
	count    hcl.Expression
	forEach  hcl.Expression
	body     hcl.Body
	rng      hcl.Range
}

func newConfig(dir string) *config {
	return &config{
		dir:       dir,
		variables: map[string]*variableDecl{},
		locals:    map[string]*hcl.Attribute{},
		outputs:   map[string]*hcl.Attribute{},
		resources: map[string]*resourceDecl{},
		modules:   map[string]*moduleCall{},
	}
}

var fileSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "moved"}, {Type: "import"}, {Type: "removed"},
	{Type: "check", LabelNames: []string{"name"}},
}}

// decodeFile adds one file's blocks to the config. Blocks of override files
// are merged into the declarations they override.
func (c *config) decodeFile(body hcl.Body, override bool) hcl.Diagnostics {
	content, diags := body.Content(fileSchema)
	for _, b := range content.Blocks {
		switch b.Type {
		case "provider":
			diags = append(diags, c.decodeProvider(b)...)
		case "variable":
			diags = append(diags, c.decodeVariable(b, override)...)
		case "locals":
			attrs, ds := b.Body.JustAttributes()
			diags = append(diags, ds...)
			for name, a := range attrs {
				if prev, ok := c.locals[name]; ok && !override {
					diags = append(diags, duplicate("local value", name, a.Range, prev.Range))
					continue
				}
				c.locals[name] = a
			}
		case "output":
			diags = append(diags, c.decodeOutput(b, override)...)
		case "module":
			diags = append(diags, c.decodeModule(b, override)...)
		case "resource", "data":
			diags = append(diags, c.decodeResource(b, override)...)
		}
	}
	return diags
}

// duplicate reports a second declaration of the same name.
func duplicate(what, name string, rng, prev hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Duplicate " + what,
		Detail: "A " + what + " named \"" + name + "\" was already declared at " +
			prev.String() + ". Names must be unique within a module.",
		Subject: rng.Ptr(),
	}
}

// missingOverride reports an override block with nothing to override.
func missingOverride(what, name string, rng hcl.Range) *hcl.Diagnostic {
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Missing base " + what + " for override",
		Detail: "There is no " + what + " named \"" + name +
			"\". An override file can only override a declaration made in a primary file.",
		Subject: rng.Ptr(),
	}
}
