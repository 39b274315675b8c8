package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
)

var metaSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "count"}, {Name: "for_each"}, {Name: "provider"}, {Name: "depends_on"},
	},
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "lifecycle"}, {Type: "provisioner", LabelNames: []string{"type"}},
		{Type: "connection"},
	},
}

// decodeResource reads a resource or data block; an override merges its
// arguments into the block it overrides.
func (c *config) decodeResource(b *hcl.Block, override bool) hcl.Diagnostics {
	r := &resourceDecl{data: b.Type == "data", typ: b.Labels[0], name: b.Labels[1], rng: b.DefRange}
	content, rest, diags := b.Body.PartialContent(metaSchema)
	if a, ok := content.Attributes["count"]; ok {
		r.count = a.Expr
	}
	if a, ok := content.Attributes["for_each"]; ok {
		r.forEach = a.Expr
	}
	if r.count != nil && r.forEach != nil {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Invalid combination of \"count\" and \"for_each\"",
			Detail:   "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one should be used.",
			Subject:  r.forEach.Range().Ptr(),
		})
	}
	r.body = rest

	prev, exists := c.resources[r.key()]
	switch {
	case override && !exists:
		return append(diags, missingOverride(b.Type, r.key(), b.DefRange))
	case !override && exists:
		return append(diags, duplicate(b.Type, r.key(), b.DefRange, prev.rng))
	case override:
		if r.count != nil {
			prev.count, prev.forEach = r.count, nil
		}
		if r.forEach != nil {
			prev.forEach, prev.count = r.forEach, nil
		}
		merged, ds := mergeBodies(prev.body, r.body)
		prev.body = merged
		return append(diags, ds...)
	}
	c.resources[r.key()] = r
	return diags
}

var moduleSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "source"}, {Name: "version"}, {Name: "count"}, {Name: "for_each"},
		{Name: "providers"}, {Name: "depends_on"},
	},
}

// decodeModule reads a module block; its remaining arguments are the
// child module's inputs.
func (c *config) decodeModule(b *hcl.Block, override bool) hcl.Diagnostics {
	m := &moduleCall{name: b.Labels[0], rng: b.DefRange}
	content, rest, diags := b.Body.PartialContent(moduleSchema)
	m.body = rest
	if a, ok := content.Attributes["source"]; ok {
		diags = append(diags, gohcl.DecodeExpression(a.Expr, nil, &m.source)...)
		m.srcRange = a.Expr.Range()
	}
	if a, ok := content.Attributes["count"]; ok {
		m.count = a.Expr
	}
	if a, ok := content.Attributes["for_each"]; ok {
		m.forEach = a.Expr
	}

	prev, exists := c.modules[m.name]
	switch {
	case override && !exists:
		return append(diags, missingOverride("module", m.name, b.DefRange))
	case !override && exists:
		return append(diags, duplicate("module call", m.name, b.DefRange, prev.rng))
	case override:
		if m.source != "" {
			prev.source, prev.srcRange = m.source, m.srcRange
		}
		if m.count != nil {
			prev.count = m.count
		}
		if m.forEach != nil {
			prev.forEach = m.forEach
		}
		merged, ds := mergeBodies(prev.body, m.body)
		prev.body = merged
		return append(diags, ds...)
	}
	if m.source == "" && !diags.HasErrors() {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Missing required argument",
			Detail:   "The argument \"source\" is required, but no definition was found.",
			Subject:  b.DefRange.Ptr(),
		})
	}
	c.modules[m.name] = m
	return diags
}
