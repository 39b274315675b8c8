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
