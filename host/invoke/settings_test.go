package invoke_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// TestReconfigure changes the settings step by step over one Dispatcher
// and checks which functions each step restarts and what they then see.
func TestReconfigure(t *testing.T) {
	e := newEnv(t, invoke.Config{})
	base := invoke.Settings{DefaultBackend: "echo", Env: compute.EnvOptions{LogStreamName: "2026/12/04/[$LATEST]test"}}
	for _, name := range []string{"orders-get", "orders-create", "other-fn"} {
		e.echo(t, invoke.Request{Function: name})
	}
	firstPid := e.echo(t, invoke.Request{Function: "orders-create"}).Pid

	steps := []struct {
		name        string
		settings    func(s *invoke.Settings)
		wantChanged []string
		// check invokes after the step.
		check func(t *testing.T)
	}{
		{
			name:     "same settings restart nothing",
			settings: func(*invoke.Settings) {},
			check: func(t *testing.T) {
				if got := e.echo(t, invoke.Request{Function: "orders-get"}); got.Starts != 1 {
					t.Errorf("orders-get started %d times, want 1", got.Starts)
				}
			},
		},
		{
			name:        "one function moves to another backend",
			settings:    func(s *invoke.Settings) { s.FunctionBackends = map[string]string{"orders-create": "other"} },
			wantChanged: []string{"orders-create"},
			check: func(t *testing.T) {
				got := e.echo(t, invoke.Request{Function: "orders-create"})
				if got.Pid == firstPid || got.Starts != 1 {
					t.Errorf("orders-create ran in pid %d after %d starts, want the other plugin (not %d) after 1", got.Pid, got.Starts, firstPid)
				}
				if got := e.echo(t, invoke.Request{Function: "orders-get"}); got.Starts != 1 || got.Pid != firstPid {
					t.Errorf("orders-get ran in pid %d after %d starts, want %d after 1", got.Pid, got.Starts, firstPid)
				}
				awaitStopped(t, e, "echo", "orders-create")
			},
		},
		{
			name: "the default cap changes functions without reserved concurrency",
			settings: func(s *invoke.Settings) {
				s.FunctionBackends = map[string]string{"orders-create": "other"}
				s.DefaultConcurrency = 3
			},
			wantChanged: []string{"orders-create", "other-fn"},
			check: func(t *testing.T) {
				if got := e.echo(t, invoke.Request{Function: "other-fn"}); got.Starts != 2 {
					t.Errorf("other-fn started %d times, want 2", got.Starts)
				}
				if got := e.echo(t, invoke.Request{Function: "orders-get"}); got.Starts != 1 {
					t.Errorf("orders-get (reserved 2) started %d times, want 1", got.Starts)
				}
			},
		},
		{
			name: "an endpoint changes every function's environment",
			settings: func(s *invoke.Settings) {
				s.FunctionBackends = map[string]string{"orders-create": "other"}
				s.DefaultConcurrency = 3
				s.Env.ServiceEndpointURLs = map[string]string{"dynamodb": "http://127.0.0.1:8000"}
			},
			wantChanged: []string{"orders-create", "orders-get", "other-fn"},
			check: func(t *testing.T) {
				got := e.echo(t, invoke.Request{Function: "orders-get"})
				if got.Starts != 2 || got.Environment["AWS_ENDPOINT_URL_DYNAMODB"] != "http://127.0.0.1:8000" {
					t.Errorf("orders-get: %d starts, AWS_ENDPOINT_URL_DYNAMODB=%q; want 2 and the endpoint",
						got.Starts, got.Environment["AWS_ENDPOINT_URL_DYNAMODB"])
				}
			},
		},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			s := base
			st.settings(&s)
			change, err := e.d.Reconfigure(context.Background(), testApp(), s)
			if err != nil {
				t.Fatalf("Reconfigure: %v", err)
			}
			if diff := cmp.Diff(st.wantChanged, change.ChangedFunctions); diff != "" {
				t.Errorf("changed functions (-want +got):\n%s", diff)
			}
			st.check(t)
		})
	}
}

// awaitStopped waits until backend no longer runs function: the
// Dispatcher stops it there in the background. The bound only keeps a
// broken stop from hanging the test.
func awaitStopped(t *testing.T, e *env, backend, function string) {
	t.Helper()
	b, _, err := e.plugins.Backend(context.Background(), backend)
	if err != nil {
		t.Fatalf("Backend %s: %v", backend, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := b.Invoke(context.Background(), compute.InvokeRequest{Function: function, Payload: []byte(`1`)})
		if err != nil && strings.Contains(err.Error(), `function "`+function+`" is not started`) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still runs on backend %s (last answer error: %v)", function, backend, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
