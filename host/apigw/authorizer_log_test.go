package apigw

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/appmodel"
)

// TestAuthorizerWarnings checks what an API says about its authorizers
// when its routes are set, and again after a reload.
func TestAuthorizerWarnings(t *testing.T) {
	t.Parallel()
	jwt := &appmodel.Authorizer{Name: "jwt", Type: appmodel.AuthorizerJWT}
	orphan := &appmodel.Authorizer{Name: "gone", Type: appmodel.AuthorizerRequest, PayloadVersion: "2.0"}
	r := func(path string, a *appmodel.Authorizer) appmodel.Route {
		return appmodel.Route{API: ordersAPI.Name, Kind: appmodel.KindHTTP, Method: "GET", Path: path,
			Function: "f", PayloadVersion: "2.0", Authorizer: a}
	}
	routes := []appmodel.Route{r("/a", jwt), r("/b", jwt), r("/c", orphan), r("/d", orphan), r("/e", nil)}

	var buf syncBuffer
	opts := testOptions()
	opts.Logger = hclog.New(&hclog.LoggerOptions{Output: &buf, DisableTime: true})
	h, err := NewAPIHandler(ordersAPI, routes, ok(`{}`), opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.SetRoutes(routes); err != nil {
		t.Fatal(err)
	}

	orphanLine := `[WARN]  Lambda authorizer names no function of this app; its routes answer 500 until it does: ` +
		`api=OrdersApi authorizer=gone route="GET /c"` + "\n"
	want := `[WARN]  token signatures are NOT verified: ldk checks a token's form, times, issuer, audience and scopes, ` +
		`but it is offline and cannot fetch the signing keys: api=OrdersApi authorizer=jwt type=JWT` + "\n" +
		orphanLine + orphanLine
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
}
