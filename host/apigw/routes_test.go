package apigw

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/appmodel"
)

func TestRouteMatching(t *testing.T) {
	t.Parallel()
	routes := []appmodel.Route{
		{Method: "ANY", Path: "$default", Function: "default"},
		{Method: "ANY", Path: "/{proxy+}", Function: "root-greedy"},
		{Method: "GET", Path: "/pets", Function: "pets"},
		{Method: "ANY", Path: "/pets/{id}", Function: "pet-any"},
		{Method: "GET", Path: "/pets/{id}", Function: "pet-get"},
		{Method: "GET", Path: "/pets/dog", Function: "dog"},
		{Method: "GET", Path: "/pets/{id}/toys/{toy}", Function: "toy"},
		{Method: "GET", Path: "/pets/{id}/toys/ball", Function: "ball"},
		{Method: "GET", Path: "/pets/{id}/{rest+}", Function: "pet-greedy"},
	}
	table, err := compileRoutes(routes)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path string
		wantFn             string
		wantParams         map[string]string
	}{
		{"exact", "GET", "/pets", "pets", nil},
		{"exact beats parameter", "GET", "/pets/dog", "dog", nil},
		{"named method beats ANY", "GET", "/pets/7", "pet-get", map[string]string{"id": "7"}},
		{"ANY matches other methods", "DELETE", "/pets/7", "pet-any", map[string]string{"id": "7"}},
		{"literal segment beats parameter deeper", "GET", "/pets/7/toys/ball", "ball", map[string]string{"id": "7"}},
		{"two parameters", "GET", "/pets/7/toys/rope", "toy", map[string]string{"id": "7", "toy": "rope"}},
		{"parameter beats greedy", "GET", "/pets/7/bowls", "pet-greedy", map[string]string{"id": "7", "rest": "bowls"}},
		{"greedy takes the rest", "GET", "/pets/7/a/b/c", "pet-greedy", map[string]string{"id": "7", "rest": "a/b/c"}},
		{"root greedy", "POST", "/pets", "root-greedy", map[string]string{"proxy": "pets"}},
		{"greedy needs a segment", "GET", "/", "default", nil},
		{"empty parameter does not match", "GET", "/pets//toys/x", "root-greedy", map[string]string{"proxy": "pets//toys/x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := table.find(tc.method, tc.path)
			if m == nil {
				t.Fatalf("no route for %s %s, want %q", tc.method, tc.path, tc.wantFn)
			}
			if m.route.route.Function != tc.wantFn {
				t.Errorf("route %q, want %q", m.route.route.Function, tc.wantFn)
			}
			if diff := cmp.Diff(tc.wantParams, m.params); diff != "" {
				t.Errorf("params (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRouteNoMatchWithoutDefault(t *testing.T) {
	t.Parallel()
	table, err := compileRoutes([]appmodel.Route{{Method: "GET", Path: "/files/{proxy+}", Function: "f"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/files", "/files/", "/other"} {
		if m := table.find("GET", p); m != nil {
			t.Errorf("GET %s matched %q, want no route", p, m.route.route.Function)
		}
	}
}

// TestStagePrefixAgainstRootResource checks a REST path that can be read
// with or without the stage prefix goes to the more specific route.
func TestStagePrefixAgainstRootResource(t *testing.T) {
	t.Parallel()
	api := appmodel.API{Name: "Api", Kind: appmodel.KindREST, Stage: "dev"}
	routes := []appmodel.Route{
		{API: "Api", Method: "GET", Path: "/", Function: "root"},
		{API: "Api", Method: "GET", Path: "/dev", Function: "dev-resource"},
		{API: "Api", Method: "GET", Path: "/items", Function: "items"},
		{API: "Api", Method: "ANY", Path: "/{proxy+}", Function: "proxy"},
	}
	h, err := NewAPIHandler(api, routes, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ path, wantFn, wantResource, wantSent string }{
		{"/dev", "root", "/", "/dev"},                    // both exact: the stage reading wins
		{"/dev/dev", "dev-resource", "/dev", "/dev/dev"}, // the resource under the stage
		{"/dev/items", "items", "/items", "/dev/items"},  // exact under the stage beats the root proxy
		{"/items", "items", "/items", "/dev/items"},      // at the root
		{"/dev/x/y", "proxy", "/x/y", "/dev/x/y"},        // greedy either way: the stage reading
		{"/other", "proxy", "/other", "/dev/other"},
	}
	for _, tc := range cases {
		in := &incoming{method: "GET", path: tc.path}
		m, sent := h.route(in)
		if m == nil {
			t.Fatalf("%s: no route", tc.path)
		}
		if m.route.route.Function != tc.wantFn || in.path != tc.wantResource || sent != tc.wantSent {
			t.Errorf("%s: function %q path %q sent %q; want %q %q %q",
				tc.path, m.route.route.Function, in.path, sent, tc.wantFn, tc.wantResource, tc.wantSent)
		}
	}
}
