package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/plugins"
)

// probeHandler answers what its code directory holds now, and writes into
// it.
const probeHandler = `const fs = require('fs');
const path = require('path');
exports.handler = async () => {
  const data = fs.readFileSync(path.join(__dirname, 'data.txt'), 'utf8').trim();
  fs.writeFileSync(path.join(__dirname, 'written.txt'), 'by the worker');
  return { data, inTaskRoot: process.env.LAMBDA_TASK_ROOT === __dirname && process.cwd() === __dirname };
};
`

func TestSnapshotBackendIsolatesWorkers(t *testing.T) {
	needTools(t, "node")
	pluginDir := t.TempDir()
	buildPlugin(t, pluginDir, "snapshot", filepath.Join("..", "..", "examples", "compute-plugin"))
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	code := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(code, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.js", probeHandler)
	write("data.txt", "v1")

	m := plugins.NewManager(plugins.Options{ExecutableDir: t.TempDir(), Dir: pluginDir, Path: t.TempDir(),
		Logger: hclog.New(&hclog.LoggerOptions{Level: hclog.Error, Output: os.Stderr})})
	defer m.Close()
	ctx := context.Background()
	b, _, err := m.Backend(ctx, "snapshot")
	if err != nil {
		t.Fatalf("Backend: %v", err)
	}
	spec := compute.FunctionSpec{Name: "probe", Runtime: "nodejs20.x", Handler: "index.handler", CodeDir: code,
		MemoryMB: 128, TimeoutSeconds: 10}
	spec.Environment = compute.LambdaEnvironment(spec, compute.EnvOptions{})
	invoke := func(id string) (string, string) {
		t.Helper()
		res, err := b.Invoke(ctx, compute.InvokeRequest{Function: "probe", RequestID: id, Payload: []byte(`{}`)})
		if err != nil || res.ErrorType != "" {
			t.Fatalf("Invoke %s: %v %s %s", id, err, res.ErrorType, res.Payload)
		}
		return string(res.Payload), res.WorkerID
	}
	snapshots := func() []string {
		dirs, _ := filepath.Glob(filepath.Join(tmp, "ldk-snapshot-*", "code-*"))
		return dirs
	}

	if err := b.Start(ctx, spec); err != nil {
		t.Fatalf("Start: %v", err)
	}
	first, worker := invoke("r1")
	if want := `{"data":"v1","inTaskRoot":true}`; first != want {
		t.Fatalf("first answer %s, want %s", first, want)
	}
	if n := len(snapshots()); n != 1 {
		t.Fatalf("%d snapshots while one worker runs, want 1", n)
	}

	// An edit of the code does not reach the warm worker, and what the
	// worker wrote stayed in its snapshot.
	write("data.txt", "v2")
	second, again := invoke("r2")
	if want := `{"data":"v1","inTaskRoot":true}`; second != want || again != worker {
		t.Errorf("warm answer %s from %s, want %s from the same worker %s", second, again, want, worker)
	}
	if _, err := os.Stat(filepath.Join(code, "written.txt")); !os.IsNotExist(err) {
		t.Errorf("the worker wrote into the code directory (stat: %v)", err)
	}

	// Stopping the function removes the snapshot; started again, it sees
	// the code as it is now.
	if err := b.Stop(ctx, "probe"); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if left := snapshots(); len(left) != 0 {
		t.Errorf("snapshots left after Stop: %v", left)
	}
	if err := b.Start(ctx, spec); err != nil {
		t.Fatalf("Start again: %v", err)
	}
	third, fresh := invoke("r3")
	if want := `{"data":"v2","inTaskRoot":true}`; third != want || fresh == worker {
		t.Errorf("after a restart: %s from %s, want %s from a new worker", third, fresh, want)
	}
	if !strings.Contains(fresh, "@code-") {
		t.Errorf("worker id %q does not name its snapshot", fresh)
	}
}
