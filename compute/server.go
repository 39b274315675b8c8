package compute

import (
	"context"
	"errors"
	"sync"

	computev1 "github.com/ldkdev/ldk/compute/proto/ldk/compute/v1"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// server is the plugin's side of the contract: it serves a Backend over
// gRPC.
type server struct {
	computev1.UnimplementedComputeServer
	b Backend
}

// NewServer returns the gRPC service that serves b. Serve registers it for
// a plugin; use NewServer directly only to serve a Backend some other way.
func NewServer(b Backend) computev1.ComputeServer {
	return &server{b: b}
}

// statusOf carries a backend's error across gRPC: the context errors keep
// their codes, everything else travels as its text.
func statusOf(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, err.Error())
	default:
		return status.Error(codes.Unknown, err.Error())
	}
}

func (s *server) Describe(ctx context.Context, _ *computev1.DescribeRequest) (*computev1.DescribeResponse, error) {
	d, err := s.b.Describe(ctx)
	if err != nil {
		return nil, statusOf(err)
	}
	return descriptionToProto(d), nil
}

func (s *server) Start(ctx context.Context, req *computev1.StartRequest) (*computev1.StartResponse, error) {
	if req.GetSpec() == nil {
		return nil, status.Error(codes.InvalidArgument, "start request has no function spec")
	}
	if err := s.b.Start(ctx, specFromProto(req.GetSpec())); err != nil {
		return nil, statusOf(err)
	}
	return &computev1.StartResponse{}, nil
}

func (s *server) Invoke(ctx context.Context, req *computev1.InvokeRequest) (*computev1.InvokeResponse, error) {
	res, err := s.b.Invoke(ctx, invokeRequestFromProto(req))
	if err != nil {
		return nil, statusOf(err)
	}
	if res == nil {
		return nil, status.Errorf(codes.Internal, "backend returned no result for %q", req.GetFunction())
	}
	return invokeResultToProto(res), nil
}

func (s *server) Stop(ctx context.Context, req *computev1.StopRequest) (*computev1.StopResponse, error) {
	if err := s.b.Stop(ctx, req.GetFunction()); err != nil {
		return nil, statusOf(err)
	}
	return &computev1.StopResponse{}, nil
}

func (s *server) Shutdown(ctx context.Context, _ *computev1.ShutdownRequest) (*computev1.ShutdownResponse, error) {
	if err := s.b.Shutdown(ctx); err != nil {
		return nil, statusOf(err)
	}
	return &computev1.ShutdownResponse{}, nil
}

// Logs forwards the backend's records. A backend may call the sink from
// many goroutines; sends are serialized because a gRPC stream is not safe
// for concurrent sends. Once a send fails the stream is gone and the rest
// is dropped until the backend sees the context end.
func (s *server) Logs(_ *computev1.LogsRequest, stream computev1.Compute_LogsServer) error {
	var (
		mu     sync.Mutex
		broken bool
	)
	sink := func(rec LogRecord) {
		mu.Lock()
		defer mu.Unlock()

		if broken {
			return
		}
		if err := stream.Send(logRecordToProto(rec)); err != nil {
			broken = true
		}
	}

	err := s.b.Logs(stream.Context(), sink)
	if err != nil && stream.Context().Err() == nil {
		return statusOf(err)
	}
	return nil
}
