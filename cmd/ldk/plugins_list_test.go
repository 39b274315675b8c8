package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/host/plugins"
)

func TestPluginsCommandJSON(t *testing.T) {
	pluginDir := t.TempDir()
	buildPlugin(t, pluginDir, "snapshot", filepath.Join("..", "..", "examples", "compute-plugin"))
	broken := filepath.Join(pluginDir, plugins.BinaryPrefix+"broken")
	if err := os.WriteFile(broken, []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}

	out, errOut, err := runLdk(t, "plugins", "--json", "--plugin-dir", pluginDir, "--project-dir", t.TempDir())
	if err != nil {
		t.Fatalf("ldk plugins: %v\n%s", err, errOut)
	}
	var all []pluginInfo
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("decoding %s: %v", out, err)
	}
	var got []pluginInfo
	for _, p := range all {
		if p.Where == plugins.WherePluginDir {
			got = append(got, p)
		}
	}
	want := []pluginInfo{
		{Name: "broken", Runtimes: []string{}, Capabilities: []string{}, Path: broken, Where: plugins.WherePluginDir,
			Error: "starting compute plugin broken (" + broken + "): it exited before the handshake without a word; " +
				"is it a compute plugin built with compute.Serve for this machine?"},
		{Name: "snapshot", Version: "0.1.0", ProtocolVersion: 1,
			Runtimes: []string{"nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "provided.al2", "provided.al2023",
				"python3.10", "python3.11", "python3.12", "python3.13", "python3.14", "python3.9"},
			Capabilities: []string{}, Path: filepath.Join(pluginDir, "ldk-compute-snapshot"), Where: plugins.WherePluginDir},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ldk plugins --json (-want +got):\n%s", diff)
	}
}

func TestPrintPlugins(t *testing.T) {
	tests := []struct {
		name  string
		infos []pluginInfo
		want  string
	}{
		{
			name: "none found",
			want: "no compute backends found: install an ldk-compute-<name> executable next to ldk, " +
				"in the plugin directory or on PATH\n",
		},
		{
			name: "a working plugin and a broken one",
			infos: []pluginInfo{
				{Name: "snapshot", Version: "0.1.0", ProtocolVersion: 1, Runtimes: []string{"nodejs20.x", "python3.12"},
					Capabilities: []string{}, Path: "/p/ldk-compute-snapshot", Where: plugins.WherePluginDir},
				{Name: "docker", Version: "2.1", ProtocolVersion: 1, Runtimes: []string{"nodejs20.x"},
					Capabilities: []string{"images", "memory-limit"}, Path: "/usr/bin/ldk-compute-docker", Where: plugins.WherePath},
				{Name: "v2", Runtimes: []string{}, Capabilities: []string{}, Path: "/p/ldk-compute-v2",
					Where: plugins.WherePluginDir, Error: "it speaks version 2"},
			},
			want: "NAME      VERSION  PROTOCOL  RUNTIMES               CAPABILITIES         WHERE             PATH\n" +
				"snapshot  0.1.0    1         nodejs20.x,python3.12  -                    plugin directory  /p/ldk-compute-snapshot\n" +
				"docker    2.1      1         nodejs20.x             images,memory-limit  PATH              /usr/bin/ldk-compute-docker\n" +
				"v2        -        -         -                      -                    plugin directory  /p/ldk-compute-v2\n" +
				"\nv2: it speaks version 2\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			if err := printPlugins(&out, tt.infos); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, out.String()); diff != "" {
				t.Errorf("table (-want +got):\n%s", diff)
			}
		})
	}
}
