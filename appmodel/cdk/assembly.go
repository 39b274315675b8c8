package cdk

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// Schema versions of manifest.json that ldk was written against.
const (
	minSchemaMajor = 30
	maxSchemaMajor = 55
)

// Artifact types of a cloud assembly manifest that ldk reads.
const (
	artifactStack    = "aws:cloudformation:stack"
	artifactAssembly = "cdk:cloud-assembly"
	artifactAssets   = "cdk:asset-manifest"
)

// manifest is the part of a cloud assembly manifest.json ldk reads.
type manifest struct {
	Version   string              `json:"version"`
	Artifacts map[string]artifact `json:"artifacts"`
}

// artifact is one entry of a manifest's artifacts.
type artifact struct {
	Type                   string                     `json:"type"`
	Environment            string                     `json:"environment"`
	DisplayName            string                     `json:"displayName"`
	Dependencies           []string                   `json:"dependencies"`
	Metadata               map[string][]metadataEntry `json:"metadata"`
	AdditionalMetadataFile string                     `json:"additionalMetadataFile"`
	Properties             struct {
		TemplateFile  string            `json:"templateFile"`
		StackName     string            `json:"stackName"`
		Parameters    map[string]string `json:"parameters"`
		File          string            `json:"file"`
		DirectoryName string            `json:"directoryName"`
		DisplayName   string            `json:"displayName"`
	} `json:"properties"`
}

// metadataEntry is one construct metadata record.
type metadataEntry struct {
	Type string `json:"type"`
	Data any    `json:"data"`
}

// readAssembly reads the manifest in dir and every stack and nested
// assembly it lists. prefix is the display path of the enclosing Stage.
func (ld *loader) readAssembly(dir, prefix string) {
	file := filepath.Join(dir, "manifest.json")
	if _, seen := ld.files[file]; seen {
		ld.errorf(file, "", "fix the directoryName of the nested cloud assembly",
			"the cloud assembly includes itself; read once")
		return
	}
	data, err := os.ReadFile(file)
	if err != nil {
		ld.errorf(file, "", "run `cdk synth` again; a cloud assembly always has a manifest.json",
			"cannot read the cloud assembly manifest: %v", unwrapPathError(err))
		return
	}

	ld.files[file] = data
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		line, col := offsetError(data, err)
		ld.diags = append(ld.diags, diagAt(file, line, col, "the manifest is not valid JSON: "+jsonErrText(err),
			"run `cdk synth` again to rewrite the cloud assembly"))
		return
	}
	ld.checkSchema(file, m.Version)

	assets := ld.readAssetManifests(dir, m)
	for _, id := range sortedKeys(m.Artifacts) {
		a := m.Artifacts[id]
		switch a.Type {
		case artifactStack:
			ld.addStack(dir, prefix, id, a, assets)
		case artifactAssembly:
			ld.readNestedAssembly(dir, prefix, id, a)
		}
		// Other artifact types (tree, asset manifests, unknown future
		// types) carry nothing ldk runs.
	}
}

// checkSchema warns about manifest versions ldk was not written against.
func (ld *loader) checkSchema(file, version string) {
	major, err := strconv.Atoi(strings.SplitN(version, ".", 2)[0])
	if err != nil {
		ld.warnf(file, "version", "run `cdk synth` with a CDK toolkit of 2022 or later",
			"unknown cloud assembly schema version %q; reading it anyway", version)
		return
	}
	if major < minSchemaMajor || major > maxSchemaMajor {
		ld.warnf(file, "version", "",
			"cloud assembly schema %s is outside the versions ldk knows (%d to %d); reading it anyway",
			version, minSchemaMajor, maxSchemaMajor)
	}
}

// readNestedAssembly follows a cdk:cloud-assembly artifact (a Stage).
func (ld *loader) readNestedAssembly(dir, prefix, id string, a artifact) {
	sub := a.Properties.DirectoryName
	if sub == "" {
		ld.warnf(filepath.Join(dir, "manifest.json"), "artifacts."+id+".properties.directoryName", "",
			"nested cloud assembly %q names no directory; skipped", id)
		return
	}
	name := a.Properties.DisplayName
	if name == "" {
		name = a.DisplayName
	}
	if name == "" {
		name = id
	}
	if prefix != "" && !strings.HasPrefix(name, prefix+"/") {
		name = prefix + "/" + name
	}
	ld.readAssembly(filepath.Join(dir, sub), name)
}

// addStack reads one stack artifact and its template.
func (ld *loader) addStack(dir, prefix, id string, a artifact, assets map[string]assetSource) {
	name := a.Properties.StackName
	if name == "" {
		name = id
	}
	display := a.DisplayName
	if display == "" {
		display = id
		if prefix != "" {
			display = prefix + "/" + id
		}
	}

	st := &stack{
		ld:          ld,
		name:        name,
		artifactID:  id,
		displayPath: display,
		dir:         dir,
		env:         ld.stackEnv(a.Environment),
		assets:      assets,
		paramValues: a.Properties.Parameters,
	}
	if a.Properties.TemplateFile == "" {
		ld.errorf(filepath.Join(dir, "manifest.json"), "artifacts."+id+".properties.templateFile",
			"run `cdk synth` again", "stack %q names no template file", id)
		return
	}
	st.file = filepath.Join(dir, a.Properties.TemplateFile)
	if !ld.readTemplate(st) {
		return
	}
	ld.readStackMetadata(st, a)
	ld.stacks = append(ld.stacks, st)
	ld.readNestedStacks(st)
}

// stackEnv turns "aws://account/region" into an Env, taking the configured
// defaults for unknown parts.
func (ld *loader) stackEnv(s string) appmodel.Env {
	e := ld.env
	rest, ok := strings.CutPrefix(s, "aws://")
	if !ok {
		return e
	}
	account, region, _ := strings.Cut(rest, "/")
	if account != "" && account != "unknown-account" {
		e.Account = account
	}
	if region != "" && region != "unknown-region" {
		e.Region = region
		if strings.HasPrefix(region, "cn-") {
			e.Partition = "aws-cn"
		} else if strings.HasPrefix(region, "us-gov-") {
			e.Partition = "aws-us-gov"
		}
	}
	return e
}

// selectStacks returns the top-level stacks that Options.Stacks selects,
// each followed by its nested stacks.
func (ld *loader) selectStacks() []*stack {
	if len(ld.opts.Stacks) == 0 {
		return ld.stacks
	}

	var out []*stack
	var names []string
	for _, st := range ld.stacks {
		top := st
		for top.parent != nil {
			top = top.parent
		}
		if top == st {
			names = append(names, st.displayPath)
		}
		if ld.matchStack(top) {
			out = append(out, st)
		}
	}
	if len(out) == 0 {
		ld.errorf(filepath.Join(ld.root, "manifest.json"), "",
			"pick one of: "+strings.Join(names, ", "),
			"no stack matches --stack %s", strings.Join(ld.opts.Stacks, ", "))
	}
	return out
}

// matchStack reports whether a top-level stack matches a --stack glob.
func (ld *loader) matchStack(st *stack) bool {
	for _, g := range ld.opts.Stacks {
		for _, s := range []string{st.name, st.displayPath, st.artifactID} {
			if ok, _ := path.Match(g, s); ok {
				return true
			}
		}
	}
	return false
}
