package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ldkdev/ldk/compute"
)

// BenchmarkWarmInvoke measures one invocation of a hello-world function on
// a warm worker, through the Backend: Runtime API round trip, output
// capture, memory measurement and the START/END/REPORT lines included.
func BenchmarkWarmInvoke(b *testing.B) {
	cases := []struct {
		name, runtime, file, source, handler string
	}{
		{"node", "nodejs20.x", "index.js", "exports.handler = async (e) => ({ hello: e.name });\n", "index.handler"},
		{"python", "python3.12", "app.py", "def handler(e, c):\n    return {\"hello\": e[\"name\"]}\n", "app.handler"},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			bin := "node"
			if tc.name == "python" {
				bin = "python3"
			}
			need(b, bin)

			code := b.TempDir()
			if err := os.WriteFile(filepath.Join(code, tc.file), []byte(tc.source), 0o644); err != nil {
				b.Fatal(err)
			}

			be := newTestBackend(b)
			start(b, be, compute.FunctionSpec{Name: "hello", Runtime: tc.runtime, Handler: tc.handler, CodeDir: code})
			invoke(b, be, compute.InvokeRequest{Function: "hello", Payload: []byte(`{"name":"warm-up"}`)})

			ctx := context.Background()
			payload := []byte(`{"name":"bench"}`)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				res, err := be.Invoke(ctx, compute.InvokeRequest{Function: "hello", RequestID: "bench-" + strconv.Itoa(i),
					Payload: payload})
				if err != nil || res.ErrorType != "" {
					b.Fatalf("invoke: %v %v", err, res)
				}
			}
		})
	}
}
