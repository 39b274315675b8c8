package cdk

import (
	"github.com/ldkdev/ldk/appmodel"
)

// maxNesting bounds how deep nested stacks may go, so a template that
// names itself as its own nested stack ends in a diagnostic.
const maxNesting = 16

// readNestedStacks reads the template of every AWS::CloudFormation::Stack
// resource of st whose template is an asset, recursively.
func (ld *loader) readNestedStacks(st *stack) {
	depth := 0
	for p := st.parent; p != nil; p = p.parent {
		depth++
	}
	for _, id := range sortedKeys(st.resources) {
		if st.typeOf(id) != "AWS::CloudFormation::Stack" {
			continue
		}
		base := "Resources." + id
		file, ok := st.assetMetadata(id, "TemplateURL")
		if !ok {
			url := st.str(st.props(id)["TemplateURL"], base+".Properties.TemplateURL")
			if a, found := st.assetByKey(url); found && !a.image {
				file, ok = a.path, true
			}
		}
		if !ok {
			ld.warnf(st.file, base+".Properties.TemplateURL", "define the nested stack in the CDK app (NestedStack)",
				"the template of nested stack %q is not in the cloud assembly; its resources are skipped", id)
			continue
		}

		if depth >= maxNesting {
			ld.errorf(st.file, base, "nest stacks less deeply",
				"nested stack %q is more than %d levels deep; its resources are skipped", id, maxNesting)
			continue
		}

		params, _ := st.props(id)["Parameters"].(map[string]any)
		child := &stack{
			ld:           ld,
			name:         appmodel.PhysicalName(st.name, id, 0),
			artifactID:   st.artifactID,
			displayPath:  st.displayPath + "/" + id,
			dir:          st.dir,
			file:         file,
			env:          st.env,
			assets:       st.assets,
			parent:       st,
			parentID:     id,
			parentParams: params,
		}
		if !ld.readTemplate(child) {
			continue
		}
		child.constructPaths = map[string]string{}
		if st.children == nil {
			st.children = map[string]*stack{}
		}
		st.children[id] = child
		ld.stacks = append(ld.stacks, child)
		ld.readNestedStacks(child)
	}
}

// child returns the nested stack a resource of st made, or nil.
func (st *stack) child(id string) *stack {
	return st.children[id]
}
