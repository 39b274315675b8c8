package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// mergeBodies applies an override body to a base body as Terraform does:
// each argument the override sets replaces the base one, and a nested block
// type the override uses replaces every base block of that type.
func mergeBodies(base, over hcl.Body) (hcl.Body, hcl.Diagnostics) {
	b, okb := base.(*hclsyntax.Body)
	o, oko := over.(*hclsyntax.Body)
	if !okb || !oko {
		// TODO: overrides between .tf.json files are not merged; the user
		// sees this error and must move the override to native syntax.
		return base, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Unsupported override",
			Detail:   "ldk merges override files only when both files use native syntax (.tf).",
			Subject:  over.MissingItemRange().Ptr(),
		}}
	}

	out := &hclsyntax.Body{
		Attributes: hclsyntax.Attributes{},
		SrcRange:   b.SrcRange,
		EndRange:   b.EndRange,
	}
	for name, a := range b.Attributes {
		out.Attributes[name] = a
	}
	for name, a := range o.Attributes {
		out.Attributes[name] = a
	}

	replaced := map[string]bool{}
	for _, blk := range o.Blocks {
		replaced[blockKind(blk)] = true
	}
	for _, blk := range b.Blocks {
		if !replaced[blockKind(blk)] {
			out.Blocks = append(out.Blocks, blk)
		}
	}
	out.Blocks = append(out.Blocks, o.Blocks...)
	return out, nil
}

// blockKind is the block type a block produces: the label of a dynamic
// block, else its type.
func blockKind(b *hclsyntax.Block) string {
	if b.Type == "dynamic" && len(b.Labels) == 1 {
		return b.Labels[0]
	}
	return b.Type
}
