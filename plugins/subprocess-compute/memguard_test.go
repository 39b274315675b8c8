package main

import (
	"testing"

	"github.com/ldkdev/ldk/compute"
)

// TestMemoryCeiling checks that a worker growing past the memory ceiling
// is killed with Lambda's out-of-memory answer, that its REPORT shows what
// it used, and that the function serves again on a fresh worker.
func TestMemoryCeiling(t *testing.T) {
	need(t, "node")
	t.Setenv(EnvMemoryCeiling, "300")

	b := newTestBackend(t)
	if b.memCeiling != 300<<20 {
		t.Fatalf("ceiling %d bytes, want 300 MB", b.memCeiling)
	}
	start(t, b, compute.FunctionSpec{Name: "grow", Runtime: "nodejs20.x", Handler: "index.grow",
		CodeDir: testdataDir(t, "node-memory"), TimeoutSeconds: 60, MemoryMB: 128})

	warm := invoke(t, b, compute.InvokeRequest{Function: "grow", Payload: []byte(`{}`)})
	id := requestID()
	res := invoke(t, b, compute.InvokeRequest{Function: "grow", RequestID: id, Payload: []byte(`{"mb":600}`)})

	want := `{"errorType":"Runtime.OutOfMemory","errorMessage":"RequestId: ` + id +
		` Error: Runtime exited with error: signal: killed"}`
	if res.ErrorType != "Runtime.OutOfMemory" || string(res.Payload) != want {
		t.Errorf("got %s %s\nwant Runtime.OutOfMemory %s", res.ErrorType, res.Payload, want)
	}
	if res.MaxMemoryMB <= 300 {
		t.Errorf("Max Memory Used %d MB, want above the 300 MB ceiling", res.MaxMemoryMB)
	}

	next := invoke(t, b, compute.InvokeRequest{Function: "grow", Payload: []byte(`{}`)})
	if next.ErrorType != "" || string(next.Payload) != `{"held":0}` {
		t.Errorf("after the kill: %s %s", next.ErrorType, next.Payload)
	}
	if next.WorkerID == warm.WorkerID {
		t.Errorf("the killed worker %s served again", warm.WorkerID)
	}
}

func TestMemoryCeilingSetting(t *testing.T) {
	tests := []struct {
		name, value string
		want        int64
		wantErr     string
	}{
		{name: "megabytes", value: "512", want: 512 << 20},
		{name: "off", value: "0", want: 0},
		{name: "not a number", value: "lots",
			wantErr: `LDK_SUBPROCESS_MEMORY_CEILING_MB="lots": want a whole number of MB (0 for no ceiling)`},
		{name: "negative", value: "-1",
			wantErr: `LDK_SUBPROCESS_MEMORY_CEILING_MB="-1": want a whole number of MB (0 for no ceiling)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvMemoryCeiling, tc.value)
			got, err := memoryCeiling()
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %d, %v; want %d", got, err, tc.want)
			}
		})
	}
}
