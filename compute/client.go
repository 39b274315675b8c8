package compute

import (
	"context"
	"errors"
	"io"

	computev1 "github.com/ldkdev/ldk/compute/proto/ldk/compute/v1"
	"google.golang.org/grpc"
)

// Client is the host's side of the contract: a Backend whose every call
// goes to a plugin over gRPC. When the plugin process ends, calls in flight
// and calls made after fail with *PluginExitedError.
type Client struct {
	name string
	rpc  computev1.ComputeClient
	// life ends when the plugin process has ended.
	life context.Context
	done <-chan struct{}
}

var _ Backend = (*Client)(nil)

// NewClient wraps a gRPC connection to a compute plugin. name names the
// plugin in errors. life, when not nil, is a context that ends when the
// plugin process ends (go-plugin hands one to GRPCPlugin.GRPCClient); a
// Client without one cannot tell an exit from other transport failures.
func NewClient(name string, conn grpc.ClientConnInterface, life context.Context) *Client {
	c := &Client{name: name, rpc: computev1.NewComputeClient(conn), life: life}
	if life != nil {
		c.done = life.Done()
	}
	return c
}

// Name is the plugin's name as the host knows it.
func (c *Client) Name() string { return c.name }

// Done returns a channel closed when the plugin process has ended, or nil
// when the Client was made without a lifetime.
func (c *Client) Done() <-chan struct{} { return c.done }

// callContext ties a call to the plugin's lifetime, so that a call in
// flight ends as soon as the plugin is known to be gone.
func (c *Client) callContext(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	if c.life == nil {
		return ctx, cancel
	}

	stop := context.AfterFunc(c.life, cancel)
	return ctx, func() {
		stop()
		cancel()
	}
}

// Describe implements Backend.
func (c *Client) Describe(ctx context.Context) (*Description, error) {
	callCtx, cancel := c.callContext(ctx)
	defer cancel()

	resp, err := c.rpc.Describe(callCtx, &computev1.DescribeRequest{})
	if err != nil {
		return nil, c.callError(ctx, "Describe", err)
	}
	return descriptionFromProto(resp), nil
}

// Start implements Backend.
func (c *Client) Start(ctx context.Context, spec FunctionSpec) error {
	callCtx, cancel := c.callContext(ctx)
	defer cancel()

	_, err := c.rpc.Start(callCtx, &computev1.StartRequest{Spec: specToProto(spec)})
	return c.callError(ctx, "Start", err)
}

// Invoke implements Backend.
func (c *Client) Invoke(ctx context.Context, req InvokeRequest) (*InvokeResult, error) {
	callCtx, cancel := c.callContext(ctx)
	defer cancel()

	resp, err := c.rpc.Invoke(callCtx, invokeRequestToProto(req))
	if err != nil {
		return nil, c.callError(ctx, "Invoke", err)
	}
	return invokeResultFromProto(resp), nil
}

// Stop implements Backend.
func (c *Client) Stop(ctx context.Context, function string) error {
	callCtx, cancel := c.callContext(ctx)
	defer cancel()

	_, err := c.rpc.Stop(callCtx, &computev1.StopRequest{Function: function})
	return c.callError(ctx, "Stop", err)
}

// Shutdown implements Backend.
func (c *Client) Shutdown(ctx context.Context) error {
	callCtx, cancel := c.callContext(ctx)
	defer cancel()

	_, err := c.rpc.Shutdown(callCtx, &computev1.ShutdownRequest{})
	return c.callError(ctx, "Shutdown", err)
}

// Logs implements Backend: it calls sink for each record, one at a time,
// until ctx ends (then it returns nil) or the stream fails.
func (c *Client) Logs(ctx context.Context, sink func(LogRecord)) error {
	callCtx, cancel := c.callContext(ctx)
	defer cancel()

	stream, err := c.rpc.Logs(callCtx, &computev1.LogsRequest{})
	if err != nil {
		return c.logsEnd(ctx, err)
	}

	for {
		rec, err := stream.Recv()
		if err != nil {
			return c.logsEnd(ctx, err)
		}
		sink(logRecordFromProto(rec))
	}
}

// logsEnd maps the end of a Logs stream: the caller's own end is no error.
func (c *Client) logsEnd(ctx context.Context, err error) error {
	if ctx.Err() != nil || errors.Is(err, io.EOF) {
		return nil
	}
	return c.callError(ctx, "Logs", err)
}
