package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/appmodel/cdk"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/config"
	"github.com/ldkdev/ldk/host/invoke"
	"github.com/ldkdev/ldk/host/plugins"
)

// goTool is the go command that builds the plugins, or the test skips.
func goTool(t *testing.T) string {
	t.Helper()
	path := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	path, err := exec.LookPath("go")
	if err != nil {
		t.Skip("needs the go tool to build compute plugins")
	}
	return path
}

// buildPlugin builds the Go main package in srcDir (relative to this
// package) into dir as ldk-compute-<name>.
func buildPlugin(t *testing.T, dir, name, srcDir string) {
	t.Helper()
	out := filepath.Join(dir, plugins.BinaryPrefix+name)
	cmd := exec.Command(goTool(t), "build", "-o", out, ".")
	cmd.Dir = srcDir
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building %s from %s: %v\n%s", name, srcDir, err, msg)
	}
}

// copyFixture copies a fixture into a fresh directory a test may change.
func copyFixture(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	copyDir(t, src, dst)
	return dst
}

// snapshotWorker matches the WorkerID of the snapshot example backend.
var snapshotWorker = regexp.MustCompile(`^\d+@code-\d+$`)

func TestExampleBackendRunsFixtures(t *testing.T) {
	needTools(t, "node", "python3")
	project := copyFixture(t, fixture(t, "orders-http"))
	pluginDir := t.TempDir()
	buildPlugin(t, pluginDir, "snapshot", filepath.Join("..", "..", "examples", "compute-plugin"))
	buildPlugin(t, pluginDir, "subprocess", filepath.Join("..", "..", "plugins", "subprocess-compute"))
	// Snapshots go under a directory the test can check is left empty.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	yaml := "compute_backend: snapshot\nplugin_dir: " + pluginDir + "\n" +
		"functions:\n  orders-get:\n    compute_backend: subprocess\n"
	rt, err := fixtureRuntime(t, project, yaml, os.Stderr)
	if err != nil {
		t.Fatalf("starting the runtime: %v", err)
	}
	defer rt.close()

	tests := []struct {
		name     string
		function string
		event    string
		want     string
		snapshot bool // run by the snapshot backend, else by subprocess
	}{
		{
			name: "python receipt", function: "OrdersStack-Receipt1CA0B27C", event: `{"orderId": 9}`,
			want:     `{"receipt": "R-9", "memory": 128, "name": "OrdersStack-Receipt1CA0B27C"}`,
			snapshot: true,
		},
		{
			name: "python sqs batch", function: "OrdersStack-ProcessOrder10906E0C",
			event: `{"Records":[{"body":"{\"id\":\"o-1\"}"},{"body":"{\"id\":\"o-2\"}"}]}`,
			want: `{"batchItemFailures": [], "processed": ["o-1", "o-2"], ` +
				`"table": "arn:aws:dynamodb:eu-west-1:111111111111:table/OrdersStack-OrdersA9B65338"}`,
			snapshot: true,
		},
		{
			name: "node on the other backend of the same app", function: "orders-get",
			event: `{"version":"2.0","routeKey":"GET /orders/{id}","pathParameters":{"id":"42"},"queryStringParameters":{"x":"1,2"}}`,
			want:  `{"statusCode":200,"body":"{\"id\":\"42\",\"routeKey\":\"GET /orders/{id}\",\"q\":{\"x\":\"1,2\"},\"version\":\"2.0\"}"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := rt.dispatcher.Invoke(context.Background(), invoke.Request{Function: tt.function, Payload: []byte(tt.event)})
			if err != nil {
				t.Fatalf("Invoke: %v", err)
			}
			if res.ErrorType != "" || string(res.Payload) != tt.want {
				t.Errorf("got %s (error type %q)\nwant %s", res.Payload, res.ErrorType, tt.want)
			}
			if got := snapshotWorker.MatchString(res.WorkerID); got != tt.snapshot {
				t.Errorf("worker %q: run by the snapshot backend = %v, want %v", res.WorkerID, got, tt.snapshot)
			}
		})
	}

	if err := rt.close(); err != nil {
		t.Fatalf("closing the runtime: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "ldk-snapshot-*"))
	if len(left) != 0 {
		t.Errorf("snapshot directories left after close: %v", left)
	}
}

// fixtureRuntime writes yaml as the project's ldk.yaml and starts the
// runtime of ldk dev over the project, logging ldk's errors to logs.
func fixtureRuntime(t *testing.T, project, yaml string, logs io.Writer) (*runtimeSet, error) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(project, "ldk.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(project)
	if err != nil {
		t.Fatalf("loading ldk.yaml: %v", err)
	}
	app, err := cdk.Load(cdk.Options{ProjectDir: project})
	if err != nil {
		t.Fatalf("loading the app: %v", err)
	}
	// A cold python start counts against the deadline, as on Lambda, and
	// can pass the fixtures' 3 s on a loaded machine: give every function
	// room, which changes none of the answers.
	for i := range app.Functions {
		app.Functions[i].TimeoutSeconds = 60
	}
	logger := hclog.New(&hclog.LoggerOptions{Level: hclog.Error, Output: logs})
	return newRuntime(context.Background(), app, cfg, logger, io.Discard, "")
}

func TestBrokenBackendLeavesOthersServing(t *testing.T) {
	needTools(t, "node")
	project := copyFixture(t, fixture(t, "orders-http"))
	pluginDir := t.TempDir()
	buildPlugin(t, pluginDir, "snapshot", filepath.Join("..", "..", "examples", "compute-plugin"))
	broken := filepath.Join(pluginDir, plugins.BinaryPrefix+"broken")
	if err := os.WriteFile(broken, []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	yaml := "compute_backend: broken\nplugin_dir: " + pluginDir + "\n" +
		"functions:\n  orders-get:\n    compute_backend: snapshot\n"
	logs := &lockedBuffer{}
	rt, err := fixtureRuntime(t, project, yaml, logs)
	if err != nil {
		t.Fatalf("starting the runtime with one broken backend: %v", err)
	}
	defer rt.close()
	startErr := "starting compute plugin broken (" + broken + "): it exited before the handshake without a word; " +
		"is it a compute plugin built with compute.Serve for this machine?"
	if !strings.Contains(logs.String(), "compute backend cannot start; its functions fail until it is fixed: "+
		`backend=broken functions="OrdersStack-CreateOrder18B1EE4A,OrdersStack-ProcessOrder10906E0C,OrdersStack-Receipt1CA0B27C"`) {
		t.Errorf("ldk's log does not report the broken backend and its functions:\n%s", logs.String())
	}

	res, err := rt.dispatcher.Invoke(context.Background(), invoke.Request{Function: "orders-get",
		Payload: []byte(`{"version":"2.0","routeKey":"GET /orders/{id}","pathParameters":{"id":"7"}}`)})
	want := `{"statusCode":200,"body":"{\"id\":\"7\",\"routeKey\":\"GET /orders/{id}\",\"q\":null,\"version\":\"2.0\"}"}`
	if err != nil || string(res.Payload) != want {
		t.Errorf("orders-get on the working backend: %v %s, want %s", err, resultPayload(res), want)
	}
	_, err = rt.dispatcher.Invoke(context.Background(), invoke.Request{Function: "OrdersStack-Receipt1CA0B27C",
		Payload: []byte(`{"orderId": 9}`)})
	if want := `starting "OrdersStack-Receipt1CA0B27C": ` + startErr; err == nil || err.Error() != want {
		t.Errorf("Receipt on the broken backend:\n got %v\nwant %s", err, want)
	}
}

// resultPayload is a result's payload, or nothing for no result.
func resultPayload(res *compute.InvokeResult) string {
	if res == nil {
		return ""
	}
	return string(res.Payload)
}
