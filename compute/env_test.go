package compute

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLambdaEnvironment(t *testing.T) {
	now := time.Date(2026, 12, 4, 23, 59, 0, 0, time.FixedZone("X", -5*3600))
	node := FunctionSpec{Name: "orders-get", Runtime: "nodejs20.x", Handler: "index.handler",
		CodeDir: "/app/code", MemoryMB: 256}

	// base is the environment of node with default options.
	base := func() map[string]string {
		return map[string]string{
			"AWS_LAMBDA_FUNCTION_NAME":        "orders-get",
			"AWS_LAMBDA_FUNCTION_VERSION":     "$LATEST",
			"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
			"AWS_LAMBDA_LOG_GROUP_NAME":       "/aws/lambda/orders-get",
			"AWS_LAMBDA_LOG_STREAM_NAME":      "2026/12/05/[$LATEST]22a9b8bcf8406d6bca420f2c3c753935",
			"AWS_LAMBDA_INITIALIZATION_TYPE":  "on-demand",
			"AWS_REGION":                      "us-east-1",
			"AWS_DEFAULT_REGION":              "us-east-1",
			"AWS_EXECUTION_ENV":               "AWS_Lambda_nodejs20.x",
			"LAMBDA_TASK_ROOT":                "/app/code",
			"LAMBDA_RUNTIME_DIR":              "/var/runtime",
			"_HANDLER":                        "index.handler",
			"TZ":                              ":UTC",
			"AWS_ACCESS_KEY_ID":               DummyAccessKeyID,
			"AWS_SECRET_ACCESS_KEY":           DummySecretAccessKey,
			"AWS_SESSION_TOKEN":               DummySessionToken,
		}
	}
	with := func(changes map[string]string, drop ...string) map[string]string {
		m := base()
		for k, v := range changes {
			m[k] = v
		}
		for _, k := range drop {
			delete(m, k)
		}
		return m
	}

	tests := []struct {
		name string
		spec FunctionSpec
		opts EnvOptions
		want map[string]string
	}{
		{name: "defaults", spec: node, opts: EnvOptions{Now: now}, want: base()},
		{
			name: "zero memory is lambda's default",
			spec: FunctionSpec{Name: "orders-get", Runtime: "nodejs20.x", Handler: "index.handler", CodeDir: "/app/code"},
			opts: EnvOptions{Now: now},
			want: with(map[string]string{"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128"}),
		},
		{
			name: "region, paths and log stream from options",
			spec: node,
			opts: EnvOptions{Region: "eu-west-1", TaskRoot: "/var/task", RuntimeDir: "/rt",
				LogStreamName: "stream-1"},
			want: with(map[string]string{"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1",
				"LAMBDA_TASK_ROOT": "/var/task", "LAMBDA_RUNTIME_DIR": "/rt",
				"AWS_LAMBDA_LOG_STREAM_NAME": "stream-1"}),
		},
		{
			name: "configured credentials without a token",
			spec: node,
			opts: EnvOptions{Now: now, AccessKeyID: "AKIDLOCAL", SecretAccessKey: "s3cret"},
			want: with(map[string]string{"AWS_ACCESS_KEY_ID": "AKIDLOCAL", "AWS_SECRET_ACCESS_KEY": "s3cret"},
				"AWS_SESSION_TOKEN"),
		},
		{
			name: "endpoints",
			spec: node,
			opts: EnvOptions{Now: now, EndpointURL: "http://127.0.0.1:4566",
				ServiceEndpointURLs: map[string]string{"dynamodb": "http://127.0.0.1:8000",
					"secrets manager": "http://127.0.0.1:9000", "s3-control": "http://127.0.0.1:9001"}},
			want: with(map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:4566",
				"AWS_ENDPOINT_URL_DYNAMODB":        "http://127.0.0.1:8000",
				"AWS_ENDPOINT_URL_SECRETS_MANAGER": "http://127.0.0.1:9000",
				"AWS_ENDPOINT_URL_S3_CONTROL":      "http://127.0.0.1:9001"}),
		},
		{
			name: "function variables then overrides win",
			spec: FunctionSpec{Name: "orders-get", Runtime: "nodejs20.x", Handler: "index.handler",
				CodeDir: "/app/code", MemoryMB: 256,
				Environment: map[string]string{"GREETING": "hello", "TABLE": "t1", "TZ": "Europe/Paris"}},
			opts: EnvOptions{Now: now, Overrides: map[string]string{"TABLE": "local", "AWS_REGION": "ap-south-1"}},
			want: with(map[string]string{"GREETING": "hello", "TABLE": "local", "TZ": "Europe/Paris",
				"AWS_REGION": "ap-south-1"}),
		},
		{
			name: "provided runtime has no execution env",
			spec: FunctionSpec{Name: "orders-get", Runtime: "provided.al2023", Handler: "bootstrap",
				CodeDir: "/app/code", MemoryMB: 256},
			opts: EnvOptions{Now: now},
			want: with(map[string]string{"_HANDLER": "bootstrap"}, "AWS_EXECUTION_ENV"),
		},
		{
			name: "image function has neither handler nor execution env",
			spec: FunctionSpec{Name: "orders-get", PackageType: "Image", CodeDir: "/app/code", MemoryMB: 256},
			opts: EnvOptions{Now: now},
			want: with(nil, "AWS_EXECUTION_ENV", "_HANDLER"),
		},
		{
			name: "python runtime",
			spec: FunctionSpec{Name: "orders-get", Runtime: "python3.12", Handler: "app.handler",
				CodeDir: "/app/code", MemoryMB: 256},
			opts: EnvOptions{Now: now},
			want: with(map[string]string{"AWS_EXECUTION_ENV": "AWS_Lambda_python3.12", "_HANDLER": "app.handler"}),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := LambdaEnvironment(tt.spec, tt.opts)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("LambdaEnvironment (-want +got):\n%s", diff)
			}
		})
	}
}
