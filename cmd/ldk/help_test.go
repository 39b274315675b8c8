package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestDevHelpDefaults checks that ldk dev --help states the defaults ldk
// really uses when a flag, its variable and ldk.yaml are all unset.
func TestDevHelpDefaults(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	app := newApp()
	app.Writer, app.ErrWriter = &out, &out
	if err := app.Run([]string{"ldk", "dev", "--help"}); err != nil {
		t.Fatal(err)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(out.String(), "\n") {
		f := strings.Fields(l)
		if len(f) > 0 && strings.HasPrefix(f[0], "--") {
			lines[f[0]] = l
		}
	}
	for _, tc := range []struct{ flag, want string }{
		{"--port", "(default: 3000) [$LDK_PORT]"},
		{"--aws-port", "(default: 4566) [$LDK_AWS_PORT]"},
		{"--host", "[$LDK_HOST]"},
		{"--concurrency", "(default: 10) [$LDK_CONCURRENCY]"},
	} {
		t.Run(tc.flag, func(t *testing.T) {
			if l := lines[tc.flag]; !strings.HasSuffix(l, tc.want) {
				t.Errorf("help line %q does not end with %q", l, tc.want)
			}
		})
	}
}
