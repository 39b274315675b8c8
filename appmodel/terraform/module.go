package terraform

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// module is one instance of a module: the root, or one expansion of a
// module call. Its values are computed on first use and kept.
type module struct {
	l      *loader
	parent *module // the calling module, nil for the root
	cfg    *config
	addr   string // "" for the root, else e.g. `module.api["x"]`
	// callPath is the module path without instance keys ("api.fn"), the
	// key of .terraform/modules/modules.json.
	callPath string
	vars     map[string]cty.Value
	slots    map[string]*slot
}

// Slot states.
const (
	slotNew = iota
	slotBusy
	slotDone
)

// slot holds one named value of a module: a local, a resource, a module
// call, an output.
type slot struct {
	state int
	val   cty.Value
}

// instance is one expanded resource or data source, kept for the model.
type instance struct {
	decl *resourceDecl
	mod  *module
	addr string
	val  cty.Value
}

// prefix is the module's address followed by a dot, "" for the root.
func (m *module) prefix() string {
	if m.addr == "" {
		return ""
	}
	return m.addr + "."
}

// where names the module in messages.
func (m *module) where() string {
	if m.addr == "" {
		return "the root module"
	}
	return m.addr
}

// get returns a named value, computing it on first use. A value that is
// needed while it is being computed is a cycle: reported once, unknown.
func (m *module) get(key string, rng hcl.Range) cty.Value {
	s := m.slots[key]
	if s == nil {
		s = &slot{}
		m.slots[key] = s
	}
	switch s.state {
	case slotDone:
		return s.val
	case slotBusy:
		m.l.reportCycle(m.prefix()+key, rng)
		return cty.DynamicVal
	}

	s.state = slotBusy
	m.l.stack = append(m.l.stack, m.prefix()+key)
	v := m.compute(key)
	m.l.stack = m.l.stack[:len(m.l.stack)-1]
	s.state, s.val = slotDone, v
	return v
}

// compute evaluates one named value.
func (m *module) compute(key string) cty.Value {
	kind, name, _ := strings.Cut(key, ".")
	switch kind {
	case "local":
		a := m.cfg.locals[name]
		return m.evalExpr(a.Expr, nil)
	case "output":
		a := m.cfg.outputs[name]
		return m.evalExpr(a.Expr, nil)
	case "module":
		return m.expandCall(m.cfg.modules[name])
	default:
		return m.expandResource(m.cfg.resources[key])
	}
}

// evalAll computes every declared value of the module so every error is
// found, in a stable order.
func (m *module) evalAll() {
	var keys []string
	for n := range m.cfg.locals {
		keys = append(keys, "local."+n)
	}
	for k := range m.cfg.resources {
		keys = append(keys, k)
	}
	for n := range m.cfg.modules {
		keys = append(keys, "module."+n)
	}
	for n := range m.cfg.outputs {
		keys = append(keys, "output."+n)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m.get(k, hcl.Range{})
	}
}

// reportCycle reports a value that depends on itself, with the chain.
func (l *loader) reportCycle(addr string, rng hcl.Range) {
	start := 0
	for i, a := range l.stack {
		if a == addr {
			start = i
		}
	}
	chain := append(append([]string{}, l.stack[start:]...), addr)
	msg := strings.Join(chain, " → ")
	if l.cycles[msg] {
		return
	}
	l.cycles[msg] = true

	d := &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  "Cycle in references",
		Detail:   "These values depend on each other: " + msg + ". Break the cycle so one of them can be computed first.",
	}
	if rng.Filename != "" {
		d.Subject = rng.Ptr()
	}
	l.diags = append(l.diags, d)
}
