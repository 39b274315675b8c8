package reload

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/host/watch"
)

func TestPlanFor(t *testing.T) {
	app := &appmodel.App{Functions: []appmodel.Function{
		{Name: "api", Runnable: true, CodeDir: "/p/src/api", Layers: []string{"/p/layers/shared"}},
		{Name: "worker", Runnable: true, CodeDir: "/p/src/worker", Layers: []string{"/p/layers/shared"}},
		{Name: "apiv2", Runnable: true, CodeDir: "/p/src/api-v2"},
		{Name: "s3only", Runnable: false, CodeDir: "/p/src/s3"},
	}}
	tf := inputs{roots: []string{"/p"}, isModelFile: func(p string) bool { return strings.HasSuffix(p, ".tf") }}
	cdk := inputs{roots: []string{"/p/cdk.out"}}

	tests := []struct {
		name      string
		in        inputs
		paths     []string
		wantModel bool
		wantCode  []string
	}{
		{name: "code of one function", in: cdk, paths: []string{"/p/src/api/index.js"}, wantCode: []string{"api"}},
		{name: "a sibling directory with a common prefix is not the code",
			in: cdk, paths: []string{"/p/src/api-v2/index.js"}, wantCode: []string{"apiv2"}},
		{name: "a shared layer recycles every user", in: cdk, paths: []string{"/p/layers/shared/lib/x.js"},
			wantCode: []string{"api", "worker"}},
		{name: "a function that cannot run is not recycled", in: cdk, paths: []string{"/p/src/s3/a.py"}},
		{name: "assembly file", in: cdk, paths: []string{"/p/cdk.out/manifest.json"}, wantModel: true},
		{name: "terraform file beside code", in: tf, paths: []string{"/p/main.tf", "/p/src/worker/app.py"},
			wantModel: true, wantCode: []string{"worker"}},
		{name: "terraform file inside a code directory", in: tf, paths: []string{"/p/src/api/extra.tf"},
			wantModel: true, wantCode: []string{"api"}},
		{name: "code under the terraform root is only code", in: tf, paths: []string{"/p/src/api/index.js"},
			wantCode: []string{"api"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := planFor(watch.Change{Paths: tt.paths}, app, tt.in)
			if p.model != tt.wantModel {
				t.Errorf("model: %v, want %v", p.model, tt.wantModel)
			}
			if diff := cmp.Diff(tt.wantCode, sortedKeys(p.code), cmpEmpty); diff != "" {
				t.Errorf("code (-want +got):\n%s", diff)
			}
		})
	}
}

// cmpEmpty makes nil and empty slices equal.
var cmpEmpty = cmp.FilterValues(func(a, b []string) bool { return len(a) == 0 && len(b) == 0 },
	cmp.Comparer(func(_, _ []string) bool { return true }))

func TestPlanForTruncatedPaths(t *testing.T) {
	app := &appmodel.App{Functions: []appmodel.Function{{Name: "api", Runnable: true, CodeDir: "/p/cdk.out/asset.1"}}}
	var paths []string
	for i := range pathsCap {
		paths = append(paths, fmt.Sprintf("/p/cdk.out/asset.1/node_modules/m%d.js", i))
	}
	c := watch.Change{Paths: paths, Roots: []string{"/p/cdk.out", "/p/cdk.out/asset.1"}}

	p := planFor(c, app, inputs{roots: []string{"/p/cdk.out"}})
	if !p.model || p.code["api"] == "" {
		t.Errorf("a change that lost paths: model %v, code %v; want both", p.model, p.code)
	}
}

func TestDescribeChange(t *testing.T) {
	c := appmodel.Change{AddedFunctions: []string{"a"}, RemovedFunctions: []string{"b"}, ChangedFunctions: []string{"c"},
		ChangedAPIs: []string{"Shop"}, AddedURLs: []string{"a"}}
	want := "functions +a -b ~c; APIs ~Shop; function URLs +a"
	if got := describeChange(c); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestWatchRoots(t *testing.T) {
	app := &appmodel.App{Functions: []appmodel.Function{
		{Name: "a", Runnable: true, CodeDir: "/p/a", Layers: []string{"/p/l"}},
		{Name: "b", Runnable: true, CodeDir: "/p/a"},
		{Name: "c", Reason: "no code", CodeDir: "/p/c"},
	}}
	got := watchRoots(app, inputs{roots: []string{filepath.FromSlash("/p/cdk.out")}})
	want := []string{"/p/a", "/p/cdk.out", "/p/l"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("roots (-want +got):\n%s", diff)
	}
}

func TestPlanForRestartFile(t *testing.T) {
	in := inputs{roots: []string{"/p"}, restart: []string{"/p/ldk.yaml"}}
	p := planFor(watch.Change{Paths: []string{"/p/ldk.yaml"}}, &appmodel.App{}, in)
	if p.model || len(p.code) != 0 || !cmp.Equal(p.restart, []string{"/p/ldk.yaml"}) {
		t.Errorf("ldk.yaml changed: model %v, code %v, restart %v; want only the restart hint", p.model, p.code, p.restart)
	}
}

func TestPlanForConfigFile(t *testing.T) {
	// ldk.yaml in a Terraform module that is also a function's code:
	// it reads the model again and recycles no code.
	app := &appmodel.App{Functions: []appmodel.Function{{Name: "api", Runnable: true, CodeDir: "/p"}}}
	in := inputs{roots: []string{"/p"}, config: []string{"/p/ldk.yaml"}}
	p := planFor(watch.Change{Paths: []string{"/p/ldk.yaml"}}, app, in)
	if !p.model || len(p.code) != 0 || len(p.restart) != 0 {
		t.Errorf("ldk.yaml changed: model %v, code %v, restart %v; want the model only", p.model, p.code, p.restart)
	}
}

func TestSynthMatch(t *testing.T) {
	s := &Synth{cfg: SynthConfig{ProjectDir: "/p", Include: []string{"**"},
		Exclude: []string{"README.md", "**/*.d.ts", "node_modules", "test"}}}
	tests := []struct {
		name string
		path string
		want string
	}{
		{name: "source file", path: "/p/lib/stack.ts", want: "lib/stack.ts"},
		{name: "excluded by name", path: "/p/README.md"},
		{name: "excluded by a double-star glob", path: "/p/lib/types.d.ts"},
		{name: "below an excluded directory", path: "/p/test/unit/a.ts"},
		{name: "outside the project", path: "/q/lib/stack.ts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.firstMatch([]string{tt.path}); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
