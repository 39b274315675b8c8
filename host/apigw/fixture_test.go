package apigw

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// fixtures is ../shared/fixtures/cdk relative to the repository root.
var fixtures = filepath.Join("..", "..", "..", "shared", "fixtures", "cdk")

// nodeScript loads a handler module and calls one export with the event
// read from stdin, writing the result as JSON.
const nodeScript = `
const mod = require(process.env.HANDLER_FILE);
let input = '';
process.stdin.on('data', d => { input += d; });
process.stdin.on('end', async () => {
  const ctx = { functionName: 'fixture', getRemainingTimeInMillis: () => 1000 };
  const out = await mod[process.env.HANDLER_EXPORT](JSON.parse(input), ctx);
  process.stdout.write(JSON.stringify(out));
});`

// nodeHandler runs a fixture's real node handler in a real node process,
// once per invocation, so the fixture's own code reads the events the
// gateway builds.
type nodeHandler struct {
	file, export string
	env          []string
}

func (n nodeHandler) Invoke(ctx context.Context, req invoke.Request) (*compute.InvokeResult, error) {
	cmd := exec.CommandContext(ctx, "node", "-e", nodeScript)
	cmd.Env = append(os.Environ(), append(n.env, "HANDLER_FILE="+n.file, "HANDLER_EXPORT="+n.export)...)
	cmd.Stdin = bytes.NewReader(req.Payload)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return &compute.InvokeResult{ErrorType: "Unhandled", Payload: stderr.Bytes()}, nil
	}
	return &compute.InvokeResult{Payload: out}, nil
}

func TestFixtureHandlers(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed; the fixture handlers need it")
	}
	if _, err := os.Stat(fixtures); err != nil {
		t.Skipf("fixtures not found at %s (shared/ must sit beside the clone)", fixtures)
	}
	abs := func(p ...string) string {
		a, err := filepath.Abs(filepath.Join(append([]string{fixtures}, p...)...))
		if err != nil {
			t.Fatal(err)
		}
		return a
	}

	ordersAPI := appmodel.API{Name: "OrdersApi", Kind: appmodel.KindHTTP, ID: "o1", Stage: "$default"}
	ordersRoutes := []appmodel.Route{
		{API: "OrdersApi", Method: "GET", Path: "/orders/{id}", Function: "orders-get", PayloadVersion: appmodel.Payload20},
		{API: "OrdersApi", Method: "POST", Path: "/orders", Function: "create", PayloadVersion: appmodel.Payload20},
	}
	getOrder := nodeHandler{file: abs("orders-http", "lambda", "get-order", "index.js"), export: "handler"}

	shopAPI := appmodel.API{Name: "ShopApi", Kind: appmodel.KindREST, ID: "s1", Stage: "prod"}
	shopRoutes := []appmodel.Route{
		{API: "ShopApi", Method: "GET", Path: "/items", Function: "items", PayloadVersion: appmodel.Payload10},
		{API: "ShopApi", Method: "GET", Path: "/items/{itemId}", Function: "items", PayloadVersion: appmodel.Payload10},
		{API: "ShopApi", Method: "ANY", Path: "/files/{proxy+}", Function: "bundled", PayloadVersion: appmodel.Payload10},
	}
	items := nodeHandler{file: abs("rest-layers", "src", "api", "items.js"), export: "list",
		env: []string{"STAGE=dev", "NODE_PATH=" + abs("rest-layers", "layers", "shared", "nodejs", "node_modules")}}
	bundled := nodeHandler{file: abs("rest-layers", "cdk.out", "asset.a3eec6a36b673cdcbd7397ca743c3d00edee8a4aee3fed8579cece84bbcecbc7", "index.js"), export: "handler"}

	tests := []struct {
		name       string
		serve      func() (http.Handler, error)
		method     string
		target     string
		wantStatus int
		wantCookie []string
		wantBody   string
	}{
		{"orders GET /orders/42 with repeated query keys",
			func() (http.Handler, error) { return NewAPIHandler(ordersAPI, ordersRoutes, getOrder, Options{}) },
			"GET", "/orders/42?x=1&x=2", 200, nil,
			`{"id":"42","routeKey":"GET /orders/{id}","q":{"x":"1,2"},"version":"2.0"}`},
		{"orders GET /orders has no route",
			func() (http.Handler, error) { return NewAPIHandler(ordersAPI, ordersRoutes, getOrder, Options{}) },
			"GET", "/orders", 404, nil, `{"message":"Not Found"}`},
		{"shop GET /prod/items with layer and two cookies",
			func() (http.Handler, error) { return NewAPIHandler(shopAPI, shopRoutes, items, Options{}) },
			"GET", "/prod/items?a=1&a=2", 200, []string{"a=1", "b=2"},
			`{"msg":"hello from layer (dev)","id":null,"resource":"/items","path":"/items","stage":"prod","mv":{"a":["1","2"]}}`},
		{"shop GET /items/7 at the root",
			func() (http.Handler, error) { return NewAPIHandler(shopAPI, shopRoutes, items, Options{}) },
			"GET", "/items/7", 200, []string{"a=1", "b=2"},
			`{"msg":"hello from layer (dev)","id":"7","resource":"/items/{itemId}","path":"/items/7","stage":"prod","mv":null}`},
		{"shop GET /files is not the proxy's parent",
			func() (http.Handler, error) { return NewAPIHandler(shopAPI, shopRoutes, bundled, Options{}) },
			"GET", "/prod/files", 403, nil, `{"message":"Missing Authentication Token"}`},
		{"function URL GET /a/b.png",
			func() (http.Handler, error) {
				return NewFunctionURLHandler(appmodel.FunctionURL{Function: "bundled", AuthType: "NONE"}, bundled, Options{}), nil
			},
			"GET", "/a/b.png", 200, nil, `{"file":"b.png","kind":"2.0"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, err := tc.serve()
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, request(tc.method, tc.target, nil, nil))
			if rec.Code != tc.wantStatus || rec.Body.String() != tc.wantBody {
				t.Errorf("got %d %s\nwant %d %s", rec.Code, rec.Body, tc.wantStatus, tc.wantBody)
			}
			if got := rec.Result().Header.Values("Set-Cookie"); len(got) != len(tc.wantCookie) ||
				(len(got) > 0 && (got[0] != tc.wantCookie[0] || got[1] != tc.wantCookie[1])) {
				t.Errorf("Set-Cookie = %q, want %q", got, tc.wantCookie)
			}
		})
	}
}
