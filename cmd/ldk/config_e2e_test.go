package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runBinaryEnv runs the built ldk to completion with extra environment
// variables, as runBinary does without them.
func runBinaryEnv(t *testing.T, env []string, args ...string) ranLdk {
	t.Helper()
	needBinaries(t)
	cmd := ldkCommand(randomHex(8), args...)
	cmd.Env = append(cmd.Env, env...)
	// A run that should end but serves instead must not hang the suite.
	timer := time.AfterFunc(runLimit, func() { cmd.Process.Kill() })
	defer timer.Stop()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := ranLdk{stdout: out.String(), stderr: errOut.String()}
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		r.code = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("running ldk %s: %v", strings.Join(args, " "), err)
	}
	return r
}

// TestConfigErrors gives ldk dev and ldk ls a bad ldk.yaml or LDK_*
// variable: each run stops before serving with one line naming the file,
// line and column (or the variable) and the fix; dev and ls agree.
func TestConfigErrors(t *testing.T) {
	t.Parallel()
	needBinaries(t)
	cdkOut := filepath.Join(sharedFixture(t, "cdk", "orders-http"), "cdk.out")
	functions := "OrdersStack-CreateOrder18B1EE4A, OrdersStack-ProcessOrder10906E0C, OrdersStack-Receipt1CA0B27C, orders-get"
	for _, tc := range []struct {
		name, yaml string
		env        []string
		// args are added to dev's; a case with env or args runs dev alone.
		args []string
		// want is all of stderr; FILE stands for the ldk.yaml path.
		want string
		code int
	}{
		{name: "tab", yaml: "functions:\n\torders-get: {}\n", code: 1,
			want: "ldk: FILE:2:1: found character that cannot start any token; indent with spaces: YAML does not allow tabs there\n"},
		{name: "port as text", yaml: "port: \"abc\"\n", code: 1,
			want: "ldk: FILE:1:7: port must be a whole number, not the string \"abc\"; write it as e.g. port: 3000\n"},
		{name: "functions as a list", yaml: "functions: [1,2]\n", code: 1,
			want: "ldk: FILE:1:12: functions must be a map of names to settings, not a list; write it as e.g. functions: {CreateOrder: {environment: {DEBUG: \"1\"}}}\n"},
		{name: "function the app lacks", yaml: "log_level: info\nfunctions:\n  nonexist:\n    environment: {A: b}\n", code: 1,
			want: "ldk: FILE:3:3: functions.nonexist: the app has no such function; name one of " + functions + ", or remove it\n"},
		{name: "endpoint not a url", yaml: "endpoints: {dynamodb: \"not a url\"}\n", code: 1,
			want: "ldk: FILE:1:13: endpoints.dynamodb \"not a url\" is not an absolute http(s) URL; write it as e.g. http://127.0.0.1:8000\n"},
		{name: "second document", yaml: "port: 0\n---\nport: 1\n", code: 1,
			want: "ldk: FILE:2:1: a second YAML document starts here; ldk.yaml holds one: remove the --- line and merge what follows into the first\n"},
		{name: "LDK_PORT not a number", env: []string{"LDK_PORT=abc"}, code: 2,
			want: "ldk: LDK_PORT=abc: the value must be a whole number; fix LDK_PORT or unset it (it sets --port)\n"},
		{name: "--port not a number", args: []string{"--port", "abc"}, code: 2,
			want: "ldk: --port abc: the value must be a whole number (ldk dev --help)\n"},
		{name: "LDK_READY_FILE names a file ldk did not write", env: []string{"LDK_READY_FILE=$FILE"}, yaml: "port: 0\n", code: 1,
			want: "ldk: the ready file FILE already exists and is not one ldk wrote; give --ready-file another path, or remove the file\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			file := filepath.Join(dir, "ldk.yaml")
			if tc.yaml != "" {
				if err := os.WriteFile(file, []byte(tc.yaml), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := strings.ReplaceAll(tc.want, "FILE", file)
			cmds := []string{"dev", "ls"}
			if tc.env != nil || tc.args != nil {
				cmds = cmds[:1] // ls has no --port nor --ready-file
			}
			env := make([]string, len(tc.env))
			for i, kv := range tc.env {
				env[i] = strings.ReplaceAll(kv, "$FILE", file)
			}
			for _, cmd := range cmds {
				args := []string{cmd, "--project-dir", dir, "--cdk-out", cdkOut}
				if cmd == "dev" {
					args = append(append(args, "--aws-port", "0"), tc.args...)
				}
				r := runBinaryEnv(t, env, args...)
				if r.code != tc.code || r.stderr != want || r.stdout != "" {
					t.Errorf("ldk %s: exit %d, stdout %q, stderr\n%q\nwant exit %d and\n%q", cmd, r.code, r.stdout, r.stderr, tc.code, want)
				}
			}
		})
	}
}

// TestConfigPluginDirWarning checks that a plugin_dir that does not exist
// is named in a warning with its position, and that ldk goes on.
func TestConfigPluginDirWarning(t *testing.T) {
	t.Parallel()
	needBinaries(t)
	cdkOut := filepath.Join(sharedFixture(t, "cdk", "orders-http"), "cdk.out")
	dir := t.TempDir()
	file := filepath.Join(dir, "ldk.yaml")
	missing := filepath.Join(dir, "nonexistent")
	if err := os.WriteFile(file, []byte("plugin_dir: "+missing+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// ldkCommand sets LDK_PLUGIN_DIR, which would win over the file.
	r := runBinaryEnv(t, nil, "ls", "--project-dir", dir, "--cdk-out", cdkOut)
	want := "ldk: warning: " + file + ":1:1: plugin_dir " + missing + " does not exist, so no plugin is found there; create it or fix the path\n"
	if r.code != 0 || r.stderr != want || !strings.HasPrefix(r.stdout, "FUNCTION") {
		t.Errorf("exit %d, stderr %q, stdout starts %q; want exit 0, stderr %q and the listing", r.code, r.stderr, r.stdout[:min(len(r.stdout), 40)], want)
	}
}
