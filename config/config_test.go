package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParse(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		yaml    string
		want    func(*Config)
		wantErr string
	}{
		{
			name: "empty file keeps defaults",
			yaml: "\n",
			want: func(*Config) {},
		},
		{
			name: "every key",
			yaml: `compute_backend: docker
host: 127.0.0.2
port: 4000
aws_port: 4600
region: eu-west-1
account: "111111111111"
parameters: {BootstrapVersion: "6"}
variables: {stage: prod, sizes: [1, 2]}
functions:
  orders-get:
    compute_backend: subprocess
    environment: {DEBUG: "1"}
endpoints: {dynamodb: "http://127.0.0.1:8000"}
ports:
  apis: {OrdersApi: 3100}
  function_urls: {orders-get: 3200}
plugin_dir: .
worker_idle_ttl: 90s
concurrency: 4
log_level: debug
`,
			want: func(c *Config) {
				c.ComputeBackend = "docker"
				c.Host = "127.0.0.2"
				c.Port = 4000
				c.AWSPort = 4600
				c.Region = "eu-west-1"
				c.Account = "111111111111"
				c.Parameters = map[string]string{"BootstrapVersion": "6"}
				c.Variables = map[string]any{"stage": "prod", "sizes": []any{1, 2}}
				c.Functions = map[string]FunctionConfig{"orders-get": {
					ComputeBackend: "subprocess", Environment: map[string]string{"DEBUG": "1"}}}
				c.Endpoints = map[string]string{"dynamodb": "http://127.0.0.1:8000"}
				c.Ports = PortsConfig{APIs: map[string]int{"OrdersApi": 3100},
					FunctionURLs: map[string]int{"orders-get": 3200}}
				c.PluginDir = "."
				c.IdleTTL = 90 * time.Second
				c.Concurrency = 4
				c.LogLevel = "debug"
			},
		},
		{
			name:    "unknown top-level key",
			yaml:    "port: 1\ncompute_bakend: docker\n",
			wantErr: `ldk.yaml:2:1: unknown key "compute_bakend" (allowed here: compute_backend, host, port, aws_port, region, account, parameters, variables, functions, endpoints, ports, plugin_dir, worker_idle_ttl, concurrency, log_level)`,
		},
		{
			name:    "unknown key inside a function",
			yaml:    "functions:\n  f:\n    env: {A: b}\n",
			wantErr: `ldk.yaml:3:5: unknown key "functions.f.env" (allowed here: compute_backend, environment)`,
		},
		{
			name:    "wrong type",
			yaml:    "port: three\n",
			wantErr: `ldk.yaml:1:7: port must be a whole number, not the string "three"; write it as e.g. port: 3000`,
		},
		{
			name:    "key set twice",
			yaml:    "port: 1\nport: 2\n",
			wantErr: `ldk.yaml:2:1: port is set twice (first on line 1); keep one of them`,
		},
		{
			name:    "nested key set twice",
			yaml:    "functions:\n  f:\n    environment: {A: x, A: y}\n",
			wantErr: `ldk.yaml:3:25: functions.f.environment.A is set twice (first on line 3); keep one of them`,
		},
		{
			name:    "the file a list",
			yaml:    "[1, 2]\n",
			wantErr: `ldk.yaml:1:1: the file must be a map of settings (port: 3000, functions: ...), not a list; see the Configuration section of the README`,
		},
		{
			name:    "fraction where a whole number goes",
			yaml:    "concurrency: 1.5\n",
			wantErr: `ldk.yaml:1:14: concurrency must be a whole number, not the number 1.5; write it as e.g. concurrency: 10`,
		},
		{
			name: "reserved environment variable",
			yaml: "functions:\n  f:\n    environment:\n      DEBUG: \"1\"\n      _HANDLER: evil.handler\n",
			wantErr: `ldk.yaml:5:7: functions.f.environment._HANDLER: _HANDLER is set by Lambda itself and cannot be overridden; ` +
				`remove it (ldk sets it as Lambda does)`,
		},
		{
			name: "environment name that is no variable name",
			yaml: "functions:\n  f:\n    environment: {\"1BAD\": x}\n",
			wantErr: `ldk.yaml:3:19: functions.f.environment.1BAD: "1BAD" is not an environment variable name; ` +
				`start it with a letter and use only letters, digits and _`,
		},
		{
			name:    "quoted number",
			yaml:    "region: eu-west-1\nport: \"abc\"\n",
			wantErr: `ldk.yaml:2:7: port must be a whole number, not the string "abc"; write it as e.g. port: 3000`,
		},
		{
			name:    "functions as a list",
			yaml:    "functions: [1, 2]\n",
			wantErr: `ldk.yaml:1:12: functions must be a map of names to settings, not a list; write it as e.g. functions: {CreateOrder: {environment: {DEBUG: "1"}}}`,
		},
		{
			name:    "environment as a list",
			yaml:    "functions:\n  f:\n    environment: [A]\n",
			wantErr: `ldk.yaml:3:18: functions.f.environment must be a map of names to values, not a list; write it as e.g. environment: {DEBUG: "1"}`,
		},
		{
			name:    "pinned port as text",
			yaml:    "ports:\n  apis:\n    Api: high\n",
			wantErr: `ldk.yaml:3:10: ports.apis.Api must be a whole number, not the string "high"; write it as e.g. Api: 3100`,
		},
		{
			name:    "bad duration",
			yaml:    "worker_idle_ttl: 5\n",
			wantErr: `ldk.yaml:1:18: worker_idle_ttl must be a duration (a number and a unit: 90s, 5m, 1h), not the number 5; write it as e.g. worker_idle_ttl: 90s`,
		},
		{
			name:    "not yaml",
			yaml:    "port: [1\n",
			wantErr: `ldk.yaml:1:1: did not find expected ',' or ']'; fix the YAML syntax there (quote a value that holds ": ", "#" or starts with a special character)`,
		},
		{
			name:    "tab indentation",
			yaml:    "functions:\n\tf: {}\n",
			wantErr: `ldk.yaml:2:1: found character that cannot start any token; indent with spaces: YAML does not allow tabs there`,
		},
		{
			name:    "error without a line from yaml",
			yaml:    "region: eu-west-1\nport: 1: 2\n",
			wantErr: `ldk.yaml:2:1: mapping values are not allowed in this context; fix the YAML syntax there (quote a value that holds ": ", "#" or starts with a special character)`,
		},
		{
			name:    "second document",
			yaml:    "port: 1\n---\nport: 2\n",
			wantErr: `ldk.yaml:2:1: a second YAML document starts here; ldk.yaml holds one: remove the --- line and merge what follows into the first`,
		},
		{
			name:    "endpoint not a url",
			yaml:    "endpoints:\n  dynamodb: not a url\n",
			wantErr: `ldk.yaml:2:3: endpoints.dynamodb "not a url" is not an absolute http(s) URL; write it as e.g. http://127.0.0.1:8000`,
		},
		{
			name:    "endpoint without scheme",
			yaml:    "endpoints: {s3: \"127.0.0.1:9000\"}\n",
			wantErr: `ldk.yaml:1:13: endpoints.s3 "127.0.0.1:9000" is not an absolute http(s) URL; write it as e.g. http://127.0.0.1:8000`,
		},
		{
			name:    "endpoint service id",
			yaml:    "endpoints: {\"dynamo.db\": \"http://127.0.0.1:8000\"}\n",
			wantErr: `ldk.yaml:1:13: endpoints: "dynamo.db" is not a service id (it becomes AWS_ENDPOINT_URL_<ID>: letters and digits, words joined by _, - or a space); write it as e.g. dynamodb or secrets_manager`,
		},
		{
			name: "endpoint service ids the SDK spells with spaces or dashes",
			yaml: "endpoints: {secrets manager: \"https://127.0.0.1:1\", cognito-idp: \"http://[::1]:2\"}\n",
			want: func(c *Config) {
				c.Endpoints = map[string]string{"secrets manager": "https://127.0.0.1:1", "cognito-idp": "http://[::1]:2"}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Default()
			err := Parse("ldk.yaml", []byte(tc.yaml), &got)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := Default()
			tc.want(&want)
			if d := cmp.Diff(want, got, cmpopts.IgnoreFields(Config{}, "Keys")); d != "" {
				t.Fatalf("config (-want +got):\n%s", d)
			}
		})
	}
}

func TestLoadFindsDotLdk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".ldk"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ".ldk", "ldk.yaml")
	if err := os.WriteFile(path, []byte("port: 3300\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Port != 3300 || cfg.File != path || cfg.AWSPort != DefaultAWSPort {
		t.Fatalf("got port %d file %q aws_port %d", cfg.Port, cfg.File, cfg.AWSPort)
	}

	none, err := Load(t.TempDir())
	if err != nil || none.File != "" || none.Port != DefaultPort {
		t.Fatalf("no file: %+v, %v", none, err)
	}
}

func TestBackendFor(t *testing.T) {
	t.Parallel()
	c := Default()
	c.Functions = map[string]FunctionConfig{"a": {ComputeBackend: "docker"}, "b": {}}
	for fn, want := range map[string]string{"a": "docker", "b": "subprocess", "c": "subprocess"} {
		if got := c.BackendFor(fn); got != want {
			t.Errorf("BackendFor(%q) = %q, want %q", fn, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		edit    func(*Config)
		wantErr string
	}{
		{name: "defaults", edit: func(*Config) {}},
		{name: "ephemeral ports", edit: func(c *Config) { c.Port, c.AWSPort = 0, 0 }},
		{
			name:    "negative concurrency",
			edit:    func(c *Config) { c.Concurrency = -1 },
			wantErr: "invalid settings (from flags, LDK_* variables or ldk.yaml): concurrency -1 must be at least 1",
		},
		{
			name: "several problems, sorted",
			edit: func(c *Config) {
				c.LogLevel = "loud"
				c.IdleTTL = -time.Second
				c.Port = 70000
				c.Ports.APIs = map[string]int{"Api": 0}
			},
			wantErr: `invalid settings (from flags, LDK_* variables or ldk.yaml): log_level "loud" is not one of trace, debug, info, warn, error, off; ` +
				`port 70000 is not a port number (0 to 65535); ports.apis.Api 0 is not a port number (1 to 65535); ` +
				`worker_idle_ttl -1s must be positive (e.g. 5m)`,
		},
		{
			name:    "a host with a port",
			edit:    func(c *Config) { c.Host = "127.0.0.1:80" },
			wantErr: `invalid settings (from flags, LDK_* variables or ldk.yaml): host "127.0.0.1:80" must be an IP address or localhost, without a port`,
		},
		{name: "localhost and IPv6 loopback", edit: func(c *Config) { c.Host = "localhost" }},
		{name: "IPv6 loopback", edit: func(c *Config) { c.Host = "::1" }},
		{
			name:    "a path is not a backend",
			edit:    func(c *Config) { c.ComputeBackend = "../x" },
			wantErr: `invalid settings (from flags, LDK_* variables or ldk.yaml): compute_backend "../x" is not a backend name (ldk-compute-<name>)`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := Default()
			c.File = "ldk.yaml"
			tc.edit(&c)
			err := c.Validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.wantErr {
				t.Fatalf("Validate() = %q, want %q", got, tc.wantErr)
			}
		})
	}
}

func TestParseWarningsAndWhere(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "nonexistent")
	cfg := Default()
	cfg.File = "ldk.yaml"
	data := "port: 3000\nplugin_dir: " + missing + "\nfunctions:\n  CreateOrder:\n    environment: {A: b}\n"
	if err := Parse("ldk.yaml", []byte(data), &cfg); err != nil {
		t.Fatal(err)
	}
	wantWarnings := []Warning{{Key: "plugin_dir",
		Text: "ldk.yaml:2:1: plugin_dir " + missing + " does not exist, so no plugin is found there; create it or fix the path"}}
	if d := cmp.Diff(wantWarnings, cfg.Warnings); d != "" {
		t.Errorf("warnings (-want +got):\n%s", d)
	}
	for key, want := range map[string]string{
		"functions.CreateOrder":                 "ldk.yaml:4:3",
		"functions.CreateOrder.environment.A":   "ldk.yaml:5:19",
		"port":                                  "ldk.yaml:1:1",
		"functions.Other":                       "ldk.yaml",
		"functions.CreateOrder.compute_backend": "ldk.yaml",
	} {
		if got := cfg.Where(key); got != want {
			t.Errorf("Where(%q) = %q, want %q", key, got, want)
		}
	}
}

// TestLoadChecksValues reads files whose values cannot work: each error
// names the place in the file, not "flags, LDK_* variables or ldk.yaml".
func TestLoadChecksValues(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"concurrency", "port: 3000\nconcurrency: 0\n", ":2:1: concurrency 0 must be at least 1"},
		{"idle ttl", "worker_idle_ttl: -5m\n", ":1:1: worker_idle_ttl -5m0s must be positive (e.g. 5m)"},
		{"log level", "log_level: loud\n", `:1:1: log_level "loud" is not one of trace, debug, info, warn, error, off`},
		{"backend", "compute_backend: ../x\n", `:1:1: compute_backend "../x" is not a backend name (ldk-compute-<name>)`},
		{"first in the file wins", "log_level: loud\nconcurrency: 0\n", `:1:1: log_level "loud" is not one of trace, debug, info, warn, error, off`},
		{"pinned port", "ports:\n  apis:\n    Api: 70000\n", ":3:5: ports.apis.Api 70000 is not a port number (1 to 65535)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "ldk.yaml")
			if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(dir)
			if err == nil || err.Error() != path+tc.want {
				t.Errorf("Load: %v\nwant %s", err, path+tc.want)
			}
		})
	}
}
