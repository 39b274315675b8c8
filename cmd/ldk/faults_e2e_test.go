package main

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

// fault is one misbehaviour of a handler and what ldk must answer.
type fault struct {
	name     string
	function string
	payload  string
	// wantError is the X-Amz-Function-Error header ("" for none);
	// wantPayload the exact answer, <id> standing for the request id.
	wantError   string
	wantPayload string
	// check runs extra assertions on the log after the answer.
	check func(t *testing.T, s *faultDev, requestID string)
}

// TestDevSurvivesFaults runs each fault through a real ldk dev with real
// node and python workers, and then a normal request that must succeed.
func TestDevSurvivesFaults(t *testing.T) {
	needTools(t, "node", "python3")
	// A ceiling low enough to test, above the 1.5 GB cases.
	t.Setenv("LDK_SUBPROCESS_MEMORY_CEILING_MB", "2000")
	s := startFaultDev(t, buildLDK(t), faultApp(t))
	client := lambdaClient(t, s.ready.AWSEndpoint)

	faults := []fault{
		{
			name: "endless loop times out", function: "fault-spin", payload: `{"do":"spin"}`,
			wantError:   "Unhandled",
			wantPayload: `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after 2.00 seconds"}`,
		},
		{
			name: "node process.exit mid-invocation", function: "fault-node", payload: `{"do":"exit"}`,
			wantError:   "Unhandled",
			wantPayload: `{"errorType":"Runtime.ExitError","errorMessage":"RequestId: <id> Error: Runtime exited with error: exit status 1"}`,
		},
		{
			name: "python sys.exit mid-invocation", function: "fault-py", payload: `{"do":"exit"}`,
			wantError:   "Unhandled",
			wantPayload: `{"errorType":"Runtime.ExitError","errorMessage":"RequestId: <id> Error: Runtime exited with error: exit status 1"}`,
		},
		{
			name: "node allocates 1.5 GB in 128 MB", function: "fault-mem", payload: `{"do":"alloc","mb":1536}`,
			wantPayload: `{"allocatedMB":1536}`,
			check:       checkMemoryReported("fault-mem"),
		},
		{
			name: "python allocates 1.5 GB in 128 MB", function: "fault-py", payload: `{"do":"alloc","mb":1536}`,
			wantPayload: `{"allocatedMB": 1536}`,
			check:       checkMemoryReported("fault-py"),
		},
		{
			name: "node allocates past the machine's memory ceiling", function: "fault-mem",
			payload: `{"do":"alloc","mb":4096}`, wantError: "Unhandled",
			wantPayload: `{"errorType":"Runtime.OutOfMemory","errorMessage":"RequestId: <id> Error: Runtime exited with error: signal: killed"}`,
		},
		{
			name: "50 MB to stdout", function: "fault-node", payload: `{"do":"flood"}`,
			wantPayload: `{"flooded":800}`,
			check:       checkFlood,
		},
	}
	for _, f := range faults {
		t.Run(f.name, func(t *testing.T) {
			out := invokeFn(t, client, f.function, f.payload)
			id, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
			checkAnswer(t, out, id, f.wantError, f.wantPayload)
			if f.check != nil {
				f.check(t, s, id)
			}
			checkHealthy(t, s, client)
		})
	}

	t.Run("handler never reads the Runtime API again", func(t *testing.T) {
		first := invokeFn(t, client, "fault-stuck", `{}`)
		firstPID := answeredPID(t, first)

		second := invokeFn(t, client, "fault-stuck", `{}`)
		id, _ := awsmiddleware.GetRequestIDMetadata(second.ResultMetadata)
		checkAnswer(t, second, id, "Unhandled",
			`{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id> Error: Task timed out after 5.00 seconds"}`)

		third := invokeFn(t, client, "fault-stuck", `{}`)
		if pid := answeredPID(t, third); pid == firstPID {
			t.Errorf("the stuck worker (pid %d) answered again; want a fresh worker", pid)
		}
		checkHealthy(t, s, client)
	})
}

// checkAnswer compares an Invoke answer with the expected error header and
// payload, <id> in want standing for the request id.
func checkAnswer(t *testing.T, out *lambda.InvokeOutput, id, wantError, want string) {
	t.Helper()

	if out.StatusCode != 200 {
		t.Errorf("status %d, want 200", out.StatusCode)
	}
	if got := strDeref(out.FunctionError); got != wantError {
		t.Errorf("X-Amz-Function-Error %q, want %q", got, wantError)
	}
	want = strings.ReplaceAll(want, "<id>", id)
	if got := string(out.Payload); got != want {
		t.Errorf("payload\n got %s\nwant %s", got, want)
	}
}

// checkHealthy makes the normal requests that must succeed after a fault:
// both functions through the Invoke API and through the HTTP API.
func checkHealthy(t *testing.T, s *faultDev, client *lambda.Client) {
	t.Helper()

	out := invokeFn(t, client, "fault-node", `{}`)
	var doc struct {
		OK       bool   `json:"ok"`
		Greeting string `json:"greeting"`
	}
	if err := json.Unmarshal(out.Payload, &doc); err != nil || out.FunctionError != nil || !doc.OK || doc.Greeting != "hello" {
		t.Errorf("fault-node after the fault answered %s (error %q)", out.Payload, strDeref(out.FunctionError))
	}

	out = invokeFn(t, client, "fault-py", `{}`)
	if got, want := string(out.Payload), `{"ok": true, "greeting": "hi"}`; got != want {
		t.Errorf("fault-py after the fault answered %s, want %s", got, want)
	}

	status, body := get(t, s.apiURL(t)+"/node")
	if want := `{"ok":true,"route":"GET /node","len":0}`; status != 200 || body != want {
		t.Errorf("GET /node after the fault: %d %s, want 200 %s", status, body, want)
	}
}

// checkMemoryReported returns a check that the REPORT line of the request
// shows more than 1.4 GB used and that the function was warned about.
func checkMemoryReported(function string) func(t *testing.T, s *faultDev, id string) {
	return func(t *testing.T, s *faultDev, id string) {
		t.Helper()

		re := regexp.MustCompile(`\[` + function + `\] REPORT RequestId: ` + id +
			`\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\tMemory Size: 128 MB\tMax Memory Used: ([0-9]+) MB`)
		_, m := s.waitLog(t, re)
		if used, _ := strconv.Atoi(m[1]); used < 1400 {
			t.Errorf("Max Memory Used: %d MB, want at least 1400 MB", used)
		}
		warn := regexp.MustCompile(`\[WARN\] +ldk\.ldk-compute-subprocess: function used more memory than ` +
			`its memory size allows on Lambda [^\n]*function=` + function + ` `)
		// The plugin's own log lines travel apart from the records.
		s.waitLog(t, warn)
	}
}

// checkFlood checks that all 800 lines of 64 KB reached the log, before
// the END line of their request. Log records travel apart from the answer,
// so it waits for the END line first.
func checkFlood(t *testing.T, s *faultDev, id string) {
	t.Helper()

	end := "[fault-node] END RequestId: " + id + "\n"
	log, _ := s.waitLog(t, regexp.MustCompile(regexp.QuoteMeta(end)))

	line := "[fault-node] " + strings.Repeat("x", 65535) + "\n"
	before := log[:strings.Index(log, end)]
	if n := strings.Count(before, line); n != 800 {
		t.Errorf("%d lines of 64 KB in the log before END, want 800", n)
	}
}

// answeredPID reads the pid from fault-stuck's answer.
func answeredPID(t *testing.T, out *lambda.InvokeOutput) int {
	t.Helper()

	var doc struct {
		Answered bool `json:"answered"`
		PID      int  `json:"pid"`
	}
	if err := json.Unmarshal(out.Payload, &doc); err != nil || !doc.Answered || doc.PID == 0 {
		t.Fatalf("fault-stuck answered %s (error %q)", out.Payload, strDeref(out.FunctionError))
	}
	return doc.PID
}

func strDeref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// tailOf is the end of a long log, for failure messages.
func tailOf(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
