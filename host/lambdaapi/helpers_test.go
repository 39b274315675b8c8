package lambdaapi

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/host/invoke"
)

// recorder is an invoke.Invoker that keeps the requests it gets and answers
// through answer. The thing under test is the Invoke API around it.
type recorder struct {
	mu     sync.Mutex
	reqs   []invoke.Request
	answer func(invoke.Request) (*compute.InvokeResult, error)
}

func (r *recorder) Invoke(_ context.Context, req invoke.Request) (*compute.InvokeResult, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return r.answer(req)
}

func (r *recorder) requests() []invoke.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]invoke.Request(nil), r.reqs...)
}

// testFunctions is the app the tests invoke.
func testFunctions() []appmodel.Function {
	return []appmodel.Function{
		{Name: "orders-get", ARN: "arn:aws:lambda:us-east-1:123456789012:function:orders-get", Runtime: "nodejs20.x",
			Handler: "index.handler", MemoryMB: 128, TimeoutSeconds: 3, Architecture: appmodel.ArchX86,
			PackageType: appmodel.PackageZip, EphemeralStorageMB: 512, Environment: map[string]string{"GREETING": "hello"}, Runnable: true},
		{Name: "s3-only", Runtime: "python3.12", Handler: "app.handler", MemoryMB: 256, TimeoutSeconds: 10,
			Runnable: false, Reason: "code is in S3; build it locally"},
	}
}

// startServer serves the Invoke API on 127.0.0.1 and returns an SDK client
// with static dummy credentials and no retries that talks only to it.
func startServer(t *testing.T, inv invoke.Invoker) (*lambda.Client, *Handler, string) {
	t.Helper()
	h := NewHandler(inv, testFunctions(), Options{AccountID: "123456789012", Region: "us-east-1"})
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		_ = h.Close(context.Background())
	})

	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDLOCAL", "dummy-secret", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
	client := lambda.NewFromConfig(cfg, func(o *lambda.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
	})
	return client, h, srv.URL
}
