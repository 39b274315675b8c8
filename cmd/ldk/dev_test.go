package main

import (
	"errors"
	"os/exec"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/config"
)

func TestIsLoopback(t *testing.T) {
	t.Parallel()
	for host, want := range map[string]bool{
		"127.0.0.1": true, "127.0.0.2": true, "::1": true, "localhost": true, "LocalHost": true,
		"0.0.0.0": false, "192.0.2.1": false, "example.test": false, "": false,
	} {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestCheckPinnedPorts(t *testing.T) {
	t.Parallel()
	app := &appmodel.App{
		APIs:         []appmodel.API{{Name: "OrdersApi"}, {Name: "ShopApi"}},
		FunctionURLs: []appmodel.FunctionURL{{Function: "counter"}},
	}
	cases := []struct {
		name    string
		ports   config.PortsConfig
		wantErr string
	}{
		{name: "known names", ports: config.PortsConfig{APIs: map[string]int{"ShopApi": 3100}, FunctionURLs: map[string]int{"counter": 3200}}},
		{
			name:    "misspelt API",
			ports:   config.PortsConfig{APIs: map[string]int{"OrderApi": 3100}},
			wantErr: "ldk.yaml: ports.apis.OrderApi: the app has no such API (it has: OrdersApi, ShopApi)",
		},
		{
			name:    "function without a URL",
			ports:   config.PortsConfig{FunctionURLs: map[string]int{"hello": 3200}},
			wantErr: "ldk.yaml: ports.function_urls.hello: no function URL of that function (the app has URLs for: counter)",
		},
	}
	for _, tc := range cases {
		cfg := config.Default()
		cfg.Ports = tc.ports
		err := checkPinnedPorts(app, cfg)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.wantErr {
			t.Errorf("%s: error %q, want %q", tc.name, got, tc.wantErr)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	needBinaries(t)
	out, err := ldkCommand(randomHex(8), "frobnicate").CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Fatalf("exit: %v, want status 2", err)
	}
	want := "ldk: no command \"frobnicate\"; the commands are dev, invoke, ls, plugins, version (ldk --help)\n"
	if string(out) != want {
		t.Fatalf("output %q, want %q", out, want)
	}
}
