package main

// The end-to-end tests run the real binaries: TestMain builds ldk and the
// subprocess compute plugin into one temporary directory, so ldk finds the
// plugin next to itself exactly as it does after `make build`.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// e2e holds what TestMain prepared for the end-to-end tests.
var e2e struct {
	// bin is the directory holding ldk and ldk-compute-subprocess.
	bin string
	// buildErr is why the binaries could not be built; the tests that need
	// them fail with it.
	buildErr error
	// cache is LDK_CACHE_DIR for every process the tests start.
	cache string
}

// markVar names an environment variable given to every ldk the tests
// start, with a value of its own: ldk hands its environment to its
// plugins, so a process still carrying the value after ldk exited is one
// that run leaked.
const markVar = "LDK_E2E_RUN"

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	if testing.Short() {
		e2e.buildErr = fmt.Errorf("-short: the end-to-end tests are skipped")
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "ldk-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "making the binaries directory:", err)
		return 1
	}
	defer os.RemoveAll(dir)

	e2e.bin = filepath.Join(dir, "bin")
	e2e.cache = filepath.Join(dir, "cache")
	e2e.buildErr = buildBinaries(e2e.bin)
	return m.Run()
}

// buildBinaries builds ldk and its default compute plugin into dir.
func buildBinaries(dir string) error {
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	}
	targets := []struct{ out, pkg string }{
		{"ldk", "."},
		{"ldk-compute-subprocess", "../../plugins/subprocess-compute"},
	}
	for _, tg := range targets {
		cmd := exec.Command(goTool, "build", "-o", filepath.Join(dir, tg.out), tg.pkg)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s: %v\n%s", tg.out, err, out.String())
		}
	}
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on Linux
	}
	return hex.EncodeToString(b)
}

// needBinaries skips a test under -short and fails it when the binaries
// could not be built. It also skips when node or python3 is missing, as
// every end-to-end app runs both.
func needBinaries(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: skipped with -short")
	}
	if e2e.buildErr != nil {
		t.Fatal(e2e.buildErr)
	}
	for _, tool := range []string{"node", "python3"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: the apps' functions need it", tool)
		}
	}
}

// ldkCommand is an exec.Cmd for the built ldk with a clean environment:
// no LDK_* or AWS_* setting of the machine leaks in, the cache is the
// tests' own, and mark is set (see markVar). ldk gets SIGTERM if the test
// binary dies first.
func ldkCommand(mark string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(e2e.bin, "ldk"), args...)
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "LDK_") || strings.HasPrefix(kv, "AWS_") {
			continue
		}
		env = append(env, kv)
	}
	cmd.Env = append(env,
		"LDK_CACHE_DIR="+e2e.cache,
		"LDK_PLUGIN_DIR="+filepath.Join(e2e.cache, "no-plugins"),
		markVar+"="+mark,
	)
	// Should the test binary die, ldk is told to stop as on Ctrl-C.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	return cmd
}

// markedProcesses lists the processes whose environment carries mark:
// the ldk started with it and that ldk's plugins.
func markedProcesses(mark string) []string {
	entries, _ := os.ReadDir("/proc")
	want := []byte(markVar + "=" + mark + "\x00")
	var out []string
	for _, e := range entries {
		if e.Name()[0] < '0' || e.Name()[0] > '9' {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil || !bytes.Contains(env, want) {
			continue
		}
		comm, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "comm"))
		out = append(out, e.Name()+" ("+strings.TrimSpace(string(comm))+")")
	}
	return out
}

// repoPath is a path relative to the repository root.
func repoPath(parts ...string) string {
	return filepath.Join(append([]string{"..", ".."}, parts...)...)
}

// sharedFixture is the path of a shared fixture (cdk/<name> or tf/<name>),
// skipping the test when shared/ is not beside the clone.
func sharedFixture(t testing.TB, kind, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "fixtures", kind, name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared fixtures are not beside the clone (%v)", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}
