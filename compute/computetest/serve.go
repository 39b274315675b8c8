package computetest

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/ldkdev/ldk/compute"
)

// ServeIfPlugin turns a test binary into a compute plugin when the host
// started it as one (the handshake's cookie is in its environment): it
// serves a test Backend named after the binary (ldk-compute-<name>) and
// exits. Otherwise it returns at once. Call it first in TestMain, then
// copy or link os.Args[0] to ldk-compute-<name> to use it as a plugin.
func ServeIfPlugin() {
	if os.Getenv(compute.Handshake.MagicCookieKey) != compute.Handshake.MagicCookieValue {
		return
	}

	name := strings.TrimPrefix(filepath.Base(os.Args[0]), "ldk-compute-")
	compute.Serve(New(name))
	os.Exit(0)
}
