package appmodel

// App is everything ldk knows about one application: the functions it runs,
// the HTTP front doors that reach them, and the other wiring (event sources,
// state machines) that is listed but not served. Readers fill it; the host
// runs it. It is plain data: no methods here do I/O.
type App struct {
	// Source says what the model was read from: "cdk" or "terraform".
	Source string `json:"source"`
	// Root is the absolute path of the input (a cdk.out directory or a
	// Terraform root module directory).
	Root string `json:"root"`

	Functions     []Function     `json:"functions"`
	APIs          []API          `json:"apis"`
	Routes        []Route        `json:"routes"`
	FunctionURLs  []FunctionURL  `json:"functionUrls"`
	EventSources  []EventSource  `json:"eventSources"`
	StateMachines []StateMachine `json:"stateMachines"`
	Layers        []Layer        `json:"layers"`
	// Unsupported lists things the input declares that ldk does not serve,
	// such as non-proxy API integrations, so a user sees why a path is absent.
	Unsupported []Unsupported `json:"unsupported"`
	Diagnostics Diagnostics   `json:"diagnostics"`
}

// Architecture values of Function.Architecture.
const (
	ArchX86 = "x86_64"
	ArchARM = "arm64"
)

// Package types of Function.PackageType.
const (
	PackageZip   = "Zip"
	PackageImage = "Image"
)

// Function is one Lambda function.
type Function struct {
	// Name is the function name the Invoke API and logs use: FunctionName
	// when the input sets one, else a deterministic generated name.
	Name string `json:"name"`
	// LogicalID is the CloudFormation logical ID, or the Terraform address.
	LogicalID string `json:"logicalId"`
	// Stack is the stack name (CDK) or the module path, "" for the root
	// module (Terraform).
	Stack string `json:"stack"`
	// ConstructPath is the CDK construct path (aws:cdk:path), when known.
	ConstructPath string `json:"constructPath,omitempty"`
	// ARN is the function's ARN as ldk resolves it.
	ARN string `json:"arn"`

	Runtime string `json:"runtime"`
	Handler string `json:"handler"`
	// CodeDir is the absolute directory holding the code as the runtime sees
	// it (LAMBDA_TASK_ROOT). Empty when the code is not on disk.
	CodeDir string `json:"codeDir"`
	// ImageDir is the directory of a container image asset (PackageType Image).
	ImageDir string `json:"imageDir,omitempty"`
	// ImageURI is the image URI of a container image function, when known.
	ImageURI string `json:"imageUri,omitempty"`

	MemoryMB       int    `json:"memoryMB"`
	TimeoutSeconds int    `json:"timeoutSeconds"`
	Architecture   string `json:"architecture"`
	PackageType    string `json:"packageType"`
	// EphemeralStorageMB is /tmp's size; AWS's default is 512.
	EphemeralStorageMB int `json:"ephemeralStorageMB"`
	// ReservedConcurrency is nil when the input does not reserve any.
	ReservedConcurrency *int `json:"reservedConcurrency,omitempty"`

	// Environment holds the function's own variables, every value resolved
	// to a string.
	Environment map[string]string `json:"environment"`
	// Layers are absolute layer content directories, in the order Lambda
	// extracts them into /opt.
	Layers []string `json:"layers"`

	// Runnable is false when ldk cannot run the function locally; Reason
	// says why and what to do.
	Runnable bool   `json:"runnable"`
	Reason   string `json:"reason,omitempty"`
	// Internal marks functions the toolchain adds for itself (custom
	// resource providers, log retention, ...). `ldk ls` hides them.
	Internal bool `json:"internal,omitempty"`
	// Aliases are the alias names the input declares for the function
	// (AWS::Lambda::Alias, aws_lambda_alias). The Invoke API accepts each as
	// a Qualifier and runs the function itself: ldk has one version.
	Aliases []string `json:"aliases,omitempty"`
}

// Layer is one Lambda layer version with its content on disk.
type Layer struct {
	Name      string `json:"name"`
	LogicalID string `json:"logicalId"`
	Stack     string `json:"stack"`
	ARN       string `json:"arn"`
	// Dir is the absolute directory holding the layer's content, as it
	// would be extracted into /opt. Empty when not on disk.
	Dir                string   `json:"dir"`
	CompatibleRuntimes []string `json:"compatibleRuntimes,omitempty"`
}

// API kinds.
const (
	KindHTTP = "http" // API Gateway HTTP API (v2)
	KindREST = "rest" // API Gateway REST API (v1)
)

// API is one API Gateway API.
type API struct {
	// Name is unique in the app: the API's Name property, suffixed with the
	// stack when two stacks use the same name.
	Name      string `json:"name"`
	LogicalID string `json:"logicalId"`
	Stack     string `json:"stack"`
	Kind      string `json:"kind"`
	// ID is the API id ldk reports in events (requestContext.apiId).
	ID string `json:"id"`
	// Stage is the stage name: "$default" for HTTP APIs with the default
	// stage, e.g. "prod" for REST APIs.
	Stage string `json:"stage"`
	// StageVariables of the stage, resolved.
	StageVariables map[string]string `json:"stageVariables,omitempty"`
	// BinaryMediaTypes are the content types a REST API passes to its
	// functions base64-encoded ("image/png", "image/*", "*/*"); every other
	// body travels as text. HTTP APIs have none: they decide by content type.
	BinaryMediaTypes []string `json:"binaryMediaTypes,omitempty"`
}

// Payload format versions of Route.PayloadVersion.
const (
	Payload10 = "1.0"
	Payload20 = "2.0"
)

// Route is one method and path of an API that reaches a function.
type Route struct {
	// API is the API's Name.
	API  string `json:"api"`
	Kind string `json:"kind"`
	// Method is an upper-case HTTP method or "ANY".
	Method string `json:"method"`
	// Path is the resource path ("/orders/{id}", "/{proxy+}"), or
	// "$default" for an HTTP API default route.
	Path string `json:"path"`
	// Function is the target function's Name.
	Function       string `json:"function"`
	PayloadVersion string `json:"payloadVersion"`
	// Authorizer names the authorizer that guards the route, when one does.
	Authorizer *Authorizer `json:"authorizer,omitempty"`
	// AuthorizationScopes are the OAuth scopes a JWT or Cognito authorizer
	// requires of the route's callers: any one of them is enough.
	AuthorizationScopes []string `json:"authorizationScopes,omitempty"`
	// Integration is set only on a route ldk does not serve: the type of
	// the integration the input declares (HTTP_PROXY, HTTP, MOCK, AWS, or
	// AWS_PROXY to a function outside the app). Such a route has no
	// Function; it still takes part in route matching, as on AWS, so its
	// requests get a gateway error instead of reaching another route.
	Integration string `json:"integration,omitempty"`
	// Mock is the fixed answer of a REST MOCK integration ldk can serve
	// (a CORS preflight, typically): its status, static headers and body.
	// Such a route has Integration "MOCK" and no Function.
	Mock *MockResponse `json:"mock,omitempty"`
}

// MockResponse is what a MOCK integration answers, as its integration
// response declares it.
type MockResponse struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers,omitempty"`
	Body    string            `json:"body,omitempty"`
}

// Served reports whether ldk runs a function for the route: false when
// Integration names an integration ldk does not run. A MOCK route with a
// Mock answer is not served by a function but answered by the gateway.
func (r Route) Served() bool {
	return r.Integration == ""
}

// Authorizer describes an API authorizer.
type Authorizer struct {
	Name string `json:"name"`
	// Type is JWT, REQUEST, TOKEN, COGNITO_USER_POOLS or AWS_IAM.
	Type string `json:"type"`
	// Function is the authorizer function's Name for Lambda authorizers.
	Function string `json:"function,omitempty"`
	// IdentitySource as declared (e.g. "$request.header.Authorization",
	// "method.request.header.Authorization"), one entry per source.
	IdentitySource []string `json:"identitySource,omitempty"`
	// PayloadVersion is the event format of an HTTP API Lambda authorizer:
	// "1.0" or "2.0".
	PayloadVersion string `json:"payloadVersion,omitempty"`
	// SimpleResponses is set when an HTTP API Lambda authorizer answers
	// {"isAuthorized": bool} instead of an IAM policy.
	SimpleResponses bool `json:"simpleResponses,omitempty"`
	// ValidationExpression is the regular expression a REST TOKEN
	// authorizer's token must match before the function is called.
	ValidationExpression string `json:"validationExpression,omitempty"`
	// JWTIssuer and JWTAudience are a JWT authorizer's accepted issuer and
	// audiences.
	JWTIssuer   string   `json:"jwtIssuer,omitempty"`
	JWTAudience []string `json:"jwtAudience,omitempty"`
	// ProviderARNs are the user pools of a COGNITO_USER_POOLS authorizer.
	ProviderARNs []string `json:"providerArns,omitempty"`
}

// Authorizer types of Authorizer.Type.
const (
	AuthorizerJWT     = "JWT"
	AuthorizerRequest = "REQUEST"
	AuthorizerToken   = "TOKEN"
	AuthorizerCognito = "COGNITO_USER_POOLS"
	AuthorizerIAM     = "AWS_IAM"
)

// FunctionURL is a Lambda function URL.
type FunctionURL struct {
	Function string `json:"function"`
	// AuthType is NONE or AWS_IAM.
	AuthType  string `json:"authType"`
	LogicalID string `json:"logicalId"`
	// Qualifier is the alias the URL targets, when it targets one.
	Qualifier string `json:"qualifier,omitempty"`
}

// EventSource is something that invokes a function asynchronously: a queue,
// a stream, a schedule, a bucket notification, a topic.
type EventSource struct {
	Function string `json:"function"`
	// Type is sqs, kinesis, dynamodb, kafka, mq, schedule, eventbridge, s3, sns.
	Type string `json:"type"`
	// Source is the ARN, schedule expression or bucket the events come from.
	Source    string `json:"source"`
	LogicalID string `json:"logicalId"`
	// BatchSize for stream and queue sources, when set.
	BatchSize int `json:"batchSize,omitempty"`
	// Detail carries source-specific settings (event pattern, S3 events...).
	Detail map[string]any `json:"detail,omitempty"`
}

// StateMachine is a Step Functions state machine.
type StateMachine struct {
	Name      string `json:"name"`
	LogicalID string `json:"logicalId"`
	Stack     string `json:"stack"`
	// Functions are the Names of the functions its definition invokes.
	Functions []string `json:"functions"`
	// Definition is the parsed Amazon States Language document.
	Definition any `json:"definition"`
}

// Unsupported is a declared thing ldk lists but does not serve.
type Unsupported struct {
	What      string `json:"what"`
	LogicalID string `json:"logicalId"`
	Stack     string `json:"stack"`
	Reason    string `json:"reason"`
}
