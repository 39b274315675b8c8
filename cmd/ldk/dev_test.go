package main

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ldkdev/ldk/appmodel"
	"github.com/ldkdev/ldk/compute"
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

func TestLogPrinterWaitsForTheLastLine(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	p := &logPrinter{w: &out}
	rec := func(id, text string) compute.LogRecord {
		return compute.LogRecord{Function: "f", RequestID: id, Stream: compute.StreamPlatform, Text: text}
	}

	// Records of requests nobody waits on leave nothing behind.
	p.sink("p", rec("a", "REPORT RequestId: a\tDuration: 1 ms"))
	if len(p.awaited) != 0 {
		t.Fatalf("awaited after an unawaited request: %v", p.awaited)
	}

	wait := p.expect("b")
	p.sink("p", rec("b", "REPORT RequestId: b\tDuration: 1000 ms\tStatus: timeout"))
	select {
	case <-p.awaited["b"].done:
		t.Fatal("done before the timed-out line")
	default:
	}
	p.sink("p", rec("b", "2026-01-01T00:00:00.000Z b Task timed out after 1.00 seconds"))
	wait(time.Second)
	if len(p.awaited) != 0 {
		t.Fatalf("awaited after the last line: %v", p.awaited)
	}
	want := "[f] REPORT RequestId: a\tDuration: 1 ms\n" +
		"[f] REPORT RequestId: b\tDuration: 1000 ms\tStatus: timeout\n" +
		"[f] 2026-01-01T00:00:00.000Z b Task timed out after 1.00 seconds\n"
	if out.String() != want {
		t.Fatalf("printed:\n%s\nwant:\n%s", out.String(), want)
	}
}
