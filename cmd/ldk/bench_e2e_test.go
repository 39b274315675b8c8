package main

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkDevWarm measures one HTTP request through ldk dev to a warm
// worker and back: the API listener, the event, the plugin over gRPC, the
// Runtime API, the handler and the response mapping, with real processes.
func BenchmarkDevWarm(b *testing.B) {
	d := startDev(b, "--project-dir", repoPath("examples", "cdk"))
	api := d.apiURL(b, "/hello")
	for _, bc := range []struct{ name, path, want string }{
		{"node", "/hello?name=b", `{"message":"hello, b","routeKey":"GET /hello","layer":"ldk-greeting"}`},
		{"python", "/items/1", `{"id":"1","table":"ldk-example-items"}`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			get := func() {
				resp, err := e2eClient.Get(api + bc.path)
				if err != nil {
					b.Fatal(err)
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK || string(body) != bc.want {
					b.Fatalf("GET %s: %d %s (%v)", bc.path, resp.StatusCode, body, err)
				}
			}
			get() // the cold start is not what this measures
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				get()
			}
		})
	}
}
