package main

import (
	"strings"
	"testing"
)

// TestInvokeFunctionCallsFunction runs calls-caller with ldk invoke: it
// invokes calls-callee through AWS_ENDPOINT_URL_LAMBDA, which ldk invoke
// serves on loopback for the length of the run, as ldk dev does.
func TestInvokeFunctionCallsFunction(t *testing.T) {
	t.Parallel()
	r := runBinary(t, `{"n": 21}`, "invoke", "calls-caller", "--tf", "testdata/calls", "--event", "-")
	want := `{"statusCode":200,"headers":{"content-type":"application/json"},"body":"{\"endpointHost\":\"127.0.0.1\",` +
		`\"status\":200,\"version\":\"$LATEST\",\"answer\":{\"doubled\":42,\"by\":\"calls-callee\"}}"}` + "\n"
	if r.code != 0 || r.stdout != want {
		t.Fatalf("exit %d, stdout\n%s\nwant exit 0 and\n%s\nstderr:\n%s", r.code, r.stdout, want, r.stderr)
	}
	for _, line := range []string{"[calls-callee] START RequestId: ", "[calls-caller] END RequestId: "} {
		if !strings.Contains(r.stderr, line) {
			t.Errorf("stderr lacks %q:\n%s", line, r.stderr)
		}
	}
}
