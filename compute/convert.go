package compute

import (
	"time"

	computev1 "github.com/ldkdev/ldk/compute/proto/ldk/compute/v1"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// The conversions below map the hand-written types of backend.go to the
// generated ones and back. Conventions, the same in every direction: a
// zero time.Time or time.Duration travels as an unset field and an unset
// field comes back as zero; times come back in UTC; empty maps and slices
// come back as nil.

func timeToProto(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

func timeFromProto(ts *timestamppb.Timestamp) time.Time {
	if ts == nil {
		return time.Time{}
	}
	return ts.AsTime()
}

func durationToProto(d time.Duration) *durationpb.Duration {
	if d == 0 {
		return nil
	}
	return durationpb.New(d)
}

func durationFromProto(d *durationpb.Duration) time.Duration {
	if d == nil {
		return 0
	}
	return d.AsDuration()
}

// nilIfEmpty keeps the "empty comes back as nil" convention for slices.
func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func copyMap(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func descriptionToProto(d *Description) *computev1.DescribeResponse {
	return &computev1.DescribeResponse{
		Name:            d.Name,
		Version:         d.Version,
		ProtocolVersion: int32(d.ProtocolVersion),
		Runtimes:        nilIfEmpty(d.Runtimes),
		Capabilities:    nilIfEmpty(d.Capabilities),
	}
}

func descriptionFromProto(p *computev1.DescribeResponse) *Description {
	return &Description{
		Name:            p.GetName(),
		Version:         p.GetVersion(),
		ProtocolVersion: int(p.GetProtocolVersion()),
		Runtimes:        nilIfEmpty(p.GetRuntimes()),
		Capabilities:    nilIfEmpty(p.GetCapabilities()),
	}
}

func specToProto(s FunctionSpec) *computev1.FunctionSpec {
	return &computev1.FunctionSpec{
		Name:                s.Name,
		Runtime:             s.Runtime,
		Handler:             s.Handler,
		CodeDir:             s.CodeDir,
		Layers:              nilIfEmpty(s.Layers),
		MemoryMb:            int32(s.MemoryMB),
		TimeoutSeconds:      int32(s.TimeoutSeconds),
		Architecture:        s.Architecture,
		PackageType:         s.PackageType,
		ImageUri:            s.ImageURI,
		Environment:         copyMap(s.Environment),
		ReservedConcurrency: int32(s.ReservedConcurrency),
		IdleTtl:             durationToProto(s.IdleTTL),
	}
}

func specFromProto(p *computev1.FunctionSpec) FunctionSpec {
	return FunctionSpec{
		Name:                p.GetName(),
		Runtime:             p.GetRuntime(),
		Handler:             p.GetHandler(),
		CodeDir:             p.GetCodeDir(),
		Layers:              nilIfEmpty(p.GetLayers()),
		MemoryMB:            int(p.GetMemoryMb()),
		TimeoutSeconds:      int(p.GetTimeoutSeconds()),
		Architecture:        p.GetArchitecture(),
		PackageType:         p.GetPackageType(),
		ImageURI:            p.GetImageUri(),
		Environment:         copyMap(p.GetEnvironment()),
		ReservedConcurrency: int(p.GetReservedConcurrency()),
		IdleTTL:             durationFromProto(p.GetIdleTtl()),
	}
}

func invokeRequestToProto(r InvokeRequest) *computev1.InvokeRequest {
	return &computev1.InvokeRequest{
		Function:      r.Function,
		RequestId:     r.RequestID,
		Payload:       r.Payload,
		Deadline:      timeToProto(r.Deadline),
		InvokedArn:    r.InvokedARN,
		ClientContext: r.ClientContext,
		Identity:      r.Identity,
		TraceId:       r.TraceID,
	}
}

func invokeRequestFromProto(p *computev1.InvokeRequest) InvokeRequest {
	return InvokeRequest{
		Function:      p.GetFunction(),
		RequestID:     p.GetRequestId(),
		Payload:       p.GetPayload(),
		Deadline:      timeFromProto(p.GetDeadline()),
		InvokedARN:    p.GetInvokedArn(),
		ClientContext: p.GetClientContext(),
		Identity:      p.GetIdentity(),
		TraceID:       p.GetTraceId(),
	}
}

func invokeResultToProto(r *InvokeResult) *computev1.InvokeResponse {
	return &computev1.InvokeResponse{
		Payload:      r.Payload,
		ErrorType:    r.ErrorType,
		LogTail:      r.LogTail,
		InitDuration: durationToProto(r.InitDuration),
		Duration:     durationToProto(r.Duration),
		MaxMemoryMb:  int32(r.MaxMemoryMB),
		WorkerId:     r.WorkerID,
	}
}

func invokeResultFromProto(p *computev1.InvokeResponse) *InvokeResult {
	return &InvokeResult{
		Payload:      p.GetPayload(),
		ErrorType:    p.GetErrorType(),
		LogTail:      p.GetLogTail(),
		InitDuration: durationFromProto(p.GetInitDuration()),
		Duration:     durationFromProto(p.GetDuration()),
		MaxMemoryMB:  int(p.GetMaxMemoryMb()),
		WorkerID:     p.GetWorkerId(),
	}
}

func logRecordToProto(r LogRecord) *computev1.LogRecord {
	return &computev1.LogRecord{
		Function:  r.Function,
		RequestId: r.RequestID,
		Stream:    r.Stream,
		Time:      timeToProto(r.Time),
		Text:      r.Text,
	}
}

func logRecordFromProto(p *computev1.LogRecord) LogRecord {
	return LogRecord{
		Function:  p.GetFunction(),
		RequestID: p.GetRequestId(),
		Stream:    p.GetStream(),
		Time:      timeFromProto(p.GetTime()),
		Text:      p.GetText(),
	}
}
