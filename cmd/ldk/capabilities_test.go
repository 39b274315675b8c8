package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
	"github.com/ldkdev/ldk/config"
)

func TestCapabilityGaps(t *testing.T) {
	app := &appmodel.App{Functions: []appmodel.Function{
		{Name: "api", Runtime: "nodejs20.x", Architecture: "x86_64", PackageType: "Zip", Runnable: true},
		{Name: "arm", Runtime: "python3.12", Architecture: "arm64", PackageType: "Zip", Runnable: true},
		{Name: "img", Architecture: "x86_64", PackageType: "Image", Runnable: true},
		{Name: "java", Runtime: "java21", Architecture: "x86_64", PackageType: "Zip", Runnable: true},
		{Name: "off", Runtime: "java21", PackageType: "Image", Runnable: false},
	}}
	full := &compute.Description{Name: "full", Runtimes: []string{"nodejs20.x", "python3.12", "java21"},
		Capabilities: []string{compute.CapImages, compute.CapMemoryLimit, compute.CapARM64}}
	bare := &compute.Description{Name: "bare", Runtimes: []string{"nodejs20.x", "python3.12"}}

	memory := "memory sizes are not enforced, so a function that would run out of memory on Lambda succeeds here"
	tests := []struct {
		name    string
		cfg     config.Config
		descs   map[string]*compute.Description
		goarch  string
		want    []capabilityGap
		wantMsg string
	}{
		{
			name:   "a backend with every capability leaves no gap",
			cfg:    config.Config{ComputeBackend: "full"},
			descs:  map[string]*compute.Description{"full": full},
			goarch: "amd64",
		},
		{
			name:   "a bare backend lacks images, runtimes, arm64 and memory limits",
			cfg:    config.Config{ComputeBackend: "bare"},
			descs:  map[string]*compute.Description{"bare": bare},
			goarch: "amd64",
			want: []capabilityGap{
				{Backend: "bare", Need: "capability arm64", Functions: []string{"arm"},
					Effect: "these arm64 functions run on this machine's amd64; native code built for arm64 will not load"},
				{Backend: "bare", Need: "capability images", Functions: []string{"img"},
					Effect: "these container image functions fail at every invocation; choose a backend with images for them"},
				{Backend: "bare", Need: "capability memory-limit", Functions: []string{"api", "arm", "img", "java"}, Effect: memory},
				{Backend: "bare", Need: "runtime java21", Functions: []string{"java"},
					Effect: "these functions fail at every invocation; choose a backend that lists the runtime (see ldk plugins)"},
			},
			wantMsg: "compute backend bare lacks capability arm64, needed by arm: these arm64 functions run on " +
				"this machine's amd64; native code built for arm64 will not load",
		},
		{
			name: "per-function backends: only the functions on the bare one",
			cfg: config.Config{ComputeBackend: "full", Functions: map[string]config.FunctionConfig{
				"api": {ComputeBackend: "bare"}, "arm": {ComputeBackend: "bare"}}},
			descs:  map[string]*compute.Description{"full": full, "bare": bare},
			goarch: "arm64",
			want: []capabilityGap{
				{Backend: "bare", Need: "capability memory-limit", Functions: []string{"api", "arm"}, Effect: memory},
			},
			wantMsg: "compute backend bare lacks capability memory-limit, needed by api, arm: " + memory,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := capabilityGaps(app, tt.cfg, tt.descs, tt.goarch)
			if diff := cmp.Diff(tt.want, got); diff != "" && !(len(tt.want) == 0 && len(got) == 0) {
				t.Errorf("gaps (-want +got):\n%s", diff)
			}
			if tt.wantMsg != "" && got[0].String() != tt.wantMsg {
				t.Errorf("first gap says\n %s\nwant\n %s", got[0], tt.wantMsg)
			}
		})
	}
}

func TestShortList(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		items []string
		want  string
	}{
		{nil, ""},
		{[]string{"a", "b", "c"}, "a, b, c"},
		{[]string{"a", "b", "c", "d", "e"}, "5 functions"},
	} {
		if got := shortList(tc.items, 3); got != tc.want {
			t.Errorf("shortList(%v) = %q, want %q", tc.items, got, tc.want)
		}
	}
}
