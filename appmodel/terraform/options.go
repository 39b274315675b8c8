package terraform

import (
	"os"
	"path/filepath"

	"github.com/ldkdev/ldk/appmodel"
)

// Options tune how a Terraform directory is read. The zero value reads the
// directory with its own variable files and defaults.
type Options struct {
	// VarFiles are -var-file paths, applied in order after the files
	// Terraform loads by itself. Relative paths are relative to the
	// current directory.
	VarFiles []string
	// Vars are -var values as "name=value", applied in order after VarFiles.
	Vars []string
	// Variables are the `variables:` of ldk.yaml, as decoded from YAML.
	Variables map[string]any
	// Env holds the account and region used when the configuration does
	// not say; the region of the root module's aws provider wins when it
	// evaluates to a string.
	Env appmodel.Env
	// CacheDir is where zip packages are extracted. Empty means
	// $LDK_CACHE_DIR, else os.UserCacheDir()/ldk.
	CacheDir string
	// Environ is the process environment TF_VAR_* values come from. Nil
	// means os.Environ(); an empty non-nil slice means none.
	Environ []string
}

// cacheDir resolves the directory extracted packages go to.
func (o Options) cacheDir() string {
	if o.CacheDir != "" {
		return o.CacheDir
	}
	if d := os.Getenv("LDK_CACHE_DIR"); d != "" {
		return d
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "ldk")
	}
	return filepath.Join(os.TempDir(), "ldk-cache")
}

// environ resolves the environment TF_VAR_* values are read from.
func (o Options) environ() []string {
	if o.Environ == nil {
		return os.Environ()
	}
	return o.Environ
}
