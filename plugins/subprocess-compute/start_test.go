package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/launch"
)

// TestStartRefuses checks Start's errors say what is wrong and how to fix it.
func TestStartRefuses(t *testing.T) {
	code := testdataDir(t, "node-faults")
	noBootstrap := t.TempDir()
	notExec := t.TempDir()
	if err := os.WriteFile(filepath.Join(notExec, "bootstrap"), []byte("#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name string
		spec compute.FunctionSpec
		want string
	}{
		{
			name: "unsupported runtime",
			spec: compute.FunctionSpec{Name: "J", Runtime: "java21", Handler: "a.B::handle", CodeDir: code},
			want: `function "J" uses runtime "java21", which the subprocess backend does not run (it runs ` +
				`nodejs18.x, nodejs20.x, nodejs22.x, nodejs24.x, provided.al2, provided.al2023, python3.10, python3.11, ` +
				`python3.12, python3.13, python3.14, python3.9); choose a supported runtime or another compute backend`,
		},
		{
			name: "container image",
			spec: compute.FunctionSpec{Name: "I", Runtime: "nodejs20.x", PackageType: "Image", CodeDir: code},
			want: `function "I" is a container image function, which the subprocess backend cannot run; ` +
				`use the docker compute backend for it`,
		},
		{
			name: "handler leaves the code directory",
			spec: compute.FunctionSpec{Name: "E", Runtime: "nodejs20.x", Handler: "../../etc/passwd.handler", CodeDir: code},
			want: `handler "../../etc/passwd.handler" of function "E" leaves the code directory ` + code +
				`; name a file inside it`,
		},
		{
			name: "python handler leaves the code directory",
			spec: compute.FunctionSpec{Name: "P", Runtime: "python3.12", Handler: "a/../../x.handler", CodeDir: code},
			want: `handler "a/../../x.handler" of function "P" leaves the code directory ` + code +
				`; name a file inside it`,
		},
		{
			name: "absolute handler",
			spec: compute.FunctionSpec{Name: "A", Runtime: "nodejs20.x", Handler: "/tmp/x.handler", CodeDir: code},
			want: `handler "/tmp/x.handler" of function "A" is an absolute path; name a file inside the code ` +
				`directory ` + code,
		},
		{
			name: "no handler",
			spec: compute.FunctionSpec{Name: "H", Runtime: "nodejs20.x", CodeDir: code},
			want: `function "H" has no handler; set one such as index.handler`,
		},
		{
			name: "missing code directory",
			spec: compute.FunctionSpec{Name: "M", Runtime: "nodejs20.x", Handler: "index.h", CodeDir: "/nonexistent/ldk"},
			want: `function "M": code directory "/nonexistent/ldk" is not a directory`,
		},
		{
			name: "provided without bootstrap",
			spec: compute.FunctionSpec{Name: "G", Runtime: "provided.al2023", Handler: "bootstrap", CodeDir: noBootstrap},
			want: `function "G" runs provided.al2023, which starts the code's bootstrap executable, but there is no ` +
				filepath.Join(noBootstrap, "bootstrap") + `; build one there`,
		},
		{
			name: "provided bootstrap not executable",
			spec: compute.FunctionSpec{Name: "G", Runtime: "provided.al2", Handler: "x", CodeDir: notExec},
			want: `function "G" runs provided.al2, but ` + filepath.Join(notExec, "bootstrap") +
				` is not executable; chmod +x it`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newTestBackend(t)
			err := b.Start(context.Background(), tc.spec)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Start error\n got %v\nwant %s", err, tc.want)
			}
		})
	}
}

// TestStartWithoutInterpreter checks a missing node or python3 is named,
// with what to install.
func TestStartWithoutInterpreter(t *testing.T) {
	t.Setenv("PATH", t.TempDir())

	cases := []struct {
		runtime, want string
	}{
		{"nodejs20.x", `function "F" runs nodejs20.x: the node executable was not found on PATH; ` +
			`install Node.js or add it to PATH`},
		{"python3.12", `function "F" runs python3.12: the python3 executable was not found on PATH; ` +
			`install Python 3 or add it to PATH`},
	}
	for _, tc := range cases {
		t.Run(tc.runtime, func(t *testing.T) {
			b := newTestBackend(t)
			err := b.Start(context.Background(), compute.FunctionSpec{Name: "F", Runtime: tc.runtime,
				Handler: "index.handler", CodeDir: testdataDir(t, "node-faults")})
			if err == nil || err.Error() != tc.want {
				t.Errorf("Start error\n got %v\nwant %s", err, tc.want)
			}
		})
	}
}

// TestInvokeUnknownFunction checks Invoke names a function never started.
func TestInvokeUnknownFunction(t *testing.T) {
	b := newTestBackend(t)
	_, err := b.Invoke(context.Background(), compute.InvokeRequest{Function: "ghost", RequestID: "r"})
	if err == nil || err.Error() != `invoking "ghost": the function was not started` {
		t.Errorf("Invoke error = %v", err)
	}
}

// TestProvidedRuntime builds a Go function with aws-lambda-go and runs it
// as provided.al2023: the real Go runtime client against our Runtime API.
func TestProvidedRuntime(t *testing.T) {
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		t.Skipf("the go tool is not at %s; this test builds a bootstrap with it", goBin)
	}

	code := t.TempDir()
	build := exec.Command(goBin, "build", "-o", filepath.Join(code, "bootstrap"), "./testdata/provided-src")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the bootstrap: %v\n%s", err, out)
	}

	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{Name: "GoFn", Runtime: "provided.al2023", Handler: "bootstrap", CodeDir: code})

	for i := range 2 {
		id := requestID()
		res := invoke(t, b, compute.InvokeRequest{Function: "GoFn", RequestID: id, Payload: []byte(`{"name":"gopher"}`),
			Deadline: deadlineIn(30 * time.Second)})

		want := `{"hello":"gopher","requestId":"` + id + `","function":"GoFn","handler":"bootstrap"}`
		if res.ErrorType != "" || string(res.Payload) != want {
			t.Errorf("invocation %d: got %s %s, want %s", i, res.ErrorType, res.Payload, want)
		}
		if (i == 0) != (res.InitDuration > 0) {
			t.Errorf("invocation %d: InitDuration %v", i, res.InitDuration)
		}
	}
}

// TestVersionWarning checks a runtime whose version differs from the
// machine's is warned about once, and a matching one not at all.
func TestVersionWarning(t *testing.T) {
	need(t, "node")

	in, err := launch.FindInterpreter(launch.Node)
	if err != nil {
		t.Fatal(err)
	}
	other := "nodejs18.x"
	if in.Version == 18 {
		other = "nodejs20.x"
	}
	same := fmt.Sprintf("nodejs%d.x", in.Version)

	var buf bytes.Buffer
	b := newBackend(hclog.New(&hclog.LoggerOptions{Output: &buf, JSONFormat: true}), "test")
	defer b.Shutdown(context.Background())

	for i, rt := range []string{other, other, same} {
		if _, ok := launch.Lookup(rt); !ok {
			continue
		}
		spec := compute.FunctionSpec{Name: fmt.Sprint("f", i), Runtime: rt, Handler: "index.counter",
			CodeDir: testdataDir(t, "node-faults")}
		if err := b.Start(context.Background(), spec); err != nil {
			t.Fatal(err)
		}
	}

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], `"runtime":"`+other+`"`) ||
		!strings.Contains(lines[0], `"version":"`+in.Full+`"`) {
		t.Errorf("log:\n%s\nwant one warning about %s", buf.String(), other)
	}
}
