package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// ranLdk is what one run of the ldk binary gave.
type ranLdk struct {
	stdout, stderr string
	code           int
}

// runLimit bounds one run of ldk that is expected to end on its own.
const runLimit = 2 * time.Minute

// runBinary runs the built ldk to completion with stdin, then checks that
// it left no process behind and printed no stack trace.
func runBinary(t *testing.T, stdin string, args ...string) ranLdk {
	t.Helper()
	needBinaries(t)
	mark := randomHex(8)
	cmd := ldkCommand(mark, args...)
	// A run that should end but serves instead must not hang the suite.
	timer := time.AfterFunc(runLimit, func() { cmd.Process.Kill() })
	defer timer.Stop()
	var out, errOut bytes.Buffer
	cmd.Stdin = strings.NewReader(stdin)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	r := ranLdk{stdout: out.String(), stderr: errOut.String()}
	switch {
	case errors.As(err, &exitErr):
		r.code = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("running ldk %s: %v", strings.Join(args, " "), err)
	}
	if left := markedProcesses(mark); len(left) > 0 {
		t.Errorf("ldk %s left processes running: %v", args[0], left)
	}
	if strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("ldk %s printed a panic or stack trace:\n%s", args[0], r.stderr)
	}
	return r
}

// reportRE matches the REPORT line of one invocation of function.
func reportRE(function string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^\[` + regexp.QuoteMeta(function) + `\] REPORT RequestId: ` + uuidRE +
		`\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\tMemory Size: [0-9]+ MB\tMax Memory Used: [0-9]+ MB`)
}

// invokeCase is one `ldk invoke` of a function with an event.
type invokeCase struct {
	name     string
	app      []string // the input flags
	function string
	event    string // given on stdin with --event -
	want     string // stdout, exactly
	wantRE   string // or a regexp stdout must match
}

// invokeCases invokes every function of examples/cdk and of the shared
// fixtures once.
func invokeCases(t *testing.T) []invokeCase {
	example := []string{"--project-dir", repoPath("examples", "cdk")}
	orders := []string{"--project-dir", sharedFixture(t, "cdk", "orders-http")}
	rest := []string{"--project-dir", sharedFixture(t, "cdk", "rest-layers")}
	tf := []string{"--tf", sharedFixture(t, "tf", "http-api")}
	return []invokeCase{
		{"receipt", orders, "OrdersStack-Receipt1CA0B27C", `{"orderId": 9}`,
			`{"receipt": "R-9", "memory": 128, "name": "OrdersStack-Receipt1CA0B27C"}`, ""},
		{"process order from SQS", orders, "OrdersStack-ProcessOrder10906E0C",
			`{"Records":[{"body":"{\"id\":\"a1\"}"},{"body":"{\"id\":\"b2\"}"}]}`,
			`{"batchItemFailures": [], "processed": ["a1", "b2"], ` +
				`"table": "arn:aws:dynamodb:eu-west-1:111111111111:table/OrdersStack-OrdersA9B65338"}`, ""},
		{"get order", orders, "orders-get",
			`{"pathParameters":{"id":"7"},"routeKey":"GET /orders/{id}","version":"2.0"}`,
			`{"statusCode":200,"body":"{\"id\":\"7\",\"routeKey\":\"GET /orders/{id}\",\"q\":null,\"version\":\"2.0\"}"}`, ""},
		{"create order", orders, "OrdersStack-CreateOrder18B1EE4A", `{"body":"{\"customer\":\"bo\"}"}`, "",
			`\{"statusCode":201,"headers":\{"content-type":"application/json"\},"body":"\{\\"id\\":\\"` + uuidRE +
				`\\",\\"customer\\":\\"bo\\",\\"items\\":\[\],\\"table\\":\\"OrdersStack-OrdersA9B65338\\",` +
				`\\"greeting\\":\\"hello\\",\\"fn\\":\\"OrdersStack-CreateOrder18B1EE4A\\",\\"remaining\\":true\}"\}`},
		{"nested handler with a node layer", rest, "RestStack-ItemsFnCAB9F472",
			`{"resource":"/items/{itemId}","path":"/items/3","pathParameters":{"itemId":"3"},"requestContext":{"stage":"prod"}}`,
			`{"statusCode":200,"multiValueHeaders":{"x-item":["3"],"set-cookie":["a=1","b=2"]},` +
				`"body":"{\"msg\":\"hello from layer (dev)\",\"id\":\"3\",\"resource\":\"/items/{itemId}\",` +
				`\"path\":\"/items/3\",\"stage\":\"prod\",\"mv\":null}"}`, ""},
		{"ES module", rest, "RestStack-EsmFn699FE676", `{"body":"aGk=","isBase64Encoded":true}`,
			`{"statusCode":200,"body":"{\"esm\":true,\"echo\":\"hi\"}"}`, ""},
		{"python package with a layer", rest, "RestStack-PyFnBEFD4AB6",
			`{"pathParameters":{"userId":"u9"},"httpMethod":"GET"}`,
			`{"statusCode": 200, "headers": {"content-type": "application/json"}, ` +
				`"body": "{\"user\": \"u9\", \"method\": \"GET\", \"shout\": \"HI!\", \"remaining_ok\": true}"}`, ""},
		{"inline code", rest, "RestStack-InlineFn5EDE362A", `{}`, `{"statusCode": 200, "body": "inline ok"}`, ""},
		{"bundled", rest, "RestStack-BundledFnF793AEF8", `{"rawPath":"/x/report.pdf","version":"2.0"}`,
			`{"statusCode":200,"body":"{\"file\":\"report.pdf\",\"kind\":\"2.0\"}"}`, ""},
		{"terraform node", tf, "shop-dev-hello", `{"queryStringParameters":{"name":"cy"}}`,
			`{"statusCode":200,"headers":{"content-type":"application/json"},` +
				`"body":"{\"hello\":\"cy\",\"stage\":\"dev\",\"table\":\"shop-dev-users\",\"route\":null}"}`, ""},
		{"terraform python module", tf, "shop-dev-users",
			`{"requestContext":{"http":{"method":"GET"}},"pathParameters":{"id":"3"}}`,
			`{"statusCode": 200, "body": "{\"id\": \"3\", \"method\": \"GET\", \"body\": null, \"stage\": \"dev\"}"}`, ""},
		{"example hello", example, "LdkExample-HelloFn7942DF23",
			`{"queryStringParameters":{"name":"cli"},"routeKey":"GET /hello"}`,
			`{"statusCode":200,"headers":{"content-type":"application/json"},` +
				`"body":"{\"message\":\"hello, cli\",\"routeKey\":\"GET /hello\",\"layer\":\"ldk-greeting\"}"}`, ""},
		{"example create item", example, "LdkExample-CreateItemFn77CDFD57", `{"body":"{\"id\":\"1\"}"}`,
			`{"statusCode":201,"headers":{"content-type":"application/json"},` +
				`"cookies":["session=ldk-example; Path=/; HttpOnly","theme=dark; Path=/"],"body":"{\"created\":{\"id\":\"1\"}}"}`, ""},
		{"example get item", example, "LdkExample-GetItemFn485F5506", `{"pathParameters":{"id":"1"}}`,
			`{"statusCode": 200, "headers": {"content-type": "application/json"}, ` +
				`"body": "{\"id\":\"1\",\"table\":\"ldk-example-items\"}"}`, ""},
		{"example config", example, "LdkExample-ConfigFn0355CC23", `{}`,
			`{"table":"ldk-example-items","queueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/LdkExample-OrdersQueue3DFA1D51",` +
				`"itemsFunction":"LdkExample-GetItemFn485F5506","greeting":"hi"}`, ""},
		{"example boom, not failing", example, "ldk-example-boom", `{"fail": false}`, `{"ok": true}`, ""},
		{"example slow", example, "LdkExample-SlowFn5557DA41", `{"queryStringParameters":{"ms":"5"}}`,
			`{"statusCode":200,"headers":{"content-type":"application/json"},"body":"{\"sleptMs\":5}"}`, ""},
		{"example pixel", example, "LdkExample-PixelFnECF74BE5", `{}`,
			`{"statusCode":200,"headers":{"content-type":"image/gif"},"isBase64Encoded":true,"body":"` + gifBase64 + `"}`, ""},
		{"example status", example, "LdkExample-StatusFn561E8298",
			`{"requestContext":{"stage":"dev"},"resource":"/status","path":"/status"}`,
			`{"statusCode": 200, "headers": {"content-type": "application/json"}, "multiValueHeaders": {"x-ldk-check": ["a", "b"]}, ` +
				`"body": "{\"function\":\"LdkExample-StatusFn561E8298\",\"memory\":\"256\",\"path\":\"/status\",` +
				`\"resource\":\"/status\",\"stage\":\"dev\",\"status\":\"ok\"}"}`, ""},
		{"example search", example, "LdkExample-SearchFn5B9EF551",
			`{"queryStringParameters":{"q":"x"},"multiValueQueryStringParameters":{"q":["x"]}}`,
			`{"statusCode": 200, "headers": {"content-type": "application/json"}, ` +
				`"body": "{\"multi\":{\"q\":[\"x\"]},\"single\":{\"q\":\"x\"}}"}`, ""},
		{"example proxy", example, "LdkExample-ProxyFn0105D3E4",
			`{"path":"/proxy/a","resource":"/proxy/{proxy+}","pathParameters":{"proxy":"a"},"httpMethod":"PUT"}`,
			`{"statusCode":200,"headers":{"content-type":"application/json"},` +
				`"body":"{\"path\":\"/proxy/a\",\"resource\":\"/proxy/{proxy+}\",\"proxy\":\"a\",\"httpMethod\":\"PUT\"}"}`, ""},
		{"example counter", example, "ldk-example-counter",
			`{"rawPath":"/c","routeKey":"$default","requestContext":{"http":{"method":"GET"}}}`,
			`{"statusCode":200,"headers":{"content-type":"application/json"},` +
				`"body":"{\"count\":1,\"method\":\"GET\",\"path\":\"/c\",\"routeKey\":\"$default\"}"}`, ""},
	}
}

// TestInvokeEveryFunction runs `ldk invoke` on every function with an event
// on stdin: the result on stdout, the logs with a REPORT line on stderr.
func TestInvokeEveryFunction(t *testing.T) {
	t.Parallel()
	for _, tc := range invokeCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"invoke", tc.function, "--event", "-"}, tc.app...)
			r := runBinary(t, tc.event, args...)
			if r.code != 0 {
				t.Fatalf("exit status %d, want 0\nstdout: %s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			got := strings.TrimSuffix(r.stdout, "\n")
			if tc.wantRE != "" {
				if !regexp.MustCompile(`\A` + tc.wantRE + `\z`).MatchString(got) {
					t.Errorf("stdout %s\ndoes not match %s", got, tc.wantRE)
				}
			} else if got != tc.want {
				t.Errorf("stdout\n got %s\nwant %s", got, tc.want)
			}
			if !strings.HasSuffix(r.stdout, "\n") {
				t.Errorf("stdout %q does not end the result with a newline", r.stdout)
			}
			if !reportRE(tc.function).MatchString(r.stderr) {
				t.Errorf("stderr has no REPORT line for %s:\n%s", tc.function, r.stderr)
			}
		})
	}
}

// TestInvokeFailures covers the ways `ldk invoke` fails: a function error,
// a timeout, an unknown function and bad event files.
func TestInvokeFailures(t *testing.T) {
	t.Parallel()
	example := repoPath("examples", "cdk")
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.json")
	if err := os.WriteFile(empty, []byte(" \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	eventFile := filepath.Join(dir, "event.json")
	if err := os.WriteFile(eventFile, []byte(`{"fail": false}`), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name     string
		stdin    string
		args     []string
		code     int
		stdoutRE string
		stderrRE string // a regexp stderr must contain
	}{
		{name: "event file", args: []string{"ldk-example-boom", "--event", eventFile},
			stdoutRE: `\{"ok": true\}\n`, stderrRE: `\[ldk-example-boom\] REPORT RequestId: `},
		{name: "function error", stdin: "{}", args: []string{"ldk-example-boom", "--event", "-"}, code: 1,
			stdoutRE: `\{"errorMessage": "boom on demand", "errorType": "RuntimeError", "requestId": "` + uuidRE +
				`", "stackTrace": \[.*raise RuntimeError\(\\"boom on demand\\"\)\\n"\]\}\n`,
			stderrRE: `(?m)^\[ldk-example-boom\] \[ERROR\] RuntimeError: boom on demand\n(.|\n)*` +
				`\[ldk-example-boom\] REPORT RequestId: (.|\n)*function ldk-example-boom failed`},
		{name: "timeout", stdin: `{"queryStringParameters":{"ms":"3000"}}`,
			args: []string{"LdkExample-SlowFn5557DA41", "--event", "-"}, code: 1,
			stdoutRE: `\{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ` + uuidRE +
				` Error: Task timed out after 1.00 seconds"\}\n`,
			// ldk invoke waits for the last log line: END, REPORT and the
			// timed-out line all come out before it exits.
			stderrRE: `\[LdkExample-SlowFn5557DA41\] START RequestId: (.|\n)*` +
				`\[LdkExample-SlowFn5557DA41\] END RequestId: (.|\n)*` +
				`\[LdkExample-SlowFn5557DA41\] REPORT RequestId: [^\n]*Status: timeout(.|\n)*` +
				`Task timed out after 1\.00 seconds\n(.|\n)*function LdkExample-SlowFn5557DA41 failed: Sandbox\.Timedout`},
		{name: "unknown function lists close matches", args: []string{"ldk-example-bom"}, code: 1,
			stderrRE: `\Aldk: function "ldk-example-bom" not found; did you mean "ldk-example-boom"\?\n\z`},
		{name: "unknown function lists the app's", args: []string{"nonexist"}, code: 1,
			stderrRE: `\Aldk: function "nonexist" not found; the app's functions include "LdkExample-ConfigFn0355CC23", ` +
				`"LdkExample-CreateItemFn77CDFD57", [^\n]*, "ldk-example-boom" \(ldk ls lists all 11\)\n\z`},
		{name: "logical id lists the function", args: []string{"HelloFn"}, code: 1,
			stderrRE: `\Aldk: function "HelloFn" not found; did you mean "LdkExample-HelloFn7942DF23"\?\n\z`},
		{name: "missing event file", args: []string{"ldk-example-boom", "--event", missing}, code: 1,
			stderrRE: `\Aldk: reading the event: open ` + regexp.QuoteMeta(missing) + `: no such file or directory\n\z`},
		{name: "empty event file", args: []string{"ldk-example-boom", "--event", empty}, code: 1,
			stderrRE: `\Aldk: the event in \S+empty\.json is empty; pass a JSON document \(e\.g\. \{\}\)\n\z`},
		{name: "empty stdin", args: []string{"ldk-example-boom", "--event", "-"}, code: 1,
			stderrRE: `\Aldk: the event in standard input is empty; pass a JSON document \(e\.g\. \{\}\)\n\z`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := append([]string{"invoke"}, tc.args...)
			r := runBinary(t, tc.stdin, append(args, "--project-dir", example)...)
			if r.code != tc.code {
				t.Errorf("exit status %d, want %d\nstdout: %s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			if !regexp.MustCompile(`\A(?:` + tc.stdoutRE + `)\z`).MatchString(r.stdout) {
				t.Errorf("stdout %q does not match %s", r.stdout, tc.stdoutRE)
			}
			if !regexp.MustCompile(tc.stderrRE).MatchString(r.stderr) {
				t.Errorf("stderr does not match %s:\n%s", tc.stderrRE, r.stderr)
			}
		})
	}
}
