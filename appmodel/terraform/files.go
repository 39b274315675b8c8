package terraform

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// moduleFiles lists the configuration files of a module directory split
// into primary and override files, each sorted by name as Terraform does.
func moduleFiles(dir string) (primary, override []string, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("reading module directory %q: %w", dir, err)
	}

	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") ||
			strings.HasSuffix(name, "~") {
			continue
		}

		var stem string
		switch {
		case strings.HasSuffix(name, ".tf.json"):
			stem = strings.TrimSuffix(name, ".tf.json")
		case strings.HasSuffix(name, ".tf"):
			stem = strings.TrimSuffix(name, ".tf")
		default:
			continue
		}

		path := filepath.Join(dir, name)
		if stem == "override" || strings.HasSuffix(stem, "_override") {
			override = append(override, path)
		} else {
			primary = append(primary, path)
		}
	}
	sort.Strings(primary)
	sort.Strings(override)
	return primary, override, nil
}

// parseFile parses one .tf or .tf.json file with the loader's parser, which
// also keeps its source for diagnostics.
func (l *loader) parseFile(path string) (*hcl.File, hcl.Diagnostics) {
	if strings.HasSuffix(path, ".json") {
		return l.parser.ParseJSONFile(path)
	}
	return l.parser.ParseHCLFile(path)
}

// readModule parses and decodes every file of a module directory, merging
// override files last. Directories are read once per load.
func (l *loader) readModule(dir string) (*config, hcl.Diagnostics) {
	if c, ok := l.configs[dir]; ok {
		return c, nil
	}

	primary, override, err := moduleFiles(dir)
	if err != nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read module directory",
			Detail:   err.Error(),
		}}
	}

	var diags hcl.Diagnostics
	cfg := newConfig(dir)
	for _, path := range primary {
		f, ds := l.parseFile(path)
		diags = append(diags, ds...)
		if f != nil && !ds.HasErrors() {
			diags = append(diags, cfg.decodeFile(f.Body, false)...)
		}
	}
	for _, path := range override {
		f, ds := l.parseFile(path)
		diags = append(diags, ds...)
		if f != nil && !ds.HasErrors() {
			diags = append(diags, cfg.decodeFile(f.Body, true)...)
		}
	}
	l.configs[dir] = cfg
	return cfg, diags
}
