package terraform

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/dynblock"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// metaArgs are the arguments and blocks of a resource that are not part of
// its value.
var metaArgs = map[string]bool{
	"count": true, "for_each": true, "provider": true, "depends_on": true,
	"lifecycle": true, "provisioner": true, "connection": true,
}

// evalExpr evaluates one expression in the module's scope.
func (m *module) evalExpr(expr hcl.Expression, extra map[string]cty.Value) cty.Value {
	ctx := m.context(refsOf(expr), extra)
	v, diags := expr.Value(ctx)
	m.l.diags = append(m.l.diags, diags...)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

// evalBody evaluates a resource body into an object: each argument by
// name, each nested block type as a list of objects. Dynamic blocks are
// expanded. A JSON body has no block structure without a schema, so its
// arguments are read as plain values.
func (m *module) evalBody(body hcl.Body, extra map[string]cty.Value) cty.Value {
	syn, ok := body.(*hclsyntax.Body)
	if !ok {
		return m.evalJSONBody(body, extra)
	}

	var refs []hcl.Traversal
	collectRefs(syn, &refs, m.l.iterators)
	ctx := m.context(refs, extra)
	v, diags := bodyValue(dynblock.Expand(body, ctx), []*hclsyntax.Body{syn}, ctx, true)
	m.l.diags = append(m.l.diags, diags...)
	return v
}

// evalJSONBody evaluates the arguments of a body from a .tf.json file.
func (m *module) evalJSONBody(body hcl.Body, extra map[string]cty.Value) cty.Value {
	attrs, diags := body.JustAttributes()
	m.l.diags = append(m.l.diags, diags...)
	out := map[string]cty.Value{}
	for name, a := range attrs {
		if metaArgs[name] {
			continue
		}
		out[name] = m.evalExpr(a.Expr, extra)
	}
	return cty.ObjectVal(out)
}

// collectRefs gathers the references of every expression in a body and
// notes the iterator names of dynamic blocks, which are not references.
func collectRefs(b *hclsyntax.Body, refs *[]hcl.Traversal, iterators map[string]bool) {
	attrs := make([]*hclsyntax.Attribute, 0, len(b.Attributes))
	for _, a := range b.Attributes {
		attrs = append(attrs, a)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
	for _, a := range attrs {
		*refs = append(*refs, refsOf(a.Expr)...)
	}
	for _, blk := range b.Blocks {
		// Lifecycle settings and provisioners name attributes and self,
		// not values of the configuration.
		if blk.Type == "lifecycle" || blk.Type == "provisioner" || blk.Type == "connection" {
			continue
		}
		if blk.Type == "dynamic" && len(blk.Labels) == 1 {
			name := blk.Labels[0]
			if it, ok := blk.Body.Attributes["iterator"]; ok {
				name = hcl.ExprAsKeyword(it.Expr)
			}
			iterators[name] = true
		}
		collectRefs(blk.Body, refs, iterators)
	}
}

// schemaOf derives a permissive schema from the syntax of every body that
// shares a block type: their arguments and their block types (the label of
// a dynamic block being the type it makes).
func schemaOf(bodies []*hclsyntax.Body, top bool) (*hcl.BodySchema, map[string][]*hclsyntax.Body) {
	attrs := map[string]bool{}
	children := map[string][]*hclsyntax.Body{}
	for _, b := range bodies {
		for name := range b.Attributes {
			if !(top && metaArgs[name]) {
				attrs[name] = true
			}
		}
		for _, blk := range b.Blocks {
			kind := blockKind(blk)
			if top && metaArgs[kind] {
				continue
			}
			child := blk.Body
			if blk.Type == "dynamic" {
				for _, inner := range blk.Body.Blocks {
					if inner.Type == "content" {
						child = inner.Body
					}
				}
			}
			children[kind] = append(children[kind], child)
		}
	}

	s := &hcl.BodySchema{}
	for name := range attrs {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: name})
	}
	for kind := range children {
		s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: kind})
	}
	sort.Slice(s.Attributes, func(i, j int) bool { return s.Attributes[i].Name < s.Attributes[j].Name })
	sort.Slice(s.Blocks, func(i, j int) bool { return s.Blocks[i].Type < s.Blocks[j].Type })
	return s, children
}

// bodyValue decodes an (expanded) body with the schema its syntax implies.
func bodyValue(body hcl.Body, syntax []*hclsyntax.Body, ctx *hcl.EvalContext, top bool) (cty.Value, hcl.Diagnostics) {
	schema, children := schemaOf(syntax, top)
	content, _, diags := body.PartialContent(schema)
	out := map[string]cty.Value{}
	for name, a := range content.Attributes {
		v, ds := a.Expr.Value(ctx)
		diags = append(diags, ds...)
		if ds.HasErrors() {
			v = cty.DynamicVal
		}
		out[name] = v
	}

	lists := map[string][]cty.Value{}
	for _, blk := range content.Blocks {
		v, ds := bodyValue(blk.Body, children[blk.Type], ctx, false)
		diags = append(diags, ds...)
		lists[blk.Type] = append(lists[blk.Type], v)
	}
	for kind := range children {
		if vs := lists[kind]; len(vs) > 0 {
			out[kind] = cty.TupleVal(vs)
		} else {
			out[kind] = cty.EmptyTupleVal
		}
	}
	return cty.ObjectVal(out), diags
}

// refsOf returns the references of an expression. A splat over a
// reference (`aws_x.y[*].attr`) also yields `aws_x.y[0].attr`, so the
// attribute the splat reads is known to exist (or gets its placeholder)
// on every instance.
func refsOf(expr hcl.Expression) []hcl.Traversal {
	refs := expr.Variables()
	syn, ok := expr.(hclsyntax.Expression)
	if !ok {
		return refs
	}
	_ = hclsyntax.VisitAll(syn, func(n hclsyntax.Node) hcl.Diagnostics {
		splat, ok := n.(*hclsyntax.SplatExpr)
		if !ok {
			return nil
		}
		src, ok := splat.Source.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			return nil
		}
		each, ok := splat.Each.(*hclsyntax.RelativeTraversalExpr)
		if !ok || len(each.Traversal) == 0 {
			return nil
		}
		attr, ok := each.Traversal[0].(hcl.TraverseAttr)
		if !ok {
			return nil
		}
		t := append(append(hcl.Traversal{}, src.Traversal...),
			hcl.TraverseIndex{Key: cty.Zero, SrcRange: splat.MarkerRange}, attr)
		refs = append(refs, t)
		return nil
	})
	return refs
}
