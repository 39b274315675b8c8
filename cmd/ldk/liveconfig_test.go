package main

import (
	"testing"

	"github.com/ldkdev/ldk/config"
)

func TestDescribeConfigChange(t *testing.T) {
	t.Parallel()
	withFile := func(file string, edit func(c *config.Config)) config.Config {
		c := config.Default()
		c.File = file
		edit(&c)
		return c
	}
	none := func(*config.Config) {}
	cases := []struct {
		name       string
		prev, next config.Config
		recovered  bool
		want       string
	}{
		{name: "nothing", prev: withFile("ldk.yaml", none), next: withFile("ldk.yaml", none)},
		{
			name: "created",
			prev: withFile("", none),
			next: withFile("p/ldk.yaml", func(c *config.Config) { c.Concurrency = 2 }),
			want: "p/ldk.yaml: created; concurrency changed",
		},
		{
			name: "deleted",
			prev: withFile("p/ldk.yaml", func(c *config.Config) { c.ComputeBackend = "snapshot" }),
			next: withFile("", none),
			want: "p/ldk.yaml: deleted, defaults apply; compute_backend changed",
		},
		{
			name: "another name found first",
			prev: withFile("p/.ldk/ldk.yaml", none),
			next: withFile("p/ldk.yaml", none),
			want: "p/ldk.yaml: now read from p/ldk.yaml",
		},
		{
			name:      "valid again, unchanged",
			prev:      withFile("ldk.yaml", none),
			next:      withFile("ldk.yaml", none),
			recovered: true,
			want:      "ldk.yaml: valid again",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := describeConfigChange(tc.prev, tc.next, tc.recovered); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNeedsRestart(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]bool{
		"host": true, "port": true, "aws_port": true, "ports.apis.Api": true, "ports.function_urls.f": true,
		"plugin_dir": true, "region": true, "account": true,
		"compute_backend": false, "functions.f.environment": false, "variables": false, "concurrency": false,
		"worker_idle_ttl": false, "endpoints": false, "log_level": false, "parameters": false, "portsx": false,
	} {
		if got := needsRestart(key); got != want {
			t.Errorf("needsRestart(%q) = %v, want %v", key, got, want)
		}
	}
}
