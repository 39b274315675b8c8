package reload_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ldkdev/ldk/internal/proctree"
)

// hangingApp is a CDK app's synth that hangs, with a child of its own,
// when src/route.txt says HANG, and otherwise writes the route into the
// get-order asset like a synth that copies sources into the assembly. It
// records its pid and its child's in hung.pids when it hangs.
const hangingApp = `import json, os, subprocess, time
route = open("src/route.txt").read().strip()
if route == "HANG":
    child = subprocess.Popen(["sleep", "300"])
    with open("hung.pids.tmp", "w") as f:
        f.write("%d %d\n" % (os.getpid(), child.pid))
    os.rename("hung.pids.tmp", "hung.pids")
    time.sleep(300)
asset = os.path.join(os.environ["CDK_OUTDIR"], "asset.1f807de5bae8a6f8e63eb42f9a0f7b91d0bd4504b6d0b535a68d398ae4f7dc97")
with open(os.path.join(asset, "index.js"), "w") as f:
    f.write("exports.handler = async () => ({ statusCode: 200, body: %s });\n" % json.dumps(route))
print("synthesized route", route)
`

// hangingProject is the orders-http fixture synthesized by hangingApp.
func hangingProject(t *testing.T) string {
	t.Helper()
	dir := fixture(t, "cdk/orders-http")
	write(t, filepath.Join(dir, "cdk.json"), `{"app": "python3 synth.py", "watch": {"include": ["src/**"]}}`)
	write(t, filepath.Join(dir, "synth.py"), hangingApp)
	write(t, filepath.Join(dir, "src", "route.txt"), "first\n")
	return dir
}

// awaitHung waits until hangingApp hangs and returns it and its child.
func awaitHung(t *testing.T, dir string) []proctree.Proc {
	t.Helper()
	path := filepath.Join(dir, "hung.pids")
	for deadline := time.Now().Add(awaitLimit); ; time.Sleep(20 * time.Millisecond) {
		data, err := os.ReadFile(path)
		if err == nil {
			var pids []int
			for _, f := range strings.Fields(string(data)) {
				pid, _ := strconv.Atoi(f)
				pids = append(pids, pid)
			}
			return procs(t, pids...)
		}
		if time.Now().After(deadline) {
			t.Fatalf("the synth did not hang: no %s", path)
		}
	}
}

// procs looks pids up in the process table.
func procs(t *testing.T, pids ...int) []proctree.Proc {
	t.Helper()
	all, err := proctree.All()
	if err != nil {
		t.Fatalf("reading the process table: %v", err)
	}
	var out []proctree.Proc
	for _, pid := range pids {
		for _, p := range all {
			if p.PID == pid {
				out = append(out, p)
			}
		}
	}
	if len(out) != len(pids) {
		t.Fatalf("processes %v: found only %v", pids, out)
	}
	return out
}

// awaitGone waits until none of ps is alive; what is left after
// awaitLimit fails the test and is killed.
func awaitGone(t *testing.T, ps []proctree.Proc, what string) {
	t.Helper()
	for deadline := time.Now().Add(awaitLimit); ; time.Sleep(20 * time.Millisecond) {
		left := proctree.Survivors(ps)
		if len(left) == 0 {
			return
		}
		if time.Now().After(deadline) {
			for _, p := range left {
				if proc, err := os.FindProcess(p.PID); err == nil {
					_ = proc.Kill()
				}
			}
			t.Fatalf("%s: still running: %v", what, left)
		}
	}
}

// TestSynthChangeStopsHungSynth checks that a change made while a synth
// hangs stops it, its child included, and synthesizes again.
func TestSynthChangeStopsHungSynth(t *testing.T) {
	need(t, "python3", "node")
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("needs /proc to check processes")
	}
	dir := hangingProject(t)
	d := startDev(t, "--project-dir", dir, "--synth")
	url := d.ready(t).APIs[0].URL + "/orders/5"

	write(t, filepath.Join(dir, "src", "route.txt"), "HANG\n")
	hung := awaitHung(t, dir)

	mark := d.logs.mark()
	write(t, filepath.Join(dir, "src", "route.txt"), "second\n")
	d.logs.await(t, mark, "ldk.synth: sources changed while the synth ran: stopping it and synthesizing again",
		`command="python3 synth.py"`, `why="src/route.txt changed"`)
	d.logs.await(t, mark, "synthesized route second")
	d.logs.await(t, mark, "ldk.synth: synthesized", `why="src/route.txt changed"`)
	d.logs.await(t, mark, "reloaded", "functions=orders-get ")
	if _, body := get(t, url); body != "second" {
		t.Errorf("after the synth: %q, want %q", body, "second")
	}
	awaitGone(t, hung, "the stopped synth")
}
