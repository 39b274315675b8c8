package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ldkdev/ldk/compute"
)

// errorDocument is the union of the node and python error shapes.
type errorDocument struct {
	ErrorType    string   `json:"errorType"`
	ErrorMessage string   `json:"errorMessage"`
	Trace        []string `json:"trace"`
	RequestID    *string  `json:"requestId"`
	StackTrace   []string `json:"stackTrace"`
}

// TestFunctionErrors checks each kind of failure gives the exact error, and
// that the function still answers the next invocation.
func TestFunctionErrors(t *testing.T) {
	need(t, "node", "python3")

	cases := []struct {
		name    string
		runtime string
		code    string
		handler string
		timeout int
		payload string
		// wantType is InvokeResult.ErrorType; wantDocType the errorType field.
		wantType    string
		wantDocType string
		// wantMessage is the exact errorMessage; <id> is the request id.
		// wantPrefix is used instead when the text depends on the runtime.
		wantMessage string
		wantPrefix  string
		// then is a payload the next invocation succeeds with ("" when the
		// function cannot start at all and must fail the same way again).
		then string
		// fresh: the next invocation must get a new worker; warm: the same.
		fresh, warm bool
	}{
		{
			name: "node handler throws", runtime: "nodejs20.x", code: "node-faults", handler: "index.throws",
			payload: `{}`, wantType: "Unhandled", wantDocType: "TypeError", wantMessage: "boom",
		},
		{
			name: "node callback error", runtime: "nodejs20.x", code: "node-faults", handler: "index.callbackError",
			payload: `{}`, wantType: "Unhandled", wantDocType: "RangeError", wantMessage: "out of range",
		},
		{
			name: "node unserializable result", runtime: "nodejs20.x", code: "node-faults", handler: "index.circular",
			payload: `{"bad":true}`, wantType: "Unhandled", wantDocType: "Runtime.JSONStringifyError",
			wantMessage: "Unable to stringify response body", then: `{}`,
		},
		{
			name: "node timeout", runtime: "nodejs20.x", code: "node-faults", handler: "index.spin", timeout: 1,
			payload: `{"spin":true}`, wantType: "Sandbox.Timedout", wantDocType: "Sandbox.Timedout",
			wantMessage: "RequestId: <id> Error: Task timed out after 1.00 seconds", then: `{}`, fresh: true,
		},
		{
			name: "node process.exit", runtime: "nodejs20.x", code: "node-faults", handler: "index.exit",
			payload: `{"crash":true}`, wantType: "Runtime.ExitError", wantDocType: "Runtime.ExitError",
			wantMessage: "RequestId: <id> Error: Runtime exited with error: exit status 1", then: `{}`, fresh: true,
		},
		{
			name: "node unhandled rejection", runtime: "nodejs20.x", code: "node-faults", handler: "index.rejectLater",
			payload: `{"reject":true}`, wantType: "Unhandled", wantDocType: "Runtime.UnhandledPromiseRejection",
			wantMessage: "Error: nobody caught me", then: `{}`, fresh: true,
		},
		{
			name: "node uncaught exception", runtime: "nodejs20.x", code: "node-faults", handler: "index.throwLater",
			payload: `{"throw":true}`, wantType: "Unhandled", wantDocType: "SyntaxError",
			wantMessage: "thrown from a timer", then: `{}`, fresh: true,
		},
		{
			name: "node response too large", runtime: "nodejs20.x", code: "node-faults", handler: "index.huge",
			payload: `{"mb":7}`, wantType: "Unhandled", wantDocType: "Function.ResponseSizeTooLarge",
			wantMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes).", then: `{}`,
			warm: true,
		},
		{
			name: "node syntax error", runtime: "nodejs20.x", code: "node-syntax", handler: "index.handler",
			payload: `{}`, wantType: "Runtime.UserCodeSyntaxError", wantDocType: "Runtime.UserCodeSyntaxError",
			wantMessage: "SyntaxError: Unexpected token ';'",
		},
		{
			name: "node missing module", runtime: "nodejs20.x", code: "node-missing-module", handler: "index.handler",
			payload: `{}`, wantType: "Runtime.ImportModuleError", wantDocType: "Runtime.ImportModuleError",
			wantPrefix: "Error: Cannot find module 'ldk-no-such-package'",
		},
		{
			name: "node missing file", runtime: "nodejs20.x", code: "node-faults", handler: "lib/nofile.handler",
			payload: `{}`, wantType: "Runtime.ImportModuleError", wantDocType: "Runtime.ImportModuleError",
			wantMessage: "Error: Cannot find module 'lib/nofile'",
		},
		{
			name: "node missing export", runtime: "nodejs20.x", code: "node-faults", handler: "index.nope",
			payload: `{}`, wantType: "Runtime.HandlerNotFound", wantDocType: "Runtime.HandlerNotFound",
			wantMessage: "index.nope is undefined or not exported",
		},
		{
			name: "node malformed handler", runtime: "nodejs20.x", code: "node-faults", handler: "index",
			payload: `{}`, wantType: "Runtime.MalformedHandlerName", wantDocType: "Runtime.MalformedHandlerName",
			wantMessage: "Bad handler",
		},
		{
			name: "python raises", runtime: "python3.12", code: "py-faults", handler: "handlers.raises",
			payload: `{}`, wantType: "Unhandled", wantDocType: "ValueError", wantMessage: "bad value",
		},
		{
			name: "python unserializable result", runtime: "python3.12", code: "py-faults",
			handler: "handlers.unserializable", payload: `{"bad":true}`, wantType: "Unhandled",
			wantDocType: "Runtime.MarshalError",
			wantMessage: "Unable to marshal response: Object of type set is not JSON serializable", then: `{}`,
		},
		{
			name: "python timeout", runtime: "python3.12", code: "py-faults", handler: "handlers.sleep", timeout: 1,
			payload: `{"ms":30000}`, wantType: "Sandbox.Timedout", wantDocType: "Sandbox.Timedout",
			wantMessage: "RequestId: <id> Error: Task timed out after 1.00 seconds", then: `{"ms":1}`, fresh: true,
		},
		{
			name: "python sys.exit", runtime: "python3.12", code: "py-faults", handler: "handlers.exit",
			payload: `{"crash":true}`, wantType: "Runtime.ExitError", wantDocType: "Runtime.ExitError",
			wantMessage: "RequestId: <id> Error: Runtime exited with error: exit status 3", then: `{}`, fresh: true,
		},
		{
			name: "python response too large", runtime: "python3.12", code: "py-faults", handler: "handlers.huge",
			payload: `{"mb":7}`, wantType: "Unhandled", wantDocType: "Function.ResponseSizeTooLarge",
			wantMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes).", then: `{}`,
			warm: true,
		},
		{
			name: "python syntax error", runtime: "python3.12", code: "py-syntax", handler: "bad.handler",
			payload: `{}`, wantType: "Runtime.UserCodeSyntaxError", wantDocType: "Runtime.UserCodeSyntaxError",
			wantPrefix: "Syntax error in module 'bad': ",
		},
		{
			name: "python missing module", runtime: "python3.12", code: "py-faults", handler: "nomodule.handler",
			payload: `{}`, wantType: "Runtime.ImportModuleError", wantDocType: "Runtime.ImportModuleError",
			wantMessage: "Unable to import module 'nomodule': No module named 'nomodule'",
		},
		{
			name: "python missing handler", runtime: "python3.12", code: "py-faults", handler: "handlers.nope",
			payload: `{}`, wantType: "Runtime.HandlerNotFound", wantDocType: "Runtime.HandlerNotFound",
			wantMessage: "Handler 'nope' missing on module 'handlers'",
		},
	}

	b := newTestBackend(t)
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := "fn" + string(rune('a'+i))
			timeout := tc.timeout
			if timeout == 0 {
				timeout = 30
			}
			start(t, b, compute.FunctionSpec{Name: name, Runtime: tc.runtime, Handler: tc.handler,
				CodeDir: testdataDir(t, tc.code), TimeoutSeconds: timeout})

			id := requestID()
			res := invoke(t, b, compute.InvokeRequest{Function: name, RequestID: id, Payload: []byte(tc.payload),
				Deadline: deadlineIn(time.Duration(timeout) * time.Second)})
			checkError(t, res, id, tc.wantType, tc.wantDocType, tc.wantMessage, tc.wantPrefix)

			next := invoke(t, b, compute.InvokeRequest{Function: name, Payload: []byte(orDefault(tc.then, "{}")),
				Deadline: deadlineIn(30 * time.Second)})
			if tc.then == "" {
				if next.ErrorType != tc.wantType {
					t.Errorf("next invocation: ErrorType %q, want %q again", next.ErrorType, tc.wantType)
				}
				return
			}
			if next.ErrorType != "" {
				t.Fatalf("next invocation failed: %s %s", next.ErrorType, next.Payload)
			}
			if tc.fresh && next.WorkerID == res.WorkerID {
				t.Errorf("next invocation reused worker %s, want a fresh one", res.WorkerID)
			}
			if tc.warm && next.WorkerID != res.WorkerID {
				t.Errorf("next invocation ran in worker %s, want the warm %s", next.WorkerID, res.WorkerID)
			}
		})
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}

	return s
}

func checkError(t *testing.T, res *compute.InvokeResult, id, wantType, wantDocType, wantMessage, wantPrefix string) {
	t.Helper()

	if res.ErrorType != wantType {
		t.Errorf("ErrorType = %q, want %q (payload %s)", res.ErrorType, wantType, res.Payload)
	}

	var doc errorDocument
	if err := json.Unmarshal(res.Payload, &doc); err != nil {
		t.Fatalf("error payload %q is not JSON: %v", res.Payload, err)
	}

	if doc.ErrorType != wantDocType {
		t.Errorf("errorType = %q, want %q", doc.ErrorType, wantDocType)
	}

	if wantMessage != "" && doc.ErrorMessage != strings.ReplaceAll(wantMessage, "<id>", id) {
		t.Errorf("errorMessage = %q, want %q", doc.ErrorMessage, strings.ReplaceAll(wantMessage, "<id>", id))
	}
	if wantPrefix != "" && !strings.HasPrefix(doc.ErrorMessage, wantPrefix) {
		t.Errorf("errorMessage = %q, want it to start with %q", doc.ErrorMessage, wantPrefix)
	}
}

// TestErrorShapes checks the whole error document of each runtime.
func TestErrorShapes(t *testing.T) {
	need(t, "node", "python3")

	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{Name: "n", Runtime: "nodejs20.x", Handler: "index.throws",
		CodeDir: testdataDir(t, "node-faults")})
	start(t, b, compute.FunctionSpec{Name: "p", Runtime: "python3.12", Handler: "handlers.raises",
		CodeDir: testdataDir(t, "py-faults")})

	t.Run("node", func(t *testing.T) {
		res := invoke(t, b, compute.InvokeRequest{Function: "n", Payload: []byte(`{}`)})

		var doc map[string]json.RawMessage
		if err := json.Unmarshal(res.Payload, &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc) != 3 || doc["errorType"] == nil || doc["errorMessage"] == nil || doc["trace"] == nil {
			t.Errorf("node error keys: %s, want errorType, errorMessage, trace", res.Payload)
		}

		var trace []string
		_ = json.Unmarshal(doc["trace"], &trace)
		if len(trace) < 2 || trace[0] != "TypeError: boom" || !strings.Contains(trace[1], "index.js") {
			t.Errorf("trace = %q, want the stack starting with TypeError: boom", trace)
		}
	})

	t.Run("python", func(t *testing.T) {
		id := requestID()
		res := invoke(t, b, compute.InvokeRequest{Function: "p", RequestID: id, Payload: []byte(`{}`)})

		var doc errorDocument
		if err := json.Unmarshal(res.Payload, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.RequestID == nil || *doc.RequestID != id {
			t.Errorf("requestId = %v, want %s", doc.RequestID, id)
		}
		if len(doc.StackTrace) != 1 || !strings.Contains(doc.StackTrace[0], "handlers.py") ||
			!strings.Contains(doc.StackTrace[0], "in raises") {
			t.Errorf("stackTrace = %q, want one frame in handlers.py raises", doc.StackTrace)
		}
		if !strings.Contains(string(res.LogTail), "[ERROR] ValueError: bad value") {
			t.Errorf("log lacks the [ERROR] line:\n%s", res.LogTail)
		}
	})
}
