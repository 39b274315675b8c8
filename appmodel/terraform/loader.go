package terraform

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/ldkdev/ldk/appmodel"
)

// loader holds the state of one Load call.
type loader struct {
	opts   Options
	env    appmodel.Env
	root   string
	parser *hclparse.Parser
	funcs  map[string]function.Function

	configs   map[string]*config
	installed map[string]string
	modules   []*module
	instances []*instance
	iterators map[string]bool

	diags  hcl.Diagnostics
	stack  []string
	cycles map[string]bool
	warned map[string]bool
	// restPaths maps REST API resource ids to their paths.
	restPaths map[string]string
	// archives maps archive_file output paths to what they pack.
	archives map[string]archiveSource
}

// Load reads the Terraform root module in dir and returns the app it
// declares. When the configuration has errors, the returned error is an
// *Error holding all of them; print it with WriteDiagnostics.
func Load(dir string, opts Options) (*appmodel.App, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("resolving terraform directory %q: %w", dir, err)
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("reading terraform directory %q: not a directory", dir)
	}
	if primary, _, err := moduleFiles(root); err != nil || len(primary) == 0 {
		return nil, fmt.Errorf("reading terraform directory %q: no .tf or .tf.json files there; "+
			"point --tf at the root module directory", dir)
	}

	l := &loader{
		opts:      opts,
		env:       opts.Env.WithDefaults(),
		root:      root,
		parser:    hclparse.NewParser(),
		configs:   map[string]*config{},
		iterators: map[string]bool{},
		cycles:    map[string]bool{},
		warned:    map[string]bool{},
		restPaths: map[string]string{},
	}
	l.funcs = functions(root)

	cfg, diags := l.readModule(root)
	if diags.HasErrors() {
		return nil, l.fail(diags)
	}
	l.diags = append(l.diags, diags...)

	m := &module{l: l, cfg: cfg, slots: map[string]*slot{}}
	m.vars = l.rootInputs(cfg)
	l.modules = append(l.modules, m)
	if cfg.region != nil {
		if v := m.evalExpr(cfg.region, nil); v.IsKnown() && !v.IsNull() && v.Type() == cty.String {
			l.env.Region = v.AsString()
		}
	}
	m.evalAll()
	if l.diags.HasErrors() {
		return nil, l.fail(l.diags)
	}

	app := l.build()
	if l.diags.HasErrors() { // values the model cannot take, found while building it
		return nil, l.fail(l.diags)
	}
	app.Normalize()
	return app, nil
}

// fail wraps diagnostics into the error Load returns.
func (l *loader) fail(diags hcl.Diagnostics) error {
	sortDiags(diags)
	return &Error{Diagnostics: diags, files: l.parser.Files()}
}

// warn records a warning without a position.
func (l *loader) warn(summary, detail string) {
	l.diags = append(l.diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: detail})
}

// errorf records an error without a position.
func (l *loader) errorf(summary, format string, args ...any) {
	l.diags = append(l.diags, &hcl.Diagnostic{
		Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(format, args...),
	})
}
