package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/ldkdev/ldk/compute"
)

// fixtureDir is a directory of the shared fixtures, which sit beside the
// repository: ../shared/fixtures from its root.
func fixtureDir(t testing.TB, parts ...string) string {
	t.Helper()

	p, err := filepath.Abs(filepath.Join(append([]string{"..", "..", "..", "shared", "fixtures"}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("the shared fixtures are not beside the clone (../shared, as CI has them): %v", err)
	}

	return p
}

// testdataDir is an absolute path under this package's testdata.
func testdataDir(t testing.TB, name string) string {
	t.Helper()

	p, err := filepath.Abs(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}

	return p
}

// need skips the test when an executable it runs is missing.
func need(t testing.TB, names ...string) {
	t.Helper()

	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s is not on PATH; this test runs real %s workers", n, n)
		}
	}
}

// lambdaEnv is the environment the host would build for a function.
func lambdaEnv(name string, memoryMB int, own map[string]string) map[string]string {
	env := map[string]string{
		"AWS_LAMBDA_FUNCTION_NAME":        name,
		"AWS_LAMBDA_FUNCTION_VERSION":     "$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": strconv.Itoa(memoryMB),
		"AWS_LAMBDA_LOG_GROUP_NAME":       "/aws/lambda/" + name,
		"AWS_LAMBDA_LOG_STREAM_NAME":      "2026/01/01/[$LATEST]0123456789abcdef",
		"AWS_REGION":                      "us-east-1",
		"AWS_DEFAULT_REGION":              "us-east-1",
		"AWS_ACCESS_KEY_ID":               "test",
		"AWS_SECRET_ACCESS_KEY":           "test",
		"TZ":                              ":UTC",
	}
	for k, v := range own {
		env[k] = v
	}

	return env
}

// newTestBackend returns a Backend shut down when the test ends.
func newTestBackend(t testing.TB) *Backend {
	t.Helper()

	b := newBackend(hclog.New(&hclog.LoggerOptions{Output: io.Discard}), "test")
	t.Cleanup(func() {
		if err := b.Shutdown(context.Background()); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})

	return b
}

// start starts spec on b, failing the test on error.
func start(t testing.TB, b *Backend, spec compute.FunctionSpec) {
	t.Helper()

	if spec.MemoryMB == 0 {
		spec.MemoryMB = 128
	}
	if spec.Environment == nil {
		spec.Environment = lambdaEnv(spec.Name, spec.MemoryMB, nil)
	}

	if err := b.Start(context.Background(), spec); err != nil {
		t.Fatalf("Start(%s): %v", spec.Name, err)
	}
}

func requestID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)

	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// invoke runs one invocation with a 60 s deadline unless req sets one.
func invoke(t testing.TB, b *Backend, req compute.InvokeRequest) *compute.InvokeResult {
	t.Helper()

	if req.RequestID == "" {
		req.RequestID = requestID()
	}
	if req.InvokedARN == "" {
		req.InvokedARN = "arn:aws:lambda:us-east-1:000000000000:function:" + req.Function
	}

	res, err := b.Invoke(context.Background(), req)
	if err != nil {
		t.Fatalf("Invoke(%s): %v", req.Function, err)
	}

	return res
}

// deadlineIn is a deadline d from now.
func deadlineIn(d time.Duration) time.Time { return time.Now().Add(d) }
