package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

// httpClient keeps enough idle connections for 16 concurrent clients.
var httpClient = &http.Client{
	Timeout: 30 * time.Second,
	Transport: &http.Transport{
		MaxIdleConns:        64,
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     time.Minute,
	},
}

// Invoker calls functions through ldk's Lambda Invoke API with the AWS SDK
// for Go v2: an explicit loopback endpoint, static dummy credentials and no
// retries, so the SDK never looks for real AWS and every error counts.
type Invoker struct {
	client *lambda.Client
}

// NewInvoker returns an Invoker for the Invoke API at endpoint.
func NewInvoker(endpoint string) *Invoker {
	cfg := aws.Config{
		Region:      "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider("bench", "bench", ""),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
		HTTPClient:  httpClient,
	}
	return &Invoker{client: lambda.NewFromConfig(cfg, func(o *lambda.Options) {
		o.BaseEndpoint = aws.String(endpoint)
	})}
}

// Invoke runs function with payload and checks that it answered without a
// function error.
func (in *Invoker) Invoke(function string, payload []byte) error {
	out, err := in.client.Invoke(context.Background(), &lambda.InvokeInput{
		FunctionName: aws.String(function), Payload: payload,
	})
	if err != nil {
		return fmt.Errorf("invoking %s: %w", function, err)
	}
	if out.FunctionError != nil {
		return fmt.Errorf("invoking %s: function error %s: %s", function, *out.FunctionError, out.Payload)
	}
	return nil
}

// get requests url and checks for a 200 with the hello-world body.
func get(url string) error {
	resp, err := httpClient.Get(url)
	if err != nil {
		return fmt.Errorf("requesting %s: %w", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("reading the response of %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, []byte("hello")) {
		return fmt.Errorf("requesting %s: status %d, body %q (want 200 \"hello\")", url, resp.StatusCode, body)
	}
	return nil
}
