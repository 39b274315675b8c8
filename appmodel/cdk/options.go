package cdk

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ldkdev/ldk/appmodel"
)

// Options says which cloud assembly Load reads and how it resolves values.
type Options struct {
	// CdkOut is the cloud assembly directory. When empty, ProjectDir's
	// cdk.json "output" key (default "cdk.out") names it.
	CdkOut string
	// ProjectDir is the CDK project directory, "." when empty.
	ProjectDir string
	// Stacks selects stacks by name or display path ("Dev/*"), with
	// path.Match globs. Empty selects every stack. Stacks that are not
	// selected are still read, so imports from them resolve.
	Stacks []string
	// Env is the account and region of stacks whose manifest leaves them
	// unknown. Empty fields take appmodel's defaults.
	Env appmodel.Env
	// Parameters gives values to template parameters by name, and to
	// SSM-typed parameters by parameter name or by SSM parameter name.
	Parameters map[string]string
	// CacheDir is where inline code and extracted zip assets are written.
	// When empty: $LDK_CACHE_DIR, else os.UserCacheDir()/ldk.
	CacheDir string
}

// AssemblyDir returns the absolute cloud assembly directory the options
// name: CdkOut, else the output cdk.json sets, else ProjectDir/cdk.out (or
// ProjectDir itself when it holds a manifest.json). ldk dev watches it.
func (o Options) AssemblyDir() (string, error) { return o.assemblyDir() }

// assemblyDir returns the absolute cloud assembly directory the options name.
func (o Options) assemblyDir() (string, error) {
	if o.CdkOut != "" {
		return filepath.Abs(o.CdkOut)
	}

	project := o.ProjectDir
	if project == "" {
		project = "."
	}
	out := "cdk.out"
	cfgPath := filepath.Join(project, "cdk.json")
	data, err := os.ReadFile(cfgPath)
	switch {
	case err == nil:
		var cfg struct {
			Output string `json:"output"`
		}
		if err := json.Unmarshal(data, &cfg); err != nil {
			abs, _ := filepath.Abs(cfgPath)
			line, col := offsetError(data, err)
			return "", &appmodel.LoadError{Diagnostics: appmodel.Diagnostics{diagAt(abs, line, col,
				"cdk.json is not valid JSON: "+jsonErrText(err), "fix cdk.json, or pass --cdk-out")}}
		}
		if cfg.Output != "" {
			out = cfg.Output
		}
	case fileExists(filepath.Join(project, "manifest.json")):
		// The project directory is itself a cloud assembly.
		return filepath.Abs(project)
	}
	if filepath.IsAbs(out) {
		return out, nil
	}
	return filepath.Abs(filepath.Join(project, out))
}

// fileExists reports whether a regular file is at p.
func fileExists(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

// cacheRoot returns the cache directory for inline code and zip assets.
func (o Options) cacheRoot() (string, error) {
	if o.CacheDir != "" {
		return filepath.Abs(o.CacheDir)
	}
	if d := os.Getenv("LDK_CACHE_DIR"); d != "" {
		return filepath.Abs(d)
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("finding the user cache directory (set LDK_CACHE_DIR): %w", err)
	}
	return filepath.Join(base, "ldk"), nil
}
