package cdk

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// assetSource is where an asset of an asset manifest lives on disk.
type assetSource struct {
	// path is the absolute file or directory of the asset.
	path string
	// image is true for container image assets (a Docker build context).
	image bool
}

// assetManifest is the part of a *.assets.json file ldk reads.
type assetManifest struct {
	Files map[string]struct {
		Source struct {
			Path      string `json:"path"`
			Packaging string `json:"packaging"`
		} `json:"source"`
	} `json:"files"`
	DockerImages map[string]struct {
		Source struct {
			Directory string `json:"directory"`
		} `json:"source"`
	} `json:"dockerImages"`
}

// readAssetManifests reads every asset manifest of one assembly and
// returns its assets by hash.
func (ld *loader) readAssetManifests(dir string, m manifest) map[string]assetSource {
	out := map[string]assetSource{}
	for _, id := range sortedKeys(m.Artifacts) {
		a := m.Artifacts[id]
		if a.Type != artifactAssets || a.Properties.File == "" {
			continue
		}
		file := filepath.Join(dir, a.Properties.File)
		data, err := os.ReadFile(file)
		if err != nil {
			ld.warnf(file, "", "run `cdk synth` again", "cannot read the asset manifest: %v", unwrapPathError(err))
			continue
		}
		var am assetManifest
		if err := json.Unmarshal(data, &am); err != nil {
			ld.warnf(file, "", "run `cdk synth` again", "the asset manifest is not valid JSON: %s", jsonErrText(err))
			continue
		}
		for hash, f := range am.Files {
			if f.Source.Path != "" {
				out[hash] = assetSource{path: filepath.Join(dir, f.Source.Path)}
			}
		}
		for hash, img := range am.DockerImages {
			if img.Source.Directory != "" {
				out[hash] = assetSource{path: filepath.Join(dir, img.Source.Directory), image: true}
			}
		}
	}
	return out
}

// assetByKey finds the asset an S3 object key ("<hash>.zip", possibly
// under a prefix) or an image tag names.
func (st *stack) assetByKey(key string) (assetSource, bool) {
	base := path.Base(key)
	if a, ok := st.assets[base]; ok {
		return a, true
	}
	a, ok := st.assets[strings.TrimSuffix(base, path.Ext(base))]
	return a, ok
}

// assetMetadata returns the aws:asset:path metadata of a resource when it
// describes the given property, as an absolute path.
func (st *stack) assetMetadata(id, property string) (string, bool) {
	md, ok := st.resources[id]["Metadata"].(map[string]any)
	if !ok {
		return "", false
	}
	p, ok := md["aws:asset:path"].(string)
	if !ok || p == "" {
		return "", false
	}
	if prop, ok := md["aws:asset:property"].(string); ok && prop != property {
		return "", false
	}
	if filepath.IsAbs(p) {
		return p, true
	}
	return filepath.Join(st.dir, p), true
}
