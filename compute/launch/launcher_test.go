package launch

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ldkdev/ldk/compute"
)

// codeDir makes a code directory holding the given files.
func codeDir(t *testing.T, files map[string]os.FileMode) string {
	t.Helper()
	dir := t.TempDir()
	for name, mode := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPrepareRefuses(t *testing.T) {
	code := codeDir(t, map[string]os.FileMode{"index.js": 0o644, "bootstrap": 0o644})
	tests := []struct {
		name string
		spec compute.FunctionSpec
		want string
	}{
		{"unknown runtime", compute.FunctionSpec{Name: "f", Runtime: "java21", CodeDir: code},
			`function "f" uses runtime "java21", which the test backend does not run (it runs ` +
				strings.Join(Supported(), ", ") + `); choose a supported runtime or another compute backend`},
		{"image", compute.FunctionSpec{Name: "f", Runtime: "nodejs20.x", PackageType: "Image", CodeDir: code},
			`function "f" is a container image function, which the test backend cannot run; ` +
				`use a compute backend with the "images" capability for it`},
		{"no code", compute.FunctionSpec{Name: "f", Runtime: "nodejs20.x", CodeDir: filepath.Join(code, "none")},
			`function "f": code directory "` + filepath.Join(code, "none") + `" is not a directory`},
		{"no handler", compute.FunctionSpec{Name: "f", Runtime: "nodejs20.x", CodeDir: code},
			`function "f" has no handler; set one such as index.handler`},
		{"handler leaves the code", compute.FunctionSpec{Name: "f", Runtime: "python3.12", Handler: "../x.handler", CodeDir: code},
			`handler "../x.handler" of function "f" leaves the code directory ` + code + `; name a file inside it`},
		{"bootstrap not executable", compute.FunctionSpec{Name: "f", Runtime: "provided.al2023", CodeDir: code},
			`function "f" runs provided.al2023, but ` + filepath.Join(code, "bootstrap") + ` is not executable; chmod +x it`},
	}
	l := New("test", t.TempDir(), nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := l.Prepare(tt.spec)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestPrepareNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("needs node on PATH")
	}
	code := codeDir(t, map[string]os.FileMode{"index.js": 0o644})
	layer := t.TempDir()
	for _, d := range []string{"bin", "nodejs/node_modules"} {
		if err := os.MkdirAll(filepath.Join(layer, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	var warned []string
	l := New("test", dir, func(runtime, exe, version string) { warned = append(warned, runtime) })
	spec := compute.FunctionSpec{Name: "f", Runtime: "nodejs18.x", Handler: "index.handler", CodeDir: code,
		Layers: []string{layer}, Environment: map[string]string{"PATH": "/usr/bin", "GREETING": "hi"}}
	plan, err := l.Prepare(spec)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	if _, err := l.Prepare(spec); err != nil {
		t.Fatalf("Prepare again: %v", err)
	}
	in, err := FindInterpreter(Node)
	if err != nil {
		t.Fatalf("FindInterpreter: %v (node at %s)", err, node)
	}
	wantCmd := []string{in.Path, filepath.Join(dir, "runtime", "node", "runtime.cjs")}
	if !slices.Equal(plan.Command, wantCmd) {
		t.Errorf("command %v, want %v", plan.Command, wantCmd)
	}
	if _, err := os.Stat(wantCmd[1]); err != nil {
		t.Errorf("runtime client not laid out: %v", err)
	}
	for _, want := range []string{
		"GREETING=hi",
		"PATH=" + filepath.Join(layer, "bin") + ":/usr/bin",
		"NODE_PATH=" + filepath.Join(layer, "nodejs", "node_modules"),
		"LAMBDA_TASK_ROOT=" + code,
		"_HANDLER=index.handler",
		"LAMBDA_RUNTIME_DIR=" + filepath.Join(dir, "runtime"),
	} {
		if !slices.Contains(plan.Env, want) {
			t.Errorf("environment lacks %s: %v", want, plan.Env)
		}
	}
	if want := []string{"nodejs18.x"}; in.Version != 18 && !slices.Equal(warned, want) {
		t.Errorf("warned for %v, want once for %v (node is %s)", warned, want, in.Full)
	}
}

// TestRuntimeLookup pins the runtimes a launcher runs, the newest Lambda
// has among them.
func TestRuntimeLookup(t *testing.T) {
	tests := []struct {
		id   string
		want Runtime
		ok   bool
	}{
		{"nodejs24.x", Runtime{"nodejs24.x", Node, 24}, true},
		{"nodejs18.x", Runtime{"nodejs18.x", Node, 18}, true},
		{"python3.14", Runtime{"python3.14", Python, 14}, true},
		{"python3.9", Runtime{"python3.9", Python, 9}, true},
		{"provided.al2023", Runtime{"provided.al2023", Provided, 0}, true},
		{"java21", Runtime{}, false},
		{"nodejs16.x", Runtime{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			got, ok := Lookup(tc.id)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Lookup(%q) = %+v, %v; want %+v, %v", tc.id, got, ok, tc.want, tc.ok)
			}
		})
	}
}
