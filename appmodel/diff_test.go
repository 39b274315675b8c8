package appmodel

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	base := func() *App {
		return &App{
			Functions: []Function{
				{Name: "a", Runtime: "nodejs20.x", Handler: "index.handler", CodeDir: "/c/a", LogicalID: "A1"},
				{Name: "b", Runtime: "python3.12", Handler: "m.h", CodeDir: "/c/b"},
			},
			APIs:         []API{{Name: "Api", Kind: KindHTTP, Stage: "$default"}},
			Routes:       []Route{{API: "Api", Method: "GET", Path: "/a", Function: "a"}},
			FunctionURLs: []FunctionURL{{Function: "a", AuthType: "NONE"}},
		}
	}
	cases := []struct {
		name string
		edit func(*App)
		want Change
	}{
		{name: "nothing", edit: func(*App) {}, want: Change{}},
		{
			name: "a logical id alone is not a change to run",
			edit: func(a *App) { a.Functions[0].LogicalID = "A2" },
			want: Change{},
		},
		{
			name: "environment changed",
			edit: func(a *App) { a.Functions[1].Environment = map[string]string{"X": "1"} },
			want: Change{ChangedFunctions: []string{"b"}},
		},
		{
			name: "function and route added, URL removed",
			edit: func(a *App) {
				a.Functions = append(a.Functions, Function{Name: "c"})
				a.Routes = append(a.Routes, Route{API: "Api", Method: "POST", Path: "/c", Function: "c"})
				a.FunctionURLs = nil
			},
			want: Change{AddedFunctions: []string{"c"}, ChangedAPIs: []string{"Api"}, RemovedURLs: []string{"a"}},
		},
		{
			name: "API replaced",
			edit: func(a *App) {
				a.APIs[0].Name = "Api2"
				a.Routes[0].API = "Api2"
				a.Functions = a.Functions[:1]
			},
			want: Change{RemovedFunctions: []string{"b"}, AddedAPIs: []string{"Api2"}, RemovedAPIs: []string{"Api"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			next := base()
			tc.edit(next)
			got := Diff(base(), next)
			if d := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Fatalf("diff (-want +got):\n%s", d)
			}
			if got.Empty() != (tc.name == "nothing" || tc.name == "a logical id alone is not a change to run") {
				t.Fatalf("Empty() = %v", got.Empty())
			}
		})
	}
}

func TestFindFunction(t *testing.T) {
	t.Parallel()
	app := &App{Functions: []Function{
		{Name: "OrdersStack-Receipt1CA0B27C", LogicalID: "Receipt1CA0B27C", ConstructPath: "OrdersStack/Receipt/Resource"},
		{Name: "orders-get", LogicalID: "GetOrder56139C72", ConstructPath: "OrdersStack/GetOrder/Resource"},
		{Name: "shop-dev-hello", LogicalID: "aws_lambda_function.hello"},
	}}
	cases := []struct {
		ref       string
		wantName  string
		wantClose []string
	}{
		{ref: "orders-get", wantName: "orders-get"},
		{ref: "Receipt1CA0B27C", wantName: "OrdersStack-Receipt1CA0B27C"},
		{ref: "OrdersStack/GetOrder", wantName: "orders-get"},
		{ref: "aws_lambda_function.hello", wantName: "shop-dev-hello"},
		{ref: "Recept", wantClose: []string{"OrdersStack-Receipt1CA0B27C"}},
		{ref: "orders-gte", wantClose: []string{"orders-get"}},
		{ref: "hello", wantClose: []string{"shop-dev-hello"}},
		{ref: "zzz", wantClose: nil},
	}
	for _, tc := range cases {
		f, similar := app.FindFunction(tc.ref)
		got := ""
		if f != nil {
			got = f.Name
		}
		if got != tc.wantName || !cmp.Equal(similar, tc.wantClose, cmpopts.EquateEmpty()) {
			t.Errorf("FindFunction(%q) = %q, %v; want %q, %v", tc.ref, got, similar, tc.wantName, tc.wantClose)
		}
	}
}
