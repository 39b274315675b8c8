package main

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// screenLines is how many lines a message may take to fit one screen.
const screenLines = 24

// copyDir copies the regular files under src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
}

// TestDevBadInput starts ldk dev on inputs it must refuse: each run exits
// non-zero with a short message naming the problem and its fix, prints no
// stack trace and leaves no process behind.
func TestDevBadInput(t *testing.T) {
	t.Parallel()
	needBinaries(t)
	orders := sharedFixture(t, "cdk", "orders-http")

	empty := t.TempDir()

	malformed := t.TempDir()
	copyDir(t, filepath.Join(orders, "cdk.out"), malformed)
	tmpl := filepath.Join(malformed, "OrdersStack.template.json")
	data, err := os.ReadFile(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	// Cut the template inside the object that starts on line 18.
	lines := strings.SplitAfter(string(data), "\n")
	cut := strings.Join(lines[:18], "")
	if err := os.WriteFile(tmpl, []byte(cut), 0o644); err != nil {
		t.Fatal(err)
	}

	array := t.TempDir()
	copyDir(t, filepath.Join(orders, "cdk.out"), array)
	arrayTmpl := filepath.Join(array, "OrdersStack.template.json")
	if err := os.WriteFile(arrayTmpl, []byte("[1, 2]\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	withYAML := t.TempDir()
	if err := os.WriteFile(filepath.Join(withYAML, "ldk.yaml"), []byte("port: 0\nbogus: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { busy.Close() }) // after the parallel subtests
	port := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)

	for _, tc := range []struct {
		name string
		args []string
		// want is a regexp the whole of stderr must match, or its end when
		// tail is set.
		want string
		tail bool
	}{
		{"missing cdk.out", []string{"--project-dir", empty},
			`ldk: ` + regexp.QuoteMeta(filepath.Join(empty, "cdk.out")) + `: error: no cloud assembly here ` +
				"\\(run `cdk synth` in the project first, or point --cdk-out at the directory it wrote\\)\n", false},
		{"malformed template", []string{"--cdk-out", malformed},
			regexp.QuoteMeta(tmpl) + `:[0-9]+:[0-9]+: error: the template is not valid JSON: [^\n]+\(run ` + "`cdk synth`" +
				` again; if the file was edited by hand, fix it there\)\nldk: the app has 1 error, printed above\n`, false},
		{"template is a list", []string{"--cdk-out", array},
			regexp.QuoteMeta(arrayTmpl) + `:1:2: error: the template is not valid JSON: expected an object, found an array \(run ` + "`cdk synth`" +
				` again; if the file was edited by hand, fix it there\)\nldk: the app has 1 error, printed above\n`, false},
		{"synth timeout not positive", []string{"--project-dir", orders, "--synth", "--synth-timeout", "0s"},
			`ldk: --synth-timeout 0s must be positive \(e\.g\. 5m\)\n`, false},
		{"bad stack glob", []string{"--project-dir", orders, "--stack", "["},
			`ldk: --stack "\[" is not a valid glob \(syntax error in pattern\); use \* and \? as wildcards and close every \[ with \], e\.g\. --stack 'Dev/\*'\n`, false},
		{"API port in use", []string{"--project-dir", orders, "--port", port},
			`ldk: port ` + port + ` \(API OrdersApi\) is in use; move it with --port, or ports\.apis\.OrdersApi in ldk\.yaml\n`, false},
		{"AWS port in use", []string{"--project-dir", orders, "--aws-port", port},
			`ldk: port ` + port + ` \(the AWS endpoint\) is in use; move it with --aws-port, or aws_port in ldk\.yaml\n`, false},
		{"unknown backend", []string{"--project-dir", orders, "--compute-backend", "nope"},
			`ldk: compute backend "nope" not found: [^\n]*; found subprocess \(next to ldk: ` +
				regexp.QuoteMeta(filepath.Join(e2e.bin, "ldk-compute-subprocess")) + `\); [^\n]*\n`, true},
		{"base port too high", []string{"--project-dir", sharedFixture(t, "cdk", "rest-layers"), "--port", "65535"},
			`ldk: port 65535 is too high: the app's APIs and function URLs need 3 ports counted up from it, up to 65537, past the last port 65535; ` +
				`set --port \(LDK_PORT, or port in ldk\.yaml\) to 65533 or lower, or to 0 for ephemeral ports\n`, false},
		{"unknown ldk.yaml key", []string{"--project-dir", withYAML, "--cdk-out", filepath.Join(orders, "cdk.out")},
			`ldk: ` + regexp.QuoteMeta(filepath.Join(withYAML, "ldk.yaml")) + `:2:1: unknown key "bogus" \(allowed here: [^\n]*\)\n`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := []string{"dev", "--port", "0", "--aws-port", "0"}
			r := runBinary(t, "", append(args, tc.args...)...)
			if r.code == 0 {
				t.Errorf("exit status 0, want non-zero")
			}
			anchor := `\A`
			if tc.tail {
				anchor = `(?:\A|\n)`
			}
			if !regexp.MustCompile(anchor + `(?:` + tc.want + `)\z`).MatchString(r.stderr) {
				t.Errorf("stderr\n%s\ndoes not match\n%s", r.stderr, tc.want)
			}
			if n := strings.Count(r.stderr, "\n"); n > screenLines {
				t.Errorf("the message takes %d lines, more than a screen", n)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
		})
	}
}
