package main

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/ldkdev/ldk/appmodel"
)

func TestSecretKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want bool
	}{
		{"DB_PASSWORD", true},
		{"API_TOKEN", true},
		{"STRIPE_SECRET", true},
		{"AWS_SECRET_ACCESS_KEY", true},
		{"AWS_SESSION_TOKEN", true},
		{"APIKEY", true},
		{"api-key", true},
		{"jwt.private", true},
		{"GOOGLE_CREDENTIALS", true},
		{"MYSQL_PWD", true},
		{"DB_PASS", true},
		{"PASSPHRASE", true},
		{"SSH_KEY_PASSPHRASE", true},
		{"JWT", true},
		{"JWT_SIGNING", true},
		{"GITHUB_PAT", true},
		{"private_key_pem", true},
		{"AZURE_CREDENTIAL", true},
		{"BASIC_AUTH", true},
		{"OAUTH", true},
		{"SESSION_COOKIE", true},
		{"FLASK_SESSION", true},
		{"ADMIN_PIN", true},
		{"SENTRY_DSN", true},
		{"AUTH_URL", false},
		{"AUTH_ENABLED", false},
		{"COOKIE_NAME", false},
		{"SESSION_TABLE", false},
		{"JWT_ISSUER", false},
		{"PATH", false},
		{"PATTERN", false},
		{"PASSENGER_COUNT", false},
		{"SECRET_ARN", false},
		{"KMS_KEY_ID", false},
		{"TOKEN_URL", false},
		{"API_KEY_HEADER", false},
		{"PARTITION_KEY", false},
		{"SORT_KEY", false},
		{"PUBLIC_KEY", false},
		{"TABLE_NAME", false},
		{"GREETING", false},
		{"KEYSPACE", false},
		{"", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := secretKey(tc.name); got != tc.want {
				t.Errorf("secretKey(%q) = %v, want %v", tc.name, got, tc.want)
			}
		})
	}
}

func TestMaskValue(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, key, value, want string
	}{
		{"url password", "DATABASE_URL", "postgres://app:hunter2@db.local:5432/orders", "postgres://app:********@db.local:5432/orders"},
		{"url password, any key", "UPSTREAM", "https://bot:t0k3n@git.example/x?y=1", "https://bot:********@git.example/x?y=1"},
		{"empty user", "REDIS", "redis://:s3cret@127.0.0.1:6379/0", "redis://:********@127.0.0.1:6379/0"},
		{"two urls", "MIRRORS", "http://a:1@h1/ http://b:2@h2/", "http://a:********@h1/ http://b:********@h2/"},
		{"user alone is kept", "DATABASE_URL", "postgres://app@db.local/orders", "postgres://app@db.local/orders"},
		{"no userinfo", "QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/1/q", "https://sqs.eu-west-1.amazonaws.com/1/q"},
		{"at sign in a path", "LINK", "https://example.com/a:b@c", "https://example.com/a:b@c"},
		{"connection string", "DB", "Server=db;User Id=app;Password=hunter2;", maskedValue},
		{"pwd in key=value", "DB", "host=db pwd=hunter2", maskedValue},
		{"secret key", "DB_PASSWORD", "hunter2", maskedValue},
		{"empty secret", "DB_PASSWORD", "", ""},
		{"plain", "GREETING", "hello", "hello"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := maskValue(tc.key, tc.value); got != tc.want {
				t.Errorf("maskValue(%q, %q) = %q, want %q", tc.key, tc.value, got, tc.want)
			}
		})
	}
}

// TestLsMasksSecrets checks `ldk ls --json` prints secret-looking values
// masked unless --show-secrets is given.
func TestLsMasksSecrets(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want map[string]string
	}{
		{name: "masked by default", args: []string{"ls", "--json", "--tf", faultApp(t)},
			want: map[string]string{"GREETING": "hello", "API_TOKEN": maskedValue, "DB_PASSWORD": maskedValue}},
		{name: "shown on request", args: []string{"ls", "--json", "--show-secrets", "--tf", faultApp(t)},
			want: map[string]string{"GREETING": "hello", "API_TOKEN": "tok-3f9a1c", "DB_PASSWORD": "pw-77e0b2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, err := runLdk(t, tc.args...)
			if err != nil {
				t.Fatalf("ldk ls: %v\n%s", err, errOut)
			}
			var app appmodel.App
			if err := json.Unmarshal([]byte(out), &app); err != nil {
				t.Fatal(err)
			}
			f := app.Function("fault-node")
			if f == nil {
				t.Fatalf("no fault-node in %s", out)
			}
			if diff := cmp.Diff(tc.want, f.Environment); diff != "" {
				t.Errorf("environment (-want +got):\n%s", diff)
			}
		})
	}
}
