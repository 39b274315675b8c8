package compute

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	computev1 "github.com/ldkdev/ldk/compute/proto/ldk/compute/v1"
	"google.golang.org/protobuf/testing/protocmp"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

var (
	// deadline is a wall-clock time with nanoseconds, in a zone other than
	// UTC, to show both survive (times come back in UTC).
	deadline    = time.Date(2026, 12, 4, 17, 30, 1, 123456789, time.FixedZone("CET", 3600))
	deadlineUTC = deadline.UTC()
	deadlinePB  = &timestamppb.Timestamp{Seconds: deadline.Unix(), Nanos: 123456789}
)

func TestSpecConversion(t *testing.T) {
	tests := []struct {
		name  string
		spec  FunctionSpec
		proto *computev1.FunctionSpec
		// back is what the proto converts back to, when not spec.
		back *FunctionSpec
	}{
		{
			name:  "zero",
			spec:  FunctionSpec{},
			proto: &computev1.FunctionSpec{},
		},
		{
			name: "full",
			spec: FunctionSpec{
				Name: "orders-get", Runtime: "nodejs20.x", Handler: "api/items.list",
				CodeDir: "/code", Layers: []string{"/l1", "/l2"}, MemoryMB: 256,
				TimeoutSeconds: 10, Architecture: "arm64", PackageType: "Zip",
				ImageURI: "img:1", Environment: map[string]string{"A": "1", "B": ""},
				ReservedConcurrency: 5, IdleTTL: 90 * time.Second,
			},
			proto: &computev1.FunctionSpec{
				Name: "orders-get", Runtime: "nodejs20.x", Handler: "api/items.list",
				CodeDir: "/code", Layers: []string{"/l1", "/l2"}, MemoryMb: 256,
				TimeoutSeconds: 10, Architecture: "arm64", PackageType: "Zip",
				ImageUri: "img:1", Environment: map[string]string{"A": "1", "B": ""},
				ReservedConcurrency: 5, IdleTtl: &durationpb.Duration{Seconds: 90},
			},
		},
		{
			name:  "empty map and slice become nil",
			spec:  FunctionSpec{Name: "f", Layers: []string{}, Environment: map[string]string{}},
			proto: &computev1.FunctionSpec{Name: "f"},
			back:  &FunctionSpec{Name: "f"},
		},
		{
			name:  "sub-second ttl",
			spec:  FunctionSpec{IdleTTL: 1500 * time.Millisecond},
			proto: &computev1.FunctionSpec{IdleTtl: &durationpb.Duration{Seconds: 1, Nanos: 5e8}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.proto, specToProto(tt.spec), protocmp.Transform()); diff != "" {
				t.Errorf("specToProto (-want +got):\n%s", diff)
			}

			want := tt.spec
			if tt.back != nil {
				want = *tt.back
			}
			if diff := cmp.Diff(want, specFromProto(tt.proto)); diff != "" {
				t.Errorf("specFromProto (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSpecFromNilProto(t *testing.T) {
	if diff := cmp.Diff(FunctionSpec{}, specFromProto(nil)); diff != "" {
		t.Errorf("specFromProto(nil) (-want +got):\n%s", diff)
	}
}

func TestInvokeRequestConversion(t *testing.T) {
	tests := []struct {
		name  string
		req   InvokeRequest
		proto *computev1.InvokeRequest
		back  *InvokeRequest
	}{
		{
			name:  "zero: no deadline travels as unset",
			req:   InvokeRequest{},
			proto: &computev1.InvokeRequest{},
		},
		{
			name: "full, deadline comes back in UTC",
			req: InvokeRequest{
				Function: "f", RequestID: "id-1", Payload: []byte(`{"a":1}`),
				Deadline: deadline, InvokedARN: "arn:aws:lambda:eu-west-1:1:function:f",
				ClientContext: `{"custom":{}}`, Identity: `{"cognitoIdentityId":"x"}`,
				TraceID: "Root=1-abc",
			},
			proto: &computev1.InvokeRequest{
				Function: "f", RequestId: "id-1", Payload: []byte(`{"a":1}`),
				Deadline: deadlinePB, InvokedArn: "arn:aws:lambda:eu-west-1:1:function:f",
				ClientContext: `{"custom":{}}`, Identity: `{"cognitoIdentityId":"x"}`,
				TraceId: "Root=1-abc",
			},
			back: &InvokeRequest{
				Function: "f", RequestID: "id-1", Payload: []byte(`{"a":1}`),
				Deadline: deadlineUTC, InvokedARN: "arn:aws:lambda:eu-west-1:1:function:f",
				ClientContext: `{"custom":{}}`, Identity: `{"cognitoIdentityId":"x"}`,
				TraceID: "Root=1-abc",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.proto, invokeRequestToProto(tt.req), protocmp.Transform()); diff != "" {
				t.Errorf("invokeRequestToProto (-want +got):\n%s", diff)
			}

			want := tt.req
			if tt.back != nil {
				want = *tt.back
			}
			if diff := cmp.Diff(want, invokeRequestFromProto(tt.proto)); diff != "" {
				t.Errorf("invokeRequestFromProto (-want +got):\n%s", diff)
			}
		})
	}
}

func TestInvokeResultConversion(t *testing.T) {
	tests := []struct {
		name   string
		result *InvokeResult
		proto  *computev1.InvokeResponse
	}{
		{
			name:   "zero: durations travel as unset",
			result: &InvokeResult{},
			proto:  &computev1.InvokeResponse{},
		},
		{
			name: "cold start with an error",
			result: &InvokeResult{
				Payload: []byte(`{"errorType":"Error"}`), ErrorType: "Unhandled",
				LogTail: []byte("REPORT\n"), InitDuration: 123456789 * time.Nanosecond,
				Duration: 2 * time.Second, MaxMemoryMB: 77, WorkerID: "4242",
			},
			proto: &computev1.InvokeResponse{
				Payload: []byte(`{"errorType":"Error"}`), ErrorType: "Unhandled",
				LogTail: []byte("REPORT\n"), InitDuration: &durationpb.Duration{Nanos: 123456789},
				Duration: &durationpb.Duration{Seconds: 2}, MaxMemoryMb: 77, WorkerId: "4242",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.proto, invokeResultToProto(tt.result), protocmp.Transform()); diff != "" {
				t.Errorf("invokeResultToProto (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.result, invokeResultFromProto(tt.proto)); diff != "" {
				t.Errorf("invokeResultFromProto (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDescriptionConversion(t *testing.T) {
	tests := []struct {
		name  string
		desc  *Description
		proto *computev1.DescribeResponse
	}{
		{name: "zero", desc: &Description{}, proto: &computev1.DescribeResponse{}},
		{
			name: "full",
			desc: &Description{Name: "subprocess", Version: "1.2.3", ProtocolVersion: 1,
				Runtimes: []string{"nodejs20.x"}, Capabilities: []string{CapARM64, CapImages}},
			proto: &computev1.DescribeResponse{Name: "subprocess", Version: "1.2.3", ProtocolVersion: 1,
				Runtimes: []string{"nodejs20.x"}, Capabilities: []string{"arm64", "images"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.proto, descriptionToProto(tt.desc), protocmp.Transform()); diff != "" {
				t.Errorf("descriptionToProto (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.desc, descriptionFromProto(tt.proto)); diff != "" {
				t.Errorf("descriptionFromProto (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLogRecordConversion(t *testing.T) {
	tests := []struct {
		name  string
		rec   LogRecord
		proto *computev1.LogRecord
		back  *LogRecord
	}{
		{name: "zero time travels as unset", rec: LogRecord{}, proto: &computev1.LogRecord{}},
		{
			name: "full",
			rec: LogRecord{Function: "f", RequestID: "r", Stream: StreamPlatform,
				Time: deadline, Text: "REPORT RequestId: r"},
			proto: &computev1.LogRecord{Function: "f", RequestId: "r", Stream: "platform",
				Time: deadlinePB, Text: "REPORT RequestId: r"},
			back: &LogRecord{Function: "f", RequestID: "r", Stream: StreamPlatform,
				Time: deadlineUTC, Text: "REPORT RequestId: r"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.proto, logRecordToProto(tt.rec), protocmp.Transform()); diff != "" {
				t.Errorf("logRecordToProto (-want +got):\n%s", diff)
			}

			want := tt.rec
			if tt.back != nil {
				want = *tt.back
			}
			if diff := cmp.Diff(want, logRecordFromProto(tt.proto)); diff != "" {
				t.Errorf("logRecordFromProto (-want +got):\n%s", diff)
			}
		})
	}
}
