package compute

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Dummy credentials a function gets when none are configured: AWS SDKs
// inside the function start without complaint, and any request that still
// reaches for real AWS fails to authenticate instead of using the
// developer's own keys.
const (
	DummyAccessKeyID     = "ASIALDKLOCALDUMMY000"
	DummySecretAccessKey = "ldk/local/dummy/secret/access/key/000000"
	DummySessionToken    = "ldk-local-dummy-session-token"
)

// Defaults of EnvOptions.
const (
	DefaultRegion     = "us-east-1"
	DefaultRuntimeDir = "/var/runtime"
	DefaultMemoryMB   = 128
)

// EnvOptions are the host's settings that shape a function's environment.
type EnvOptions struct {
	// Region is AWS_REGION and AWS_DEFAULT_REGION; DefaultRegion when empty.
	Region string
	// AccessKeyID, SecretAccessKey and SessionToken are the credentials the
	// function sees; the Dummy* values when AccessKeyID is empty.
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	// EndpointURL becomes AWS_ENDPOINT_URL, the endpoint of every service.
	EndpointURL string
	// ServiceEndpointURLs become AWS_ENDPOINT_URL_<SERVICE>; keys are
	// service ids ("dynamodb", "S3", "secrets manager"), upper-cased with
	// spaces and dashes turned into underscores.
	ServiceEndpointURLs map[string]string
	// TaskRoot is LAMBDA_TASK_ROOT; the spec's CodeDir when empty.
	TaskRoot string
	// RuntimeDir is LAMBDA_RUNTIME_DIR; DefaultRuntimeDir when empty.
	RuntimeDir string
	// LogStreamName is AWS_LAMBDA_LOG_STREAM_NAME; when empty it is made
	// from Now and the function's name in Lambda's form
	// "2006/01/02/[$LATEST]<32 hex digits>".
	LogStreamName string
	// Now dates the generated log stream name; time.Now when zero.
	Now time.Time
	// Overrides are the user's variables (ldk.yaml); they win over all.
	Overrides map[string]string
}

// LambdaEnvironment builds the environment a function sees on Lambda: the
// AWS_LAMBDA_* variables, region, execution environment, paths, handler,
// TZ, credentials and endpoints; then the function's own variables
// (spec.Environment); then opts.Overrides. Backends add what they own
// (AWS_LAMBDA_RUNTIME_API, PATH, NODE_PATH, ...).
func LambdaEnvironment(spec FunctionSpec, opts EnvOptions) map[string]string {
	env := map[string]string{
		"AWS_LAMBDA_FUNCTION_NAME":        spec.Name,
		"AWS_LAMBDA_FUNCTION_VERSION":     "$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": strconv.Itoa(orInt(spec.MemoryMB, DefaultMemoryMB)),
		"AWS_LAMBDA_LOG_GROUP_NAME":       "/aws/lambda/" + spec.Name,
		"AWS_LAMBDA_LOG_STREAM_NAME":      opts.LogStreamName,
		"AWS_LAMBDA_INITIALIZATION_TYPE":  "on-demand",
		"AWS_REGION":                      orString(opts.Region, DefaultRegion),
		"AWS_DEFAULT_REGION":              orString(opts.Region, DefaultRegion),
		"LAMBDA_TASK_ROOT":                orString(opts.TaskRoot, spec.CodeDir),
		"LAMBDA_RUNTIME_DIR":              orString(opts.RuntimeDir, DefaultRuntimeDir),
		"TZ":                              ":UTC",
	}

	if opts.LogStreamName == "" {
		env["AWS_LAMBDA_LOG_STREAM_NAME"] = LogStreamName(spec.Name, opts.Now)
	}

	// Lambda sets AWS_EXECUTION_ENV for its managed runtimes only: not for
	// provided.* (OS-only) runtimes nor container images.
	if spec.Runtime != "" && !strings.HasPrefix(spec.Runtime, "provided") {
		env["AWS_EXECUTION_ENV"] = "AWS_Lambda_" + spec.Runtime
	}
	if spec.Handler != "" {
		env["_HANDLER"] = spec.Handler
	}

	if opts.AccessKeyID != "" {
		env["AWS_ACCESS_KEY_ID"] = opts.AccessKeyID
		env["AWS_SECRET_ACCESS_KEY"] = opts.SecretAccessKey
		if opts.SessionToken != "" {
			env["AWS_SESSION_TOKEN"] = opts.SessionToken
		}
	} else {
		env["AWS_ACCESS_KEY_ID"] = DummyAccessKeyID
		env["AWS_SECRET_ACCESS_KEY"] = DummySecretAccessKey
		env["AWS_SESSION_TOKEN"] = DummySessionToken
	}

	if opts.EndpointURL != "" {
		env["AWS_ENDPOINT_URL"] = opts.EndpointURL
	}
	for service, url := range opts.ServiceEndpointURLs {
		env["AWS_ENDPOINT_URL_"+serviceEnvSuffix(service)] = url
	}

	for k, v := range spec.Environment {
		env[k] = v
	}
	for k, v := range opts.Overrides {
		env[k] = v
	}
	return env
}

// LogStreamName is the log stream name Lambda would give a function's
// execution environment on the day of now (time.Now when zero), stable for
// one function on one day.
func LogStreamName(function string, now time.Time) string {
	if now.IsZero() {
		now = time.Now()
	}
	sum := sha256.Sum256([]byte(function))
	return now.UTC().Format("2006/01/02") + "/[$LATEST]" + hex.EncodeToString(sum[:16])
}

// serviceEnvSuffix turns a service id into the suffix of its
// AWS_ENDPOINT_URL_ variable ("secrets manager" → "SECRETS_MANAGER").
func serviceEnvSuffix(service string) string {
	r := strings.NewReplacer(" ", "_", "-", "_")
	return r.Replace(strings.ToUpper(strings.TrimSpace(service)))
}

func orString(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orInt(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}
