package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
)

// fixture returns the path of a shared CDK fixture, skipping the test when
// the shared directory is not beside the clone.
func fixture(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "fixtures", "cdk", name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared fixtures are not beside the clone (%v)", err)
	}
	return dir
}

// runLdk runs the CLI in-process and returns stdout, stderr and the error
// main would turn into an exit status.
func runLdk(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	t.Setenv("LDK_CACHE_DIR", t.TempDir())
	var out, errOut bytes.Buffer
	app := newApp()
	app.Writer = &out
	app.ErrWriter = &errOut
	err := app.Run(append([]string{"ldk"}, args...))
	return out.String(), errOut.String(), err
}

func TestLsTable(t *testing.T) {
	dir := fixture(t, "orders-http")
	out, errOut, err := runLdk(t, "ls", "--project-dir", dir)
	if err != nil {
		t.Fatalf("ls failed: %v\n%s", err, errOut)
	}
	if errOut != "" {
		t.Errorf("stderr = %q, want nothing", errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{
		"FUNCTION                          RUNTIME     HANDLER        MEMORY  TIMEOUT  CODE",
		"OrdersStack-CreateOrder18B1EE4A   nodejs20.x  index.handler  256 MB  10 s     ",
		"OrdersStack-ProcessOrder10906E0C  python3.12  main.handler   512 MB  30 s     ",
		"OrdersStack-Receipt1CA0B27C       python3.12  receipt.make   128 MB  3 s      ",
		"orders-get                        nodejs20.x  index.handler  128 MB  3 s      ",
		"",
		"API        METHOD  PATH          FUNCTION                         PAYLOAD",
		"OrdersApi  POST    /orders       OrdersStack-CreateOrder18B1EE4A  2.0",
		"OrdersApi  GET     /orders/{id}  orders-get                       2.0",
		"",
		"EVENT SOURCE                                                       TYPE  FUNCTION                          BATCH",
		"arn:aws:sqs:eu-west-1:111111111111:OrdersStack-OrderQueue39B99167  sqs   OrdersStack-ProcessOrder10906E0C  5",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i := range want {
		// Function rows end with the absolute code directory, which
		// depends on where the clone is.
		if i >= 1 && i <= 4 {
			if !strings.HasPrefix(lines[i], want[i]) || !strings.Contains(lines[i], "/cdk.out/asset.") {
				t.Errorf("line %d = %q, want prefix %q and a code dir in cdk.out", i, lines[i], want[i])
			}
			continue
		}
		if lines[i] != want[i] {
			t.Errorf("line %d = %q, want %q", i, lines[i], want[i])
		}
	}
}

func TestLsJSON(t *testing.T) {
	dir := fixture(t, "rest-layers")
	out, errOut, err := runLdk(t, "ls", "--json", "--cdk-out", filepath.Join(dir, "cdk.out"))
	if err != nil {
		t.Fatalf("ls --json failed: %v\n%s", err, errOut)
	}
	var app appmodel.App
	if err := json.Unmarshal([]byte(out), &app); err != nil {
		t.Fatalf("output is not the model's JSON: %v", err)
	}
	var names []string
	for _, f := range app.Functions {
		names = append(names, f.Name)
	}
	wantNames := "RestStack-BundledFnF793AEF8 RestStack-EsmFn699FE676 RestStack-InlineFn5EDE362A " +
		"RestStack-ItemsFnCAB9F472 RestStack-PyFnBEFD4AB6"
	if got := strings.Join(names, " "); got != wantNames {
		t.Errorf("functions = %s, want %s", got, wantNames)
	}
	if len(app.Routes) != 8 {
		t.Errorf("got %d routes, want 8", len(app.Routes))
	}
	if len(app.FunctionURLs) != 1 || app.FunctionURLs[0].Function != "RestStack-BundledFnF793AEF8" {
		t.Errorf("function URLs = %+v, want one on RestStack-BundledFnF793AEF8", app.FunctionURLs)
	}
}

func TestLsStackFilter(t *testing.T) {
	dir := fixture(t, "orders-http")
	tests := []struct {
		name    string
		stack   string
		wantErr string
	}{
		{name: "by name", stack: "OrdersStack"},
		{name: "by glob", stack: "Orders*"},
		{name: "no match", stack: "Billing*", wantErr: "the app has 1 error, printed above"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, err := runLdk(t, "ls", "--project-dir", dir, "--stack", tt.stack)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("ls --stack %s: %v\n%s", tt.stack, err, errOut)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if !strings.Contains(errOut, "no stack matches --stack Billing* (pick one of: OrdersStack)") {
				t.Errorf("stderr = %q, want the stacks to pick from", errOut)
			}
		})
	}
}

func TestLsErrors(t *testing.T) {
	empty := t.TempDir()
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "manifest.json"), []byte("{\n  \"version\": 39,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantErr    string
		wantStderr string
	}{
		{
			name:    "missing cdk.out",
			args:    []string{"ls", "--project-dir", empty},
			wantErr: filepath.Join(empty, "cdk.out") + ": error: no cloud assembly here (run `cdk synth` in the project first, or point --cdk-out at the directory it wrote)",
		},
		{
			name:       "malformed manifest",
			args:       []string{"ls", "--cdk-out", broken},
			wantErr:    "the app has 1 error, printed above",
			wantStderr: filepath.Join(broken, "manifest.json") + ":3:1: error: the manifest is not valid JSON: the file ends in the middle of a value (run `cdk synth` again to rewrite the cloud assembly)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, err := runLdk(t, tt.args...)
			if err == nil {
				t.Fatal("ls succeeded, want an error")
			}
			if exitCode(err) != 1 {
				t.Errorf("exit code = %d, want 1", exitCode(err))
			}
			if err.Error() != tt.wantErr {
				t.Errorf("err = %q, want %q", err.Error(), tt.wantErr)
			}
			if errOut != tt.wantStderr {
				t.Errorf("stderr = %q, want %q", errOut, tt.wantStderr)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("stderr holds a stack trace: %s", errOut)
			}
		})
	}
}

func TestLsInternal(t *testing.T) {
	cdkOut := filepath.Join("..", "..", "appmodel", "cdk", "testdata", "internal-functions", "cdk.out")
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{name: "hidden by default", args: []string{"ls", "--json", "--cdk-out", cdkOut},
			want: []string{"Infra-AppFn1A2B3C4D"}},
		{name: "shown with --all", args: []string{"ls", "--json", "--all", "--cdk-out", cdkOut},
			want: []string{
				"Infra-AppFn1A2B3C4D",
				"Infra-CustomS3AutoDeleteObjectsCustomResourceProviderHandler9D90",
				"Infra-LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8aFD4BFC8A",
				"Infra-ProviderframeworkonEvent83C1D0A7",
				"Infra-SeederFn1A2B3C4D",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := runLdk(t, tt.args...)
			if err != nil {
				t.Fatalf("%v\n%s", err, errOut)
			}
			var app appmodel.App
			if err := json.Unmarshal([]byte(out), &app); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range app.Functions {
				got = append(got, f.Name)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("functions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLsShowsOverrides lists an app with an ldk.yaml that overrides a
// function's environment: the model printed is the one ldk dev runs.
func TestLsShowsOverrides(t *testing.T) {
	src := fixture(t, "rest-layers")
	dir := t.TempDir()
	copyDir(t, filepath.Join(src, "cdk.out"), filepath.Join(dir, "cdk.out"))
	yaml := "functions:\n  RestStack-PyFnBEFD4AB6:\n    environment: {STAGE: local, ADDED: yes}\n"
	if err := os.WriteFile(filepath.Join(dir, "ldk.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := runLdk(t, "ls", "--json", "--project-dir", dir)
	if err != nil {
		t.Fatalf("ls --json failed: %v\n%s", err, errOut)
	}
	var app appmodel.App
	if err := json.Unmarshal([]byte(out), &app); err != nil {
		t.Fatalf("output is not the model's JSON: %v", err)
	}
	f := app.Function("RestStack-PyFnBEFD4AB6")
	if f == nil {
		t.Fatal("RestStack-PyFnBEFD4AB6 not listed")
	}
	if f.Environment["STAGE"] != "local" || f.Environment["ADDED"] != "yes" {
		t.Errorf("environment %v, want STAGE=local and ADDED=yes from ldk.yaml", f.Environment)
	}
}

// TestLsNotServed lists what a configuration declares and ldk does not
// serve, each with the resource that declares it.
func TestLsNotServed(t *testing.T) {
	out, errOut, err := runLdk(t, "ls", "--tf", filepath.Join("..", "..", "appmodel", "terraform", "testdata", "http-api"))
	if err != nil {
		t.Fatalf("ls failed: %v\n%s", err, errOut)
	}
	_, table, ok := strings.Cut(out, "\nNOT SERVED")
	if !ok {
		t.Fatalf("no NOT SERVED table in:\n%s", out)
	}
	want := "              RESOURCE                        REASON\n" +
		"aws_apigatewayv2_api    aws_apigatewayv2_api.ws         WebSocket APIs are not served by ldk\n" +
		"aws_apigatewayv2_route  aws_apigatewayv2_route.proxied  its integration aws_apigatewayv2_integration.http_proxy is not a Lambda proxy integration of this configuration\n"
	if table != want {
		t.Errorf("NOT SERVED table:\n%q\nwant\n%q", table, want)
	}
}
