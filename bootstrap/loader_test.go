package bootstrap

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNodeHandlerStaysInCodeDir runs the node runtime client's loader with
// real node: a handler inside the task root loads; one that climbs out of
// it or names an absolute path is a malformed handler name, even though
// the module it names exists. Backends check handlers at Start too; this is
// the runtime client's own guard, for backends that do not.
func TestNodeHandlerStaysInCodeDir(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not found on PATH: this test runs the node runtime client")
	}
	loader, err := filepath.Abs(filepath.Join("node", "loader.cjs"))
	if err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs(filepath.Join("testdata", "escape", "root"))
	outside, _ := filepath.Abs(filepath.Join("testdata", "escape", "outside", "evil"))

	tests := []struct {
		name, handler, want string
	}{
		{"nested module inside", "api/items.handler", "loaded inside"},
		{"parent directory", "../outside/evil.handler",
			"Runtime.MalformedHandlerName: Bad handler '../outside/evil.handler': the module must be inside the function's code directory"},
		{"climbs back in", "api/../../outside/evil.handler",
			"Runtime.MalformedHandlerName: Bad handler 'api/../../outside/evil.handler': the module must be inside the function's code directory"},
		{"absolute path", outside + ".handler",
			"Runtime.MalformedHandlerName: Bad handler '" + outside + ".handler': the module must be inside the function's code directory"},
	}
	script := `const { loadHandler } = require(process.argv[1]);
loadHandler(process.argv[2], process.argv[3]).then(
  async (fn) => console.log('loaded ' + await fn({})),
  (err) => console.log(err.name + ': ' + err.message));`
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := exec.Command("node", "-e", script, loader, root, tc.handler).CombinedOutput()
			if err != nil {
				t.Fatalf("node: %v\n%s", err, out)
			}
			if got := strings.TrimSpace(string(out)); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
