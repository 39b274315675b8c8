package cdk

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// functionCode finds where a function's code is on disk and fills CodeDir
// (or ImageDir), Runnable and Reason.
func (ld *loader) functionCode(st *stack, id string, f *appmodel.Function) {
	path := "Resources." + id + ".Properties.Code"
	code, _ := st.props(id)["Code"].(map[string]any)
	f.Runnable = true

	if f.PackageType == appmodel.PackageImage {
		ld.imageCode(st, id, code, f)
		return
	}
	if zf, ok := code["ZipFile"]; ok {
		ld.inlineCode(st, id, st.str(zf, path+".ZipFile"), f)
		return
	}

	// The asset metadata comes first: templates of the legacy synthesizer
	// name the S3 key through parameters that have no value locally.
	src, ok := st.assetMetadata(id, "Code")
	if !ok {
		key := st.str(code["S3Key"], path+".S3Key")
		a, found := st.assetByKey(key)
		if !found || a.image {
			bucket := st.str(code["S3Bucket"], path+".S3Bucket")
			f.Runnable = false
			f.Reason = "the code is only in S3 (s3://" + bucket + "/" + key +
				"); ldk runs code from disk: build it with lambda.Code.fromAsset"
			return
		}
		src = a.path
	}
	if _, err := os.Stat(src); err != nil {
		// One missing asset leaves this function out, not the app: the
		// warning comes from warnNotRunnable.
		f.Runnable = false
		f.Reason = "its code asset " + src + " is missing: run `cdk synth` again"
		return
	}
	f.CodeDir, f.Reason = ld.assetDir(st, src, path, "code of function "+f.Name)
	f.Runnable = f.Reason == ""
}

// warnNotRunnable reports each function of the app ldk cannot run, once,
// at its Code property: the rest of the app is served, and invoking the
// function answers ResourceNotReadyException. Functions whose code already
// has an error finding are not reported twice.
func (ld *loader) warnNotRunnable() {
	for _, f := range ld.app.Functions {
		info := ld.funcs[f.Name]
		if f.Runnable || f.Internal || info == nil {
			continue
		}
		path := "Resources." + info.id + ".Properties.Code"
		if ld.hasErrorAt(info.stack.file, path) {
			continue
		}
		ld.warnf(info.stack.file, path, "ldk serves the rest of the app; invoking this function answers ResourceNotReadyException",
			"function %q cannot run locally: %s", f.Name, f.Reason)
	}
}

// hasErrorAt reports whether an error finding is about path or inside it.
func (ld *loader) hasErrorAt(file, path string) bool {
	for _, d := range ld.diags {
		if d.Severity == appmodel.SeverityError && d.File == file &&
			(d.Path == path || strings.HasPrefix(d.Path, path+".")) {
			return true
		}
	}
	return false
}

// imageCode fills the image fields of a PackageType Image function.
func (ld *loader) imageCode(st *stack, id string, code map[string]any, f *appmodel.Function) {
	f.ImageURI = st.str(code["ImageUri"], "Resources."+id+".Properties.Code.ImageUri")
	dir, ok := st.assetMetadata(id, "Code.ImageUri")
	if !ok {
		tag := f.ImageURI[strings.LastIndexByte(f.ImageURI, ':')+1:]
		if a, found := st.assets[tag]; found && a.image {
			dir, ok = a.path, true
		}
	}
	if !ok {
		f.Runnable = false
		f.Reason = "the image " + f.ImageURI + " is only in a registry; ldk builds images from local assets " +
			"(lambda.DockerImageCode.fromImageAsset)"
		return
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		f.Runnable = false
		f.Reason = "its image asset " + dir + " is missing: run `cdk synth` again"
		return
	}
	f.ImageDir = dir
}

// inlineCode writes Code.ZipFile into the cache under the file name the
// runtime loads (index.js or index.py).
func (ld *loader) inlineCode(st *stack, id, src string, f *appmodel.Function) {
	var file string
	switch {
	case strings.HasPrefix(f.Runtime, "nodejs"):
		file = "index.js"
	case strings.HasPrefix(f.Runtime, "python"):
		file = "index.py"
	default:
		ld.errorf(st.file, "Resources."+id+".Properties.Code.ZipFile",
			"inline code works with node and python runtimes only; use an asset",
			"function %q has inline code but runtime %q", f.Name, f.Runtime)
		f.Runnable = false
		f.Reason = "inline code needs a node or python runtime"
		return
	}

	dir := filepath.Join(ld.cache, "inline", safeName(st.name), safeName(id))
	if err := writeIfChanged(filepath.Join(dir, file), []byte(src)); err != nil {
		ld.errorf(st.file, "Resources."+id+".Properties.Code.ZipFile", "check that the cache directory is writable (LDK_CACHE_DIR)",
			"writing the inline code of function %q: %v", f.Name, err)
		f.Runnable = false
		f.Reason = "the inline code could not be written to the cache"
		return
	}
	f.CodeDir = dir
}

// assetDir returns the directory holding an asset's content: the asset
// itself when it is a directory, else a .zip file extracted into the
// cache. When it cannot, it reports an error diagnostic and returns why,
// for a function's Reason.
func (ld *loader) assetDir(st *stack, src, path, what string) (string, string) {
	info, err := os.Stat(src)
	if err != nil {
		ld.errorf(st.file, path, "run `cdk synth` again; the cloud assembly is incomplete",
			"the %s is not on disk: %s is missing", what, src)
		return "", "the asset " + src + " is missing: run `cdk synth` again"
	}
	if info.IsDir() {
		return src, ""
	}
	if !strings.EqualFold(filepath.Ext(src), ".zip") && !strings.EqualFold(filepath.Ext(src), ".jar") {
		ld.errorf(st.file, path, "package the code as a directory or a .zip file",
			"the %s is a file ldk cannot unpack: %s", what, src)
		return "", "the asset " + src + " is neither a directory nor a zip file"
	}
	dir, err := ld.extractZip(src)
	if err != nil {
		ld.errorf(st.file, path, "rebuild the zip file, then run `cdk synth` again",
			"extracting the %s from %s: %v", what, src, err)
		return "", "the zip asset could not be extracted: " + err.Error()
	}
	return dir, ""
}

// writeIfChanged writes data to file unless it already holds it, so a
// watcher on the cache does not see needless changes.
func writeIfChanged(file string, data []byte) error {
	if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, data, 0o644)
}

// safeName keeps a name usable as one path element.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == 0 {
			return '_'
		}
		return r
	}, strings.TrimLeft(s, "."))
}
