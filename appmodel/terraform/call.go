package terraform

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// expandCall evaluates every instance of a module call and returns the
// value `module.NAME` has: an object of outputs per instance.
func (m *module) expandCall(c *moduleCall) cty.Value {
	dir, ok := m.sourceDir(c)
	if !ok {
		return cty.DynamicVal
	}
	for p := m; p != nil; p = p.parent {
		if p.cfg.dir == dir {
			m.l.invalid(c.srcRange, "Module calls itself", fmt.Sprintf(
				"The module %q has source %q, which is %s itself or one of its callers; modules cannot nest recursively.",
				c.name, c.source, m.where()))
			return cty.DynamicVal
		}
	}
	cfg, diags := m.l.readModule(dir)
	m.l.diags = append(m.l.diags, diags...)
	if diags.HasErrors() {
		return cty.DynamicVal
	}

	keys, mode := m.expansion(c.count, c.forEach)
	if keys == nil {
		return cty.DynamicVal
	}
	vals := make([]cty.Value, 0, len(keys))
	byKey := map[string]cty.Value{}
	for _, k := range keys {
		child := &module{
			l:        m.l,
			parent:   m,
			cfg:      cfg,
			addr:     m.prefix() + "module." + c.name + k.suffix,
			callPath: strings.TrimPrefix(m.callPath+"."+c.name, "."),
			slots:    map[string]*slot{},
		}
		child.vars = m.l.moduleInputs(m, child, c, k.extra)
		m.l.modules = append(m.l.modules, child)
		child.evalAll()

		outs := map[string]cty.Value{}
		for name := range cfg.outputs {
			outs[name] = child.get("output."+name, hcl.Range{})
		}
		v := cty.ObjectVal(outs)
		vals = append(vals, v)
		byKey[k.key] = v
	}
	return shape(mode, vals, byKey)
}

// sourceDir finds a called module's directory: a local path, or the copy
// `terraform init` put under .terraform/modules.
func (m *module) sourceDir(c *moduleCall) (string, bool) {
	if strings.HasPrefix(c.source, "./") || strings.HasPrefix(c.source, "../") {
		dir := filepath.Join(m.cfg.dir, filepath.FromSlash(c.source))
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			m.l.invalid(c.srcRange, "Module not found", fmt.Sprintf(
				"The module %q has source %q, but %s is not a directory.", c.name, c.source, dir))
			return "", false
		}
		return dir, true
	}

	key := strings.TrimPrefix(m.callPath+"."+c.name, ".")
	if dir, ok := m.l.installedModule(key); ok {
		return dir, true
	}
	m.l.invalid(c.srcRange, "Module not installed", fmt.Sprintf(
		"The module %q comes from %q, which ldk reads from the copy `terraform init` makes. "+
			"Run `terraform init` once in %s (no plan or apply needed).", c.name, c.source, m.l.root))
	return "", false
}

// installedModule looks a module key up in .terraform/modules/modules.json.
func (l *loader) installedModule(key string) (string, bool) {
	if l.installed == nil {
		l.installed = map[string]string{}
		raw, err := os.ReadFile(filepath.Join(l.root, ".terraform", "modules", "modules.json"))
		if err == nil {
			var manifest struct {
				Modules []struct{ Key, Dir string }
			}
			if json.Unmarshal(raw, &manifest) == nil {
				for _, e := range manifest.Modules {
					l.installed[e.Key] = filepath.Join(l.root, filepath.FromSlash(e.Dir))
				}
			}
		}
	}
	dir, ok := l.installed[key]
	return dir, ok
}
