package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/smithy-go"

	"github.com/ldkdev/ldk/internal/proctree"
)

// TestDevSurvivesKills kills workers and the plugin from outside, idle and
// mid-invocation, and checks every caller gets an answer and the next
// request succeeds.
func TestDevSurvivesKills(t *testing.T) {
	needTools(t, "node", "python3")
	s := startFaultDev(t, buildLDK(t), faultApp(t))
	client := lambdaClient(t, s.ready.AWSEndpoint)

	t.Run("idle worker killed with kill -9", func(t *testing.T) {
		pid := workerPID(t, client)
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		// The next call comes once the plugin has reaped the worker, as a
		// person's would: a call racing the kill itself may be handed to
		// the dying process and answered with Runtime.ExitError.
		waitReaped(t, pid)
		if got := workerPID(t, client); got == pid {
			t.Errorf("the killed worker %d answered", pid)
		}
		checkHealthy(t, s, client)
	})

	t.Run("busy worker killed with kill -9", func(t *testing.T) {
		answer := make(chan *lambda.InvokeOutput, 1)
		go func() {
			answer <- invokeFn(t, client, "fault-node", `{"do":"sleep","ms":1500,"tag":"busy-kill"}`)
		}()

		// The worker that serves this invocation says its pid: an idle
		// worker asked beforehand may not be the one the pool hands it to.
		pid := loggedPID(t, s, "busy-kill")
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		out := <-answer
		id, _ := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata)
		checkAnswer(t, out, id, "Unhandled",
			`{"errorType":"Runtime.ExitError","errorMessage":"RequestId: <id> Error: Runtime exited with error: signal: killed"}`)
		checkHealthy(t, s, client)
	})

	t.Run("plugin killed mid-invocation", func(t *testing.T) {
		plugin := pluginProc(t, s)
		workers, err := proctree.Descendants(plugin.PID)
		if err != nil {
			t.Fatal(err)
		}

		type result struct {
			out *lambda.InvokeOutput
			err error
		}
		answer := make(chan result, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			out, err := client.Invoke(ctx, &lambda.InvokeInput{
				FunctionName: aws.String("fault-node"), Payload: []byte(`{"do":"sleep","ms":3000}`)})
			answer <- result{out, err}
		}()

		waitBusy(t, s, "fault-node")
		if err := syscall.Kill(plugin.PID, syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		got := <-answer

		var apiErr smithy.APIError
		if !errors.As(got.err, &apiErr) {
			t.Fatalf("in-flight invoke: got %v (payload %s), want a service error", got.err, payloadOf(got.out))
		}
		if apiErr.ErrorCode() != "ServiceException" ||
			!strings.Contains(apiErr.ErrorMessage(), "compute plugin subprocess exited during Invoke") {
			t.Errorf("in-flight invoke: %s %q, want ServiceException saying the plugin exited",
				apiErr.ErrorCode(), apiErr.ErrorMessage())
		}

		if left := waitGone(append(workers, plugin)); len(left) > 0 {
			killAll(left)
			t.Errorf("still running after the plugin was killed: %s", commandsOf(left))
		}
		checkHealthy(t, s, client)
		if again := pluginProc(t, s); again.PID == plugin.PID {
			t.Errorf("plugin pid %d unchanged after it was killed", again.PID)
		}
	})
}

// workerPID asks fault-node for the pid of the worker that serves it.
func workerPID(t *testing.T, client *lambda.Client) int {
	t.Helper()

	out := invokeFn(t, client, "fault-node", `{"do":"pid"}`)
	var doc struct {
		PID int `json:"pid"`
	}
	if err := json.Unmarshal(out.Payload, &doc); err != nil || doc.PID == 0 {
		t.Fatalf("fault-node answered %s to pid", out.Payload)
	}
	return doc.PID
}

// waitBusy waits until the last line function logged is a START line: the
// invocation sent last is running in a worker.
func waitBusy(t *testing.T, s *faultDev, function string) {
	t.Helper()

	prefix := "[" + function + "] "
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		last := ""
		for _, line := range strings.Split(s.log(t), "\n") {
			if strings.HasPrefix(line, prefix) {
				last = line
			}
		}
		if strings.HasPrefix(last, prefix+"START RequestId: ") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s never started the invocation", function)
}

// loggedPID waits for the line "<tag> sleeping in pid N" that fault-node
// writes when an invocation tagged so starts, and returns N.
func loggedPID(t *testing.T, s *faultDev, tag string) int {
	t.Helper()

	re := regexp.MustCompile(regexp.QuoteMeta(tag) + ` sleeping in pid ([0-9]+)`)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(s.log(t)); m != nil {
			pid, _ := strconv.Atoi(m[1])
			return pid
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("fault-node never logged %q", tag+" sleeping in pid N")
	return 0
}

// pluginProc is ldk dev's running subprocess plugin.
func pluginProc(t *testing.T, s *faultDev) proctree.Proc {
	t.Helper()

	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		for _, p := range s.descendants(t) {
			// The kernel keeps 15 characters of a command's name.
			if p.PPID == s.pid() && p.Command == "ldk-compute-sub" {
				return p
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("ldk dev (pid %d) runs no subprocess plugin", s.pid())
	return proctree.Proc{}
}

func payloadOf(out *lambda.InvokeOutput) string {
	if out == nil {
		return ""
	}
	return string(out.Payload)
}

// waitReaped waits until pid no longer exists: its parent has reaped it.
func waitReaped(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat("/proc/" + strconv.Itoa(pid)); os.IsNotExist(err) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("process %d was not reaped", pid)
}
