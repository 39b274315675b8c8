package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/zclconf/go-cty/cty"
)

var providerSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "region"}, {Name: "alias"}}}

// decodeProvider keeps the region of the default (unaliased) aws provider.
func (c *config) decodeProvider(b *hcl.Block) hcl.Diagnostics {
	if b.Labels[0] != "aws" {
		return nil
	}
	content, _, diags := b.Body.PartialContent(providerSchema)
	if _, aliased := content.Attributes["alias"]; aliased {
		return diags
	}
	if a, ok := content.Attributes["region"]; ok {
		c.region = a.Expr
	}
	return diags
}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "type"}, {Name: "default"}, {Name: "description"},
		{Name: "sensitive"}, {Name: "nullable"}, {Name: "ephemeral"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "validation"}},
}

// decodeVariable reads a variable block; an override replaces the type and
// default it sets.
func (c *config) decodeVariable(b *hcl.Block, override bool) hcl.Diagnostics {
	name := b.Labels[0]
	content, diags := b.Body.Content(variableSchema)

	v := c.variables[name]
	switch {
	case override && v == nil:
		return append(diags, missingOverride("variable", name, b.DefRange))
	case !override && v != nil:
		return append(diags, duplicate("variable", name, b.DefRange, v.rng))
	case v == nil:
		v = &variableDecl{name: name, typ: cty.DynamicPseudoType, nullable: true, rng: b.DefRange}
		c.variables[name] = v
	}

	if a, ok := content.Attributes["type"]; ok {
		ty, defaults, ds := typeexpr.TypeConstraintWithDefaults(a.Expr)
		diags = append(diags, ds...)
		if !ds.HasErrors() {
			v.typ, v.defaults = ty, defaults
		}
	}
	if a, ok := content.Attributes["default"]; ok {
		v.def = a.Expr
	}
	if a, ok := content.Attributes["nullable"]; ok {
		diags = append(diags, gohcl.DecodeExpression(a.Expr, nil, &v.nullable)...)
	}
	return diags
}

var outputSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "value", Required: true}, {Name: "description"},
		{Name: "sensitive"}, {Name: "depends_on"}, {Name: "ephemeral"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "precondition"}},
}

// decodeOutput reads an output block.
func (c *config) decodeOutput(b *hcl.Block, override bool) hcl.Diagnostics {
	name := b.Labels[0]
	prev, exists := c.outputs[name]
	if !exists && override {
		return hcl.Diagnostics{missingOverride("output", name, b.DefRange)}
	}
	if exists && !override {
		return hcl.Diagnostics{duplicate("output", name, b.DefRange, prev.Range)}
	}

	schema := outputSchema
	if override {
		schema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "value"}}}
	}
	content, _, diags := b.Body.PartialContent(schema)
	if a, ok := content.Attributes["value"]; ok {
		c.outputs[name] = a
	}
	return diags
}
