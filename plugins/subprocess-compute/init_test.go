package main

import (
	"testing"
	"time"

	"github.com/ldkdev/ldk/compute"
)

// TestSlowInitDoesNotEatTheTimeout checks that, as on Lambda, a cold
// start's init has its own budget: a module taking 1.5 s to load still
// gets its whole 1 s timeout for the handler.
func TestSlowInitDoesNotEatTheTimeout(t *testing.T) {
	need(t, "python3")
	b := newTestBackend(t)
	start(t, b, compute.FunctionSpec{
		Name: "slow-init", Runtime: "python3.12", Handler: "slow.handler",
		CodeDir: testdataDir(t, "py-slow-init"), TimeoutSeconds: 1,
	})

	res := invoke(t, b, compute.InvokeRequest{Function: "slow-init", Payload: []byte(`{}`),
		Deadline: deadlineIn(1 * time.Second)})
	if res.ErrorType != "" {
		t.Fatalf("error %s: %s", res.ErrorType, res.Payload)
	}
	if got, want := string(res.Payload), `{"ok": true, "remaining_positive": true}`; got != want {
		t.Fatalf("payload = %s, want %s", got, want)
	}
	if res.InitDuration < 1500*time.Millisecond {
		t.Fatalf("init duration %s does not include the module's 1.5 s sleep", res.InitDuration)
	}
}
