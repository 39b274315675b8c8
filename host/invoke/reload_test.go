package invoke_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/computetest"
	"github.com/ldkdev/ldk/host/invoke"
)

// edited returns testApp with edit applied.
func edited(edit func(a *appmodel.App)) *appmodel.App {
	a := testApp()
	edit(a)
	return a
}

func TestSetApp(t *testing.T) {
	e := newEnv(t, invoke.Config{})
	for _, name := range []string{"orders-get", "orders-create", "other-fn"} {
		e.echo(t, invoke.Request{Function: name})
	}

	next := edited(func(a *appmodel.App) {
		a.Functions[0].Environment = map[string]string{"GREETING": "bonjour"} // orders-get
		a.Functions[5].Name = "other-fn-2"                                    // other-fn removed, one added
		a.Functions[1].LogicalID = "Renamed"                                  // orders-create: not seen by workers
	})
	change, err := e.d.SetApp(context.Background(), next)
	if err != nil {
		t.Fatalf("SetApp: %v", err)
	}
	want := appmodel.Change{AddedFunctions: []string{"other-fn-2"}, RemovedFunctions: []string{"other-fn"},
		ChangedFunctions: []string{"orders-get"}}
	if diff := cmp.Diff(want, change); diff != "" {
		t.Errorf("change (-want +got):\n%s", diff)
	}

	tests := []struct {
		name         string
		function     string
		wantGreeting string
		wantStarts   int
	}{
		{name: "changed function restarted with its new spec", function: "orders-get", wantGreeting: "bonjour", wantStarts: 2},
		{name: "unchanged function keeps its start", function: "orders-create", wantStarts: 1},
		{name: "added function starts on first use", function: "other-fn-2", wantStarts: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.echo(t, invoke.Request{Function: tt.function})
			if got.Greeting != tt.wantGreeting || got.Starts != tt.wantStarts {
				t.Errorf("greeting %q after %d starts, want %q after %d", got.Greeting, got.Starts, tt.wantGreeting, tt.wantStarts)
			}
		})
	}

	_, err = e.d.Invoke(context.Background(), invoke.Request{Function: "other-fn"})
	if !errors.Is(err, invoke.ErrNotFound) {
		t.Errorf("removed function: got %v, want not found", err)
	}
}

func TestSetAppRemovedFunctionFinishesInvocation(t *testing.T) {
	e := newEnv(t, invoke.Config{})
	e.primeLogs(t, "orders-create")

	ctx, release := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := e.d.Invoke(ctx, invoke.Request{Function: "orders-create", RequestID: "held",
			Payload: []byte(computetest.PayloadBlock)})
		done <- err
	}()
	e.awaitInvoked(t, "held")

	next := edited(func(a *appmodel.App) { a.Functions = a.Functions[:1] })
	if _, err := e.d.SetApp(context.Background(), next); err != nil {
		t.Fatalf("SetApp: %v", err)
	}
	backend, _, err := e.plugins.Backend(context.Background(), "echo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := backend.Invoke(context.Background(), echoReq("orders-create")); err != nil {
		t.Fatalf("the removed function was stopped during its invocation: %v", err)
	}

	release()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("held invocation: got %v, want context.Canceled", err)
	}
	// The stop follows the invocation's end; wait for it without a
	// deadline of its own (the test's timeout bounds it).
	for {
		_, err := backend.Invoke(context.Background(), echoReq("orders-create"))
		if err != nil {
			if want := `function "orders-create" is not started`; !strings.Contains(err.Error(), want) {
				t.Fatalf("got %v, want %q", err, want)
			}
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestRestart(t *testing.T) {
	e := newEnv(t, invoke.Config{})
	e.echo(t, invoke.Request{Function: "orders-get"})

	if err := e.d.Restart(context.Background(), "orders-get", "orders-create", "no-such"); err != nil {
		t.Fatalf("Restart: %v", err)
	}
	tests := []struct {
		name       string
		function   string
		wantStarts int
	}{
		{name: "started function started again", function: "orders-get", wantStarts: 2},
		{name: "function never started starts once", function: "orders-create", wantStarts: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := e.echo(t, invoke.Request{Function: tt.function}); got.Starts != tt.wantStarts {
				t.Errorf("%d starts, want %d", got.Starts, tt.wantStarts)
			}
		})
	}
}

// echoReq is a direct backend invocation of function.
func echoReq(function string) compute.InvokeRequest {
	return compute.InvokeRequest{Function: function, Payload: []byte(`1`), Deadline: time.Now().Add(time.Minute)}
}
