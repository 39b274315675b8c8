package reload

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/host/watch"
)

// SynthConfig says how to synthesize a CDK app again when its sources
// change, from its cdk.json.
type SynthConfig struct {
	// ProjectDir is the directory holding cdk.json; the app runs there.
	ProjectDir string
	// Command is cdk.json's "app", run with sh -c in a process group of
	// its own (on Linux under a shell that kills that group if ldk dies).
	// TODO: Windows has no sh; --synth fails there with "executable file
	// not found".
	Command string
	// OutDir is the cloud assembly directory the app writes (CDK_OUTDIR).
	OutDir string
	// Include and Exclude are cdk.json's watch globs, relative to
	// ProjectDir; Include is "**" when cdk.json names none.
	Include, Exclude []string
	// Context is cdk.json's context, given to the app as CDK_CONTEXT_JSON.
	Context map[string]any
	// Timeout bounds one run of Command: a synth still running after it
	// is stopped, its whole process group with it. DefaultSynthTimeout
	// when zero.
	Timeout time.Duration
	// Out receives the app's output; Logger the synth lines.
	Out    io.Writer
	Logger hclog.Logger
}

// ReadCDKJSON reads the synth settings from projectDir/cdk.json; outDir is
// the assembly directory ldk serves.
func ReadCDKJSON(projectDir, outDir string) (SynthConfig, error) {
	path := filepath.Join(projectDir, "cdk.json")
	data, err := os.ReadFile(path)
	if err != nil {
		return SynthConfig{}, fmt.Errorf("reading the synth command: %w (--synth needs the CDK app's cdk.json)", err)
	}
	var doc struct {
		App   string `json:"app"`
		Watch struct {
			Include stringList `json:"include"`
			Exclude stringList `json:"exclude"`
		} `json:"watch"`
		Context map[string]any `json:"context"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return SynthConfig{}, fmt.Errorf("%s is not valid JSON: %w", path, err)
	}
	if doc.App == "" {
		return SynthConfig{}, fmt.Errorf(`%s names no "app" command: --synth has nothing to run`, path)
	}
	cfg := SynthConfig{ProjectDir: projectDir, Command: doc.App, OutDir: outDir,
		Include: doc.Watch.Include, Exclude: doc.Watch.Exclude, Context: map[string]any{}}
	// Lookups cached by the toolkit first, cdk.json's own context over
	// them. TODO: ~/.cdk.json and --context flags of the toolkit are not
	// read; an app that needs them synthesizes without them.
	if data, err := os.ReadFile(filepath.Join(projectDir, "cdk.context.json")); err == nil {
		if err := json.Unmarshal(data, &cfg.Context); err != nil {
			return SynthConfig{}, fmt.Errorf("%s is not valid JSON: %w", filepath.Join(projectDir, "cdk.context.json"), err)
		}
	}
	for k, v := range doc.Context {
		cfg.Context[k] = v
	}
	if len(cfg.Include) == 0 {
		cfg.Include = []string{"**"}
	}
	return cfg, nil
}

// stringList is a JSON string or list of strings, as cdk.json allows.
type stringList []string

func (l *stringList) UnmarshalJSON(data []byte) error {
	var one string
	if err := json.Unmarshal(data, &one); err == nil {
		*l = []string{one}
		return nil
	}
	return json.Unmarshal(data, (*[]string)(l))
}

// Synth runs a CDK app's synth when the files its watch settings name
// change. The Reloader then sees the new assembly like any other.
type Synth struct {
	cfg SynthConfig
	w   *watch.Watcher
}

// alwaysSkipped are project entries never watched for a synth: the
// assembly itself (a synth would trigger the next), dependencies, VCS.
var alwaysSkipped = map[string]bool{"node_modules": true, "cdk.out": true, ".git": true, ".venv": true}

// NewSynth starts watching cfg.ProjectDir's entries.
func NewSynth(cfg SynthConfig) (*Synth, error) {
	if cfg.Logger == nil {
		cfg.Logger = hclog.NewNullLogger()
	}
	if cfg.Out == nil {
		cfg.Out = io.Discard
	}
	entries, err := os.ReadDir(cfg.ProjectDir)
	if err != nil {
		return nil, fmt.Errorf("watching the CDK app for --synth: %w", err)
	}
	outAbs, _ := filepath.Abs(cfg.OutDir)
	var roots []string
	for _, e := range entries {
		p, _ := filepath.Abs(filepath.Join(cfg.ProjectDir, e.Name()))
		if alwaysSkipped[e.Name()] || p == outAbs || excluded(e.Name(), cfg.Exclude) {
			continue
		}
		roots = append(roots, p)
	}
	w, err := watch.New(0)
	if err != nil {
		return nil, fmt.Errorf("starting the file watcher for --synth: %w", err)
	}
	if err := w.Set(roots); err != nil {
		cfg.Logger.Warn("some of the app's files are not watched for --synth", "error", err)
	}
	return &Synth{cfg: cfg, w: w}, nil
}

// Close stops watching; it is for a Synth whose Run is never called.
func (s *Synth) Close() error { return s.w.Close() }

// firstMatch returns the first path the watch settings name, relative to
// the project directory, or "".
func (s *Synth) firstMatch(paths []string) string {
	root, _ := filepath.Abs(s.cfg.ProjectDir)
	for _, p := range paths {
		rel, err := filepath.Rel(root, p)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		rel = filepath.ToSlash(rel)
		if included(rel, s.cfg.Include) && !excluded(rel, s.cfg.Exclude) {
			return rel
		}
	}
	return ""
}

// included reports whether rel matches an include glob.
func included(rel string, globs []string) bool {
	for _, g := range globs {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
	}
	return false
}

// excluded reports whether rel, or a directory above it, matches an
// exclude glob (cdk.json's "node_modules" excludes everything below it).
func excluded(rel string, globs []string) bool {
	for p := rel; p != "." && p != "/" && p != ""; p = filepath.ToSlash(filepath.Dir(p)) {
		if included(p, globs) {
			return true
		}
	}
	return false
}
