package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/ldkdev/ldk/appmodel"
)

// checkLimits warns about a memory_size, timeout or ephemeral_storage size
// Lambda would refuse, at the attribute that sets it, and keeps the
// nearest value Lambda accepts.
func (b *builder) checkLimits(in *instance, f *appmodel.Function) {
	checks := []struct {
		value *int
		block string
		name  string
		limit appmodel.Limit
	}{
		{&f.MemoryMB, "", "memory_size", appmodel.MemoryLimit},
		{&f.TimeoutSeconds, "", "timeout", appmodel.TimeoutLimit},
		{&f.EphemeralStorageMB, "ephemeral_storage", "size", appmodel.EphemeralStorageLimit},
	}
	for _, c := range checks {
		v := in.val
		if c.block != "" {
			v = block(v, c.block)
		}
		if a := attr(v, c.name); known(a) {
			if _, ok := num(v, c.name); !ok {
				b.l.diags = append(b.l.diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Incorrect attribute value type",
					Detail: fmt.Sprintf("%s: %s must be a whole number of %s, not %s; Terraform refuses this value too.",
						in.addr, c.name, c.limit.Unit, describeValue(a)),
					Subject: attrRange(in.decl, c.block, c.name).Ptr(),
				})
				continue
			}
		}
		use, msg := c.limit.Check(*c.value)
		if msg == "" {
			continue
		}
		b.l.diags = append(b.l.diags, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  "Value out of range",
			Detail: fmt.Sprintf("%s: %s; give a value from %d to %d, as AWS refuses to deploy this one.",
				in.addr, msg, c.limit.Min, c.limit.Max),
			Subject: attrRange(in.decl, c.block, c.name).Ptr(),
		})
		*c.value = use
	}
}

// attrRange is where a resource sets an attribute, directly or inside its
// first nested block of a type; the resource's own range when it cannot
// tell.
func attrRange(d *resourceDecl, block, name string) hcl.Range {
	body := d.body
	if block != "" {
		content, _, _ := body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: block}}})
		if content == nil || len(content.Blocks) == 0 {
			return d.rng
		}
		body = content.Blocks[0].Body
	}
	content, _, _ := body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: name}}})
	if content == nil {
		return d.rng
	}
	if a, ok := content.Attributes[name]; ok {
		return a.Expr.Range()
	}
	return d.rng
}

// describeValue names a value in a message: its type and, for a string,
// the string.
func describeValue(v cty.Value) string {
	if v.Type() == cty.String {
		return fmt.Sprintf("the string %q", v.AsString())
	}
	return "a value of type " + v.Type().FriendlyName()
}
