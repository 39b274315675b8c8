package reload_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/ldkdev/ldk/host"
)

// binDir holds ldk and ldk-compute-subprocess, built once by TestMain.
var binDir string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "ldk-reload-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if _, err := exec.LookPath("go"); err == nil {
		root := filepath.Join("..", "..")
		for out, pkg := range map[string]string{"ldk": "./cmd/ldk", "ldk-compute-subprocess": "./plugins/subprocess-compute"} {
			args := []string{"build", "-o", filepath.Join(dir, out)}
			if os.Getenv("LDK_TEST_RACE") != "" {
				args = append(args, "-race") // the binaries under the race detector
			}
			cmd := exec.Command("go", append(args, pkg)...)
			cmd.Dir = root
			if b, err := cmd.CombinedOutput(); err != nil {
				fmt.Fprintf(os.Stderr, "building %s: %v\n%s", pkg, err, b)
				return 1
			}
		}
		binDir = dir
	}
	return m.Run()
}

// need skips the test unless every tool is on PATH and the binaries built.
func need(t testing.TB, tools ...string) {
	t.Helper()
	if binDir == "" {
		t.Skip("go is not on PATH: cannot build ldk")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not on PATH", tool)
		}
	}
}

// fixture copies a shared fixture into a temp directory and returns it.
func fixture(t testing.TB, rel string) string {
	t.Helper()
	src := filepath.Join("..", "..", "..", "shared", "fixtures", filepath.FromSlash(rel))
	if _, err := os.Stat(src); err != nil {
		t.Skipf("the shared fixtures are not beside the clone (../shared, as CI has them): %v", err)
	}
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, r), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, r), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying fixture %s: %v", rel, err)
	}
	return dst
}

// write replaces a file the way an editor that saves in place does.
func write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dev is a running `ldk dev`.
type dev struct {
	cmd       *exec.Cmd
	readyFile string
	logs      *logTail
}

// startDev runs `ldk dev` with args on ephemeral ports and waits until it
// is ready. It is stopped with SIGINT when the test ends.
func startDev(t testing.TB, args ...string) *dev {
	t.Helper()
	d := &dev{readyFile: filepath.Join(t.TempDir(), "ready.json"), logs: newLogTail()}
	args = append([]string{"dev", "--port", "0", "--aws-port", "0", "--ready-file", d.readyFile}, args...)
	d.cmd = exec.Command(filepath.Join(binDir, "ldk"), args...)
	d.cmd.Env = append(os.Environ(), "LDK_CACHE_DIR="+t.TempDir(), "LDK_LOG_LEVEL=info")
	d.cmd.Stdout = d.logs
	d.cmd.Stderr = d.logs
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("starting ldk dev: %v", err)
	}
	t.Cleanup(func() {
		_ = d.cmd.Process.Signal(syscall.SIGINT)
		if err := d.cmd.Wait(); err != nil {
			t.Errorf("ldk dev did not stop cleanly on Ctrl-C: %v", err)
		}
		if strings.Contains(d.logs.String(), "WARNING: DATA RACE") {
			t.Error("ldk dev reported a data race")
		}
		if t.Failed() {
			t.Logf("ldk dev output:\n%s", d.logs.String())
		}
	})
	d.logs.await(t, 0, "ready")
	return d
}

// ready reads the ready file as it is now.
func (d *dev) ready(t testing.TB) host.Ready {
	t.Helper()
	data, err := os.ReadFile(d.readyFile)
	if err != nil {
		t.Fatalf("reading the ready file: %v", err)
	}
	var r host.Ready
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("decoding the ready file: %v", err)
	}
	return r
}

// logTail collects ldk dev's output and lets tests wait for a line.
type logTail struct {
	mu    sync.Mutex
	lines []string
	more  *sync.Cond
	part  strings.Builder
}

func newLogTail() *logTail {
	l := &logTail{}
	l.more = sync.NewCond(&l.mu)
	return l
}

func (l *logTail) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.part.Write(p)
	s := l.part.String()
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			break
		}
		l.lines = append(l.lines, s[:i])
		s = s[i+1:]
	}
	l.part.Reset()
	l.part.WriteString(s)
	l.more.Broadcast()
	return len(p), nil
}

// mark is the number of lines so far: await(mark, ...) looks only at
// later ones.
func (l *logTail) mark() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.lines)
}

func (l *logTail) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// awaitLimit only keeps a broken reload from hanging the test run; no
// test measures time with it.
const awaitLimit = 60 * time.Second

// await returns the first line after mark that holds every part.
func (l *logTail) await(t testing.TB, mark int, parts ...string) string {
	t.Helper()
	stop := time.AfterFunc(awaitLimit, func() {
		l.mu.Lock()
		l.lines = append(l.lines, "(gave up waiting)")
		l.more.Broadcast()
		l.mu.Unlock()
	})
	defer stop.Stop()
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := mark; ; i++ {
		for i >= len(l.lines) {
			l.more.Wait()
		}
		line := l.lines[i]
		if line == "(gave up waiting)" {
			t.Fatalf("no line with %q after line %d", parts, mark)
		}
		if containsAll(line, parts) {
			return line
		}
	}
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// get returns the status and body of GET url.
func get(t testing.TB, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading GET %s: %v", url, err)
	}
	return resp.StatusCode, string(body)
}

// post returns the body of POST url with body.
func post(t testing.TB, url, body string) string {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading POST %s: %v", url, err)
	}
	return string(out)
}

// lambdaClient is an SDK client that talks only to ldk's AWS endpoint,
// with static dummy credentials and no retries.
func lambdaClient(endpoint string) *lambda.Client {
	cfg := aws.Config{
		Region:      "eu-west-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDLOCAL", "dummy-secret", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
	return lambda.NewFromConfig(cfg, func(o *lambda.Options) { o.BaseEndpoint = aws.String(endpoint) })
}

// invoke runs a function through the Invoke API and returns its payload.
func invoke(t testing.TB, c *lambda.Client, function, payload string) string {
	t.Helper()
	out, err := c.Invoke(context.Background(), &lambda.InvokeInput{FunctionName: aws.String(function), Payload: []byte(payload)})
	if err != nil {
		t.Fatalf("invoking %s: %v", function, err)
	}
	if out.FunctionError != nil {
		t.Fatalf("invoking %s: function error %s: %s", function, *out.FunctionError, out.Payload)
	}
	return string(out.Payload)
}
