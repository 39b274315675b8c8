package cdk

import (
	"os"

	"github.com/ldkdev/ldk/appmodel"
)

// readLayers adds every AWS::Lambda::LayerVersion of a stack.
func (ld *loader) readLayers(st *stack) {
	for _, id := range st.ofType("AWS::Lambda::LayerVersion") {
		base := "Resources." + id + ".Properties"
		p := st.props(id)
		name := st.physicalName(id)
		l := appmodel.Layer{
			Name:      name,
			LogicalID: id,
			Stack:     st.name,
			ARN:       st.env.LayerARN(name),
		}
		if rts, ok := st.list(p["CompatibleRuntimes"], base+".CompatibleRuntimes"); ok {
			for i, rt := range rts {
				l.CompatibleRuntimes = append(l.CompatibleRuntimes, st.toString(rt, base+".CompatibleRuntimes["+itoa(i)+"]"))
			}
		}
		src, ok := st.assetMetadata(id, "Content")
		if !ok {
			content, _ := p["Content"].(map[string]any)
			key := st.str(content["S3Key"], base+".Content.S3Key")
			if a, found := st.assetByKey(key); found && !a.image {
				src, ok = a.path, true
			}
		}
		_, statErr := os.Stat(src)
		switch {
		case ok && statErr != nil:
			ld.warnf(st.file, base+".Content", "run `cdk synth` again to rewrite the cloud assembly",
				"the content of layer %q is missing (%s); functions using it run without it", name, src)
		case ok:
			l.Dir, _ = ld.assetDir(st, src, base+".Content", "content of layer "+name)
		default:
			ld.warnf(st.file, base+".Content", "build the layer with lambda.Code.fromAsset",
				"the content of layer %q is only in S3; functions using it will miss it", name)
		}
		ld.app.Layers = append(ld.app.Layers, l)
	}
}

// functionLayers returns the content directories of a function's layers,
// in order. Layers that are not part of the app are reported and left out.
func (ld *loader) functionLayers(st *stack, id string) []string {
	base := "Resources." + id + ".Properties.Layers"
	refs, ok := st.list(st.props(id)["Layers"], base)
	if !ok {
		return []string{}
	}
	dirs := []string{}
	for i, r := range refs {
		arn := st.toString(r, base+"["+itoa(i)+"]")
		found := false
		for _, l := range ld.app.Layers {
			if l.ARN == arn {
				found = true
				if l.Dir != "" {
					dirs = append(dirs, l.Dir)
				}
				break
			}
		}
		if !found {
			ld.warnf(st.file, base+"["+itoa(i)+"]", "add the layer to the app with lambda.LayerVersion and an asset",
				"layer %s is not part of the app; the function will run without it", arn)
		}
	}
	return dirs
}
