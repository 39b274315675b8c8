package invoke_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/compute/computetest"
	"github.com/ldkdev/ldk/host/invoke"
	"github.com/ldkdev/ldk/host/plugins"
)

// TestMain lets the test binary double as a compute plugin (see
// computetest.ServeIfPlugin).
func TestMain(m *testing.M) {
	computetest.ServeIfPlugin()
	os.Exit(m.Run())
}

func intPtr(n int) *int { return &n }

// testApp is the model the tests dispatch into.
func testApp() *appmodel.App {
	return &appmodel.App{
		Functions: []appmodel.Function{
			{Name: "orders-get", ARN: "arn:aws:lambda:eu-west-1:111111111111:function:orders-get",
				Runtime: "nodejs20.x", Handler: "api/items.list", CodeDir: "/code/get", MemoryMB: 256,
				TimeoutSeconds: 10, Environment: map[string]string{"GREETING": "hello"},
				Runnable: true, Aliases: []string{"live"}, ReservedConcurrency: intPtr(2)},
			{Name: "orders-create", ARN: "arn:aws:lambda:eu-west-1:111111111111:function:orders-create",
				Runtime: "python3.12", Handler: "app.handler", CodeDir: "/code/create", Runnable: true},
			{Name: "frozen", ARN: "arn:aws:lambda:eu-west-1:111111111111:function:frozen",
				Runtime: "python3.12", Handler: "app.handler", CodeDir: "/code/frozen", Runnable: true,
				ReservedConcurrency: intPtr(0)},
			{Name: "from-s3", Runtime: "nodejs20.x", Handler: "index.handler",
				Reason: "its code is only in S3 (bucket assets, key app.zip): build it locally"},
			{Name: "java-fn", Runtime: "java21", Handler: "a.B::handle", CodeDir: "/code/java", Runnable: true},
			{Name: "other-fn", ARN: "arn:aws:lambda:us-west-2:111111111111:function:other-fn",
				Runtime: "nodejs20.x", Handler: "index.handler", CodeDir: "/code/other", Runnable: true},
		},
		FunctionURLs: []appmodel.FunctionURL{{Function: "orders-create", AuthType: "NONE", Qualifier: "prod"}},
	}
}

// env holds a Dispatcher over real plugin processes: the test binary
// installed as backends "echo" and "other", with a log sink.
type env struct {
	d       *invoke.Dispatcher
	records chan compute.LogRecord
	plugins *plugins.Manager
}

func newEnv(t testing.TB, cfg invoke.Config) *env {
	t.Helper()

	self, err := os.Executable()
	if err != nil {
		t.Fatalf("finding the test binary: %v", err)
	}
	dir := t.TempDir()
	for _, name := range []string{"echo", "other"} {
		if err := os.Symlink(self, filepath.Join(dir, plugins.BinaryPrefix+name)); err != nil {
			t.Fatal(err)
		}
	}

	e := &env{records: make(chan compute.LogRecord, 1000)}
	e.plugins = plugins.NewManager(plugins.Options{
		ExecutableDir: t.TempDir(), Dir: dir, Path: t.TempDir(),
		Logger: hclog.New(&hclog.LoggerOptions{Name: "ldk", Level: hclog.Warn, Output: os.Stderr}),
		LogSink: func(_ string, r compute.LogRecord) {
			select {
			case e.records <- r:
			default: // a sink must not block; tests read only what they await
			}
		},
	})
	t.Cleanup(func() { _ = e.plugins.Close() })

	if cfg.App == nil {
		cfg.App = testApp()
	}
	if cfg.DefaultBackend == "" {
		cfg.DefaultBackend = "echo"
	}
	cfg.Plugins = e.plugins
	cfg.Env.LogStreamName = "2026/12/04/[$LATEST]test"
	e.d = invoke.NewDispatcher(cfg)
	return e
}

// echo invokes and decodes the test backend's echo.
func (e *env) echo(t *testing.T, req invoke.Request) computetest.Echo {
	t.Helper()

	res, err := e.d.Invoke(context.Background(), req)
	if err != nil {
		t.Fatalf("Invoke %+v: %v", req, err)
	}
	var echo computetest.Echo
	if err := json.Unmarshal(res.Payload, &echo); err != nil {
		t.Fatalf("decoding %s: %v", res.Payload, err)
	}
	return echo
}

// primeLogs returns once the backend's log stream is open: it opens
// asynchronously and the test backend drops records no stream is open for.
func (e *env) primeLogs(t *testing.T, function string) {
	t.Helper()

	for i := 0; i < 500; i++ {
		e.echo(t, invoke.Request{Function: function, RequestID: "prime"})
		select {
		case <-e.records:
			for len(e.records) > 0 {
				<-e.records
			}
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatal("the log stream never opened")
}

// awaitInvoked waits until the backend has logged that it runs requestID;
// the bound only keeps a broken stream from hanging the test.
func (e *env) awaitInvoked(t *testing.T, requestID string) {
	t.Helper()

	timeout := time.After(10 * time.Second)
	for {
		select {
		case r := <-e.records:
			if r.RequestID == requestID {
				return
			}
		case <-timeout:
			t.Fatalf("invocation %s never reached the backend", requestID)
		}
	}
}
