package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/ldkdev/ldk/internal/proctree"
)

// logLimit bounds the wait for a log line; it only keeps a reload that
// never comes from hanging the suite.
const logLimit = 30 * time.Second

// yamlApp copies testdata/yamlapp into a fresh directory and writes
// ldk.yaml there unless yaml is "". It returns the directory.
func yamlApp(t *testing.T, yaml string) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("testdata", "yamlapp"))
	if err != nil {
		t.Fatal(err)
	}
	dir := copyFixture(t, src)
	if yaml != "" {
		writeFile(t, filepath.Join(dir, "ldk.yaml"), yaml)
	}
	return dir
}

// writeFile writes text to path, making its directory.
func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// logMark is where ldk dev's stderr ends now: awaitLog looks after it.
func (d *devServer) logMark() int { return len(d.stderr.String()) }

// awaitLog waits for a line of ldk dev's stderr, written after mark, that
// holds every part, and returns it.
func (d *devServer) awaitLog(t *testing.T, mark int, parts ...string) string {
	t.Helper()
	deadline := time.Now().Add(logLimit)
	for {
		out := d.stderr.String()
		for _, line := range strings.Split(out[min(mark, len(out)):], "\n") {
			if containsAll(line, parts) {
				return line
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no line with %q in ldk dev's output after the edit:\n%s", parts, out[min(mark, len(out)):])
		}
		time.Sleep(10 * time.Millisecond)
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

// cfgAnswer is what the yamlapp handler answers.
type cfgAnswer struct {
	Greeting string `json:"greeting"`
	Count    int    `json:"count"`
	Root     string `json:"root"`
}

// invokeCfg invokes a yamlapp function through the SDK and decodes its
// answer; a function error fails the test.
func invokeCfg(t *testing.T, c *lambda.Client, function, payload string) cfgAnswer {
	t.Helper()
	out := invokeFn(t, c, function, payload)
	if out.FunctionError != nil {
		t.Fatalf("%s answered a %s error: %s", function, *out.FunctionError, out.Payload)
	}
	var a cfgAnswer
	if err := json.Unmarshal(out.Payload, &a); err != nil {
		t.Fatalf("%s answered %s: %v", function, out.Payload, err)
	}
	return a
}

// countVia calls cfg-count through the HTTP API and returns its count.
func countVia(t *testing.T, apiURL string) int {
	t.Helper()
	status, body := get(t, apiURL+"/count")
	var a cfgAnswer
	if err := json.Unmarshal([]byte(body), &a); status != 200 || err != nil {
		t.Fatalf("GET /count: %d %s (%v)", status, body, err)
	}
	return a.Count
}

// slowTimesOut invokes cfg-slow with a 1.5 s sleep and reports whether
// it timed out, checking the answer Lambda gives then.
func slowTimesOut(t *testing.T, c *lambda.Client, seconds string) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := c.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("cfg-slow"), Payload: []byte(`{"sleepMs":1500}`)})
	if err != nil {
		t.Fatalf("invoking cfg-slow: %v", err)
	}
	if out.FunctionError == nil {
		return false
	}
	want := `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ` + requestID(t, out) +
		` Error: Task timed out after ` + seconds + ` seconds"}`
	if *out.FunctionError != "Unhandled" || string(out.Payload) != want {
		t.Errorf("cfg-slow: %s error %s, want Unhandled %s", *out.FunctionError, out.Payload, want)
	}
	return true
}

// workersOf lists the processes below ldk dev that run function: those
// whose environment names it.
func workersOf(t *testing.T, d *devServer, function string) []proctree.Proc {
	t.Helper()
	procs, err := proctree.Descendants(d.cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte("AWS_LAMBDA_FUNCTION_NAME=" + function + "\x00")
	var out []proctree.Proc
	for _, p := range procs {
		env, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(p.PID), "environ"))
		if err == nil && bytes.Contains(env, want) {
			out = append(out, p)
		}
	}
	return out
}
