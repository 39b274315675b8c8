package config

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestChanged(t *testing.T) {
	t.Parallel()
	base := func() Config {
		c := Default()
		c.File = "ldk.yaml"
		c.Functions = map[string]FunctionConfig{"a": {Environment: map[string]string{"X": "1"}}}
		c.Ports.APIs = map[string]int{"Api": 3100}
		return c
	}
	cases := []struct {
		name string
		edit func(c *Config)
		want []string
	}{
		{name: "nothing", edit: func(*Config) {}},
		{name: "the file it came from is not a key", edit: func(c *Config) { c.File = "" }},
		{name: "an empty map equals none", edit: func(c *Config) { c.Endpoints = map[string]string{} }},
		{
			name: "top-level keys",
			edit: func(c *Config) {
				c.ComputeBackend = "snapshot"
				c.IdleTTL = time.Minute
				c.Variables = map[string]any{"timeout": 1}
			},
			want: []string{"compute_backend", "variables", "worker_idle_ttl"},
		},
		{
			name: "per function",
			edit: func(c *Config) {
				c.Functions = map[string]FunctionConfig{
					"a": {Environment: map[string]string{"X": "2"}},
					"b": {ComputeBackend: "snapshot"},
				}
			},
			want: []string{"functions.a.environment", "functions.b.compute_backend"},
		},
		{
			name: "a function's settings removed",
			edit: func(c *Config) { c.Functions = nil },
			want: []string{"functions.a.environment"},
		},
		{
			name: "pinned ports",
			edit: func(c *Config) {
				c.Ports.APIs = nil
				c.Ports.FunctionURLs = map[string]int{"f": 3200}
				c.Port = 4000
			},
			want: []string{"port", "ports.apis.Api", "ports.function_urls.f"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := base()
			tc.edit(&b)
			if diff := cmp.Diff(tc.want, Changed(base(), b)); diff != "" {
				t.Errorf("changed keys (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPaths(t *testing.T) {
	t.Parallel()
	want := []string{filepath.Join("p", "ldk.yaml"), filepath.Join("p", "ldk.yml"),
		filepath.Join("p", ".ldk", "ldk.yaml"), filepath.Join("p", ".ldk", "ldk.yml")}
	if diff := cmp.Diff(want, Paths("p")); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}
