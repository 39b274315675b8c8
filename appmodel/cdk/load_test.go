package cdk

import (
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

var update = flag.Bool("update", false, "rewrite testdata/<case>/expected.json from the current output")

// caseOptions is testdata/<case>/options.json: how a case calls Load.
type caseOptions struct {
	// ProjectDir loads the case directory as a project (cdk.json) rather
	// than its cdk.out.
	ProjectDir bool              `json:"projectDir"`
	Stacks     []string          `json:"stacks"`
	Parameters map[string]string `json:"parameters"`
	Env        struct {
		Account string `json:"account"`
		Region  string `json:"region"`
	} `json:"env"`
}

// golden is what expected.json holds: the model, or the error of Load.
type golden struct {
	Error string        `json:"error,omitempty"`
	App   *appmodel.App `json:"app"`
}

// fixtureDir is where the shared CDK fixtures are, beside the clone.
var fixtureDir = filepath.Join("..", "..", "..", "shared", "fixtures", "cdk")

func TestLoadGolden(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), "fuzz") || strings.HasPrefix(e.Name(), "fixture-") ||
			strings.HasPrefix(e.Name(), "app-") {
			continue
		}
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			runGolden(t, filepath.Join("testdata", name), filepath.Join("testdata", name))
		})
	}
}

// TestLoadFixtures reads the real cloud assemblies `cdk synth` wrote for
// the shared example apps.
func TestLoadFixtures(t *testing.T) {
	for _, name := range []string{"orders-http", "rest-layers"} {
		t.Run(name, func(t *testing.T) {
			input := filepath.Join(fixtureDir, name)
			if _, err := os.Stat(input); err != nil {
				t.Skipf("shared fixtures are not beside the clone (%v)", err)
			}
			runGolden(t, input, filepath.Join("testdata", "fixture-"+name))
		})
	}
}

// TestLoadTestApps reads the apps other packages' tests serve, synthesized
// for real and kept once in the repository: cmd/ldk/testdata/authapp has
// an authorizer of every kind.
func TestLoadTestApps(t *testing.T) {
	for _, name := range []string{"authapp"} {
		t.Run(name, func(t *testing.T) {
			input := filepath.Join("..", "..", "cmd", "ldk", "testdata", name)
			runGolden(t, input, filepath.Join("testdata", "app-"+name))
		})
	}
}

// runGolden loads input as the case in dir describes and compares the
// result with dir/expected.json.
func runGolden(t *testing.T, input, dir string) {
	t.Helper()
	var co caseOptions
	if data, err := os.ReadFile(filepath.Join(dir, "options.json")); err == nil {
		if err := json.Unmarshal(data, &co); err != nil {
			t.Fatalf("options.json: %v", err)
		}
	} else {
		co.ProjectDir = input != dir
	}

	cache := t.TempDir()
	opts := Options{
		Stacks:     co.Stacks,
		Parameters: co.Parameters,
		Env:        appmodel.Env{Account: co.Env.Account, Region: co.Env.Region},
		CacheDir:   cache,
	}
	if co.ProjectDir {
		opts.ProjectDir = input
	} else {
		opts.CdkOut = filepath.Join(input, "cdk.out")
	}

	app, err := Load(opts)
	var g golden
	g.App = app
	if err != nil {
		var le *appmodel.LoadError
		if !errors.As(err, &le) {
			t.Fatalf("Load returned %T, want *appmodel.LoadError: %v", err, err)
		}
		g.Error = err.Error()
	}

	got := stable(t, g, input, cache)
	file := filepath.Join(dir, "expected.json")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("model differs from %s (-want +got):\n%s", file, diff)
	}
}

// cacheApp matches the per-app cache directory below the cache root.
var cacheApp = regexp.MustCompile(`\$CACHE/cdk/[0-9a-f]{16}`)

// stable renders g as indented JSON with the input directory written as
// $ROOT and the cache directory as $CACHE.
func stable(t *testing.T, g golden, input, cache string) []byte {
	t.Helper()
	data, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	root, err := filepath.Abs(input)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	s = strings.ReplaceAll(s, cache, "$CACHE")
	s = strings.ReplaceAll(s, root, "$ROOT")
	s = cacheApp.ReplaceAllString(s, "$$CACHE")
	return []byte(s + "\n")
}

// TestFixtureValues checks, against what each app.js defines, the values
// a runtime would see: real names and URLs, never placeholders.
func TestFixtureValues(t *testing.T) {
	tests := []struct {
		fixture  string
		function string
		key      string
		want     string
	}{
		{"orders-http", "OrdersStack-CreateOrder18B1EE4A", "TABLE_NAME", "OrdersStack-OrdersA9B65338"},
		{"orders-http", "OrdersStack-CreateOrder18B1EE4A", "QUEUE_URL",
			"https://sqs.eu-west-1.amazonaws.com/111111111111/OrdersStack-OrderQueue39B99167"},
		{"orders-http", "OrdersStack-CreateOrder18B1EE4A", "GREETING", "hello"},
		{"orders-http", "orders-get", "TABLE_NAME", "OrdersStack-OrdersA9B65338"},
		{"orders-http", "OrdersStack-ProcessOrder10906E0C", "TABLE_ARN",
			"arn:aws:dynamodb:eu-west-1:111111111111:table/OrdersStack-OrdersA9B65338"},
		{"rest-layers", "RestStack-ItemsFnCAB9F472", "STAGE", "dev"},
	}
	apps := map[string]*appmodel.App{}
	for _, name := range []string{"orders-http", "rest-layers"} {
		dir := filepath.Join(fixtureDir, name)
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("shared fixtures are not beside the clone (%v)", err)
		}
		app, err := Load(Options{ProjectDir: dir, CacheDir: t.TempDir()})
		if err != nil {
			t.Fatalf("loading %s: %v", name, err)
		}
		if len(app.Diagnostics) != 0 {
			t.Errorf("%s: diagnostics %v, want none", name, app.Diagnostics)
		}
		for _, f := range app.Functions {
			for k, v := range f.Environment {
				if strings.Contains(v, "${Unresolved") {
					t.Errorf("%s: %s %s = %q is not resolved", name, f.Name, k, v)
				}
			}
			if !f.Runnable || f.CodeDir == "" {
				t.Errorf("%s: %s is not runnable from disk: %s", name, f.Name, f.Reason)
			}
		}
		apps[name] = app
	}
	for _, tt := range tests {
		t.Run(tt.fixture+"/"+tt.function+"/"+tt.key, func(t *testing.T) {
			f := apps[tt.fixture].Function(tt.function)
			if f == nil {
				t.Fatalf("no function %s", tt.function)
			}
			if got := f.Environment[tt.key]; got != tt.want {
				t.Errorf("%s = %q, want %q", tt.key, got, tt.want)
			}
		})
	}

	inline := apps["rest-layers"].Function("RestStack-InlineFn5EDE362A")
	src, err := os.ReadFile(filepath.Join(inline.CodeDir, "index.py"))
	want := "def handler(event, context):\n    return {\"statusCode\": 200, \"body\": \"inline ok\"}\n"
	if err != nil || string(src) != want {
		t.Errorf("inline code = %q, %v; want %q", src, err, want)
	}
	sm := apps["orders-http"].StateMachines
	if len(sm) != 1 || strings.Join(sm[0].Functions, ",") != "OrdersStack-Receipt1CA0B27C" {
		t.Errorf("state machines = %+v, want one invoking OrdersStack-Receipt1CA0B27C", sm)
	}
}

func TestStackSelection(t *testing.T) {
	cdkOut := filepath.Join("testdata", "nested-assembly", "cdk.out")
	tests := []struct {
		name      string
		stacks    []string
		wantFuncs int
		wantErr   string
	}{
		{name: "all", wantFuncs: 2},
		{name: "stage display path glob", stacks: []string{"Dev/*"}, wantFuncs: 2},
		{name: "stack name", stacks: []string{"Dev-Api"}, wantFuncs: 2},
		{name: "artifact id", stacks: []string{"DevApi1234ABCD"}, wantFuncs: 2},
		{name: "no match", stacks: []string{"Prod/*", "Test"},
			wantErr: "no stack matches --stack Prod/*, Test (pick one of: Dev/Api)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, err := Load(Options{CdkOut: cdkOut, Stacks: tt.stacks, CacheDir: t.TempDir()})
			if tt.wantErr != "" {
				if err == nil || !strings.HasSuffix(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one ending in %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(app.Functions) != tt.wantFuncs {
				t.Errorf("got %d functions, want %d", len(app.Functions), tt.wantFuncs)
			}
		})
	}
}

func TestAssemblyIncludingItself(t *testing.T) {
	dir := t.TempDir()
	manifest := `{"version": "39.0.0", "artifacts": {"Self": {"type": "cdk:cloud-assembly",
		"properties": {"directoryName": ".", "displayName": "Self"}}}}`
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(Options{CdkOut: dir, CacheDir: t.TempDir()})
	want := filepath.Join(dir, "manifest.json") + ": error: the cloud assembly includes itself; read once " +
		"(fix the directoryName of the nested cloud assembly)"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

func TestAssemblyDir(t *testing.T) {
	badJSON := t.TempDir()
	if err := os.WriteFile(filepath.Join(badJSON, "cdk.json"), []byte("{\n  \"output\": out\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		opts    Options
		wantErr string
	}{
		{name: "project dir with cdk.json output", opts: Options{ProjectDir: filepath.Join("testdata", "cdk-json-output")}},
		{name: "project dir that is an assembly", opts: Options{ProjectDir: filepath.Join("testdata", "schema-30", "cdk.out")}},
		{name: "cdk-out wins", opts: Options{ProjectDir: badJSON, CdkOut: filepath.Join("testdata", "schema-30", "cdk.out")}},
		{name: "malformed cdk.json", opts: Options{ProjectDir: badJSON},
			wantErr: filepath.Join(badJSON, "cdk.json") + ":2:13: error: cdk.json is not valid JSON: " +
				"invalid character 'o' looking for beginning of value (fix cdk.json, or pass --cdk-out)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.CacheDir = t.TempDir()
			app, err := Load(tt.opts)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(app.Functions) != 1 || app.Functions[0].Name != "Api-HelloFn1A2B3C4D" {
				t.Errorf("functions = %+v, want Api-HelloFn1A2B3C4D", app.Functions)
			}
		})
	}
}
