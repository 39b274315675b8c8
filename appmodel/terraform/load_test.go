package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/appmodel"
)

var fileKey = regexp.MustCompile(`\$CACHE/file/[0-9a-f]{32}`)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// fixtureDir is the shared Terraform fixture, beside the repository.
var fixtureDir = filepath.Join("..", "..", "..", "shared", "fixtures", "tf", "http-api")

// loadGolden loads dir and renders the model as JSON with the absolute
// root and cache paths replaced by $ROOT and $CACHE.
func loadGolden(t *testing.T, dir string, opts Options) []byte {
	t.Helper()
	cache := t.TempDir()
	opts.CacheDir = cache
	if opts.Environ == nil {
		opts.Environ = []string{}
	}

	app, err := Load(dir, opts)
	if err != nil {
		var buf bytes.Buffer
		_ = WriteDiagnostics(&buf, err)
		t.Fatalf("Load(%s): %v\n%s", dir, err, buf.String())
	}
	out, err := json.MarshalIndent(app, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs(dir)
	s := strings.ReplaceAll(string(out), cache, "$CACHE")
	s = strings.ReplaceAll(s, root, "$ROOT")
	// Single-file code directories are keyed by the file's absolute path,
	// which differs from machine to machine.
	s = fileKey.ReplaceAllString(s, "$$CACHE/file/$$KEY")
	return []byte(s + "\n")
}

// compareGolden compares got with the golden file, or rewrites it.
func compareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// caseOptions are the options a golden case needs beyond the defaults.
var caseOptions = map[string]Options{
	"variables": {
		Vars:      []string{"stage=cli", "sizes={small=64}"},
		VarFiles:  []string{filepath.Join("testdata", "variables", "extra.tfvars.in")},
		Variables: map[string]any{"owner": "yaml-owner", "tags": map[string]any{"team": "yaml"}},
		Environ:   []string{"TF_VAR_region=ap-south-1", "TF_VAR_owner=env-owner", "HOME=/nowhere"},
	},
}

func TestGolden(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() || !hasConfig(filepath.Join("testdata", e.Name())) {
			continue
		}
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			got := loadGolden(t, dir, caseOptions[name])
			compareGolden(t, filepath.Join(dir, "expected.json"), got)
		})
	}
}

func TestFixtureHTTPAPI(t *testing.T) {
	if _, err := os.Stat(fixtureDir); err != nil {
		t.Skipf("shared fixtures not found beside the repository: %v", err)
	}
	got := loadGolden(t, fixtureDir, Options{})
	compareGolden(t, filepath.Join("testdata", "fixture-http-api.json"), got)

	var app appmodel.App
	if err := json.Unmarshal(got, &app); err != nil {
		t.Fatal(err)
	}
	hello := app.Function("shop-dev-hello")
	if hello == nil {
		t.Fatalf("no function shop-dev-hello in %s", got)
	}
	wantEnv := map[string]string{"STAGE": "dev", "LOG_LEVEL": "debug", "TABLE": "shop-dev-users"}
	if diff := cmp.Diff(wantEnv, hello.Environment); diff != "" {
		t.Errorf("hello environment (-want +got):\n%s", diff)
	}
	if hello.CodeDir != "$ROOT/src/hello" || hello.MemoryMB != 256 || hello.TimeoutSeconds != 5 {
		t.Errorf("hello = codeDir %q, %d MB, %d s", hello.CodeDir, hello.MemoryMB, hello.TimeoutSeconds)
	}
}

func TestLoadErrorIsTyped(t *testing.T) {
	_, err := Load(filepath.Join("testdata", "bad", "syntax"), Options{Environ: []string{}, CacheDir: t.TempDir()})
	var te *Error
	if !errors.As(err, &te) {
		t.Fatalf("Load error = %T %v, want *Error", err, err)
	}
	if len(te.Model()) == 0 || te.Model()[0].Line == 0 {
		t.Errorf("Model() = %+v, want positioned diagnostics", te.Model())
	}

	var le *appmodel.LoadError
	if !errors.As(err, &le) || len(le.Diagnostics) != 1 || le.Diagnostics[0].Line != 2 || le.Diagnostics[0].Column != 19 {
		t.Errorf("as *appmodel.LoadError = %+v, want the syntax error at 2:19", le)
	}
}

// hasConfig reports whether dir holds Terraform files (testdata also holds
// bad cases, fuzz corpora and files for function tests).
func hasConfig(dir string) bool {
	tf, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	js, _ := filepath.Glob(filepath.Join(dir, "*.tf.json"))
	return len(tf)+len(js) > 0
}

// TestBadInput loads each testdata/bad/<case> and compares the rendered
// diagnostics with testdata/bad/<case>/expected.txt.
func TestBadInput(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "bad", name)
			app, err := Load(dir, Options{Environ: []string{}, CacheDir: t.TempDir()})
			if err == nil {
				t.Fatalf("Load(%s) = %d functions, want an error", dir, len(app.Functions))
			}

			var buf bytes.Buffer
			if werr := WriteDiagnostics(&buf, err); werr != nil {
				t.Fatal(werr)
			}
			root, _ := filepath.Abs(dir)
			got := strings.ReplaceAll(buf.String(), root, "$ROOT")
			got = strings.ReplaceAll(got, dir, "$ROOT")
			compareGolden(t, filepath.Join(dir, "expected.txt"), []byte(got))
		})
	}
}

// TestCodeContents checks that the code directories of the code case hold
// what the functions need: extracted zips, the inline archive, the link to
// a single source file.
func TestCodeContents(t *testing.T) {
	cache := t.TempDir()
	app, err := Load(filepath.Join("testdata", "code"), Options{Environ: []string{}, CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	single, _ := filepath.Abs(filepath.Join("testdata", "code", "single", "app.py"))

	tests := []struct {
		function, file, want string
	}{
		{"zipped", "index.js", "exports.handler = async () => require(\"greeter\")();\n"},
		{"inline", "index.js", "exports.handler = async () => 'inline';"},
		{"single", "app.py", "def handler(e, c): return \"single\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.function, func(t *testing.T) {
			f := app.Function(tt.function)
			if f == nil {
				t.Fatalf("no function %q", tt.function)
			}
			got, err := os.ReadFile(filepath.Join(f.CodeDir, tt.file))
			if err != nil || string(got) != tt.want {
				t.Errorf("%s/%s = %q, %v; want %q", f.CodeDir, tt.file, got, err, tt.want)
			}
		})
	}

	dir := app.Function("single").CodeDir
	entries, _ := os.ReadDir(dir)
	if target, err := os.Readlink(filepath.Join(dir, "app.py")); len(entries) != 1 || err != nil || target != single {
		t.Errorf("single code dir holds %d entries, app.py -> %q (%v); want only a link to %s", len(entries), target, err, single)
	}
	layer := app.Function("zipped").Layers
	if len(layer) != 1 {
		t.Fatalf("zipped layers = %v, want one", layer)
	}
	if _, err := os.Stat(filepath.Join(layer[0], "nodejs", "node_modules", "greeter", "index.js")); err != nil {
		t.Errorf("layer content missing: %v", err)
	}
}
