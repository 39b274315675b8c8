package bench

import (
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/ldkdev/ldk/appmodel/cdk"
)

// TestAssemblyReadsBack writes an assembly and reads it with ldk's own
// reader: every function, runtime, handler, code directory and route.
func TestAssemblyReadsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cdk.out")
	fns := []Function{
		{Name: "bench-node", Runtime: RuntimeNode, Route: "GET /node"},
		{Name: "bench-python", Runtime: RuntimePython, Route: "GET /python/{id}"},
		{Name: "no-route", Runtime: RuntimeNode},
	}
	if err := WriteAssembly(dir, fns); err != nil {
		t.Fatal(err)
	}
	app, err := cdk.Load(cdk.Options{CdkOut: dir, CacheDir: t.TempDir()})
	if err != nil {
		t.Fatalf("reading the generated assembly: %v", err)
	}
	if len(app.Functions) != 3 {
		t.Fatalf("read %d functions, want 3", len(app.Functions))
	}
	for _, want := range fns {
		f := app.Function(want.Name)
		if f == nil {
			t.Errorf("function %s is missing", want.Name)
			continue
		}
		if f.Runtime != want.Runtime || f.Handler != "index.handler" || !f.Runnable {
			t.Errorf("%s: runtime %q handler %q runnable %v, want %q index.handler true",
				want.Name, f.Runtime, f.Handler, f.Runnable, want.Runtime)
		}
		if wantDir := filepath.Join(dir, assetDir(want.Runtime)); f.CodeDir != wantDir {
			t.Errorf("%s: code directory %s, want %s", want.Name, f.CodeDir, wantDir)
		}
	}
	var routes []string
	for _, r := range app.Routes {
		routes = append(routes, r.Method+" "+r.Path+" -> "+r.Function)
	}
	sort.Strings(routes)
	want := []string{"GET /node -> bench-node", "GET /python/{id} -> bench-python"}
	if len(routes) != len(want) || routes[0] != want[0] || routes[1] != want[1] {
		t.Errorf("routes %q, want %q", routes, want)
	}
}

// TestClassicRunners runs each baseline runner once with a real
// interpreter and checks the handler's result and its own time.
func TestClassicRunners(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cdk.out")
	if err := WriteAssembly(dir, nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, runtime, exe, want string
	}{
		{"node", RuntimeNode, "node", `{"statusCode":200,"body":"hello"}`},
		{"python", RuntimePython, "python3", `{"statusCode": 200, "body": "hello"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			exe, err := exec.LookPath(tc.exe)
			if err != nil {
				t.Skipf("%s not on PATH: the baseline runs it", tc.exe)
			}
			c := NewClassic(dir, tc.runtime, exe)
			out, err := c.Invoke([]byte(`{"bench":true}`))
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tc.want {
				t.Errorf("result %s, want %s", out, tc.want)
			}
			own, err := c.OwnTime([]byte(`{}`), 10)
			if err != nil {
				t.Fatal(err)
			}
			if own <= 0 {
				t.Errorf("handler's own time %v, want a positive duration", own)
			}
		})
	}
}
