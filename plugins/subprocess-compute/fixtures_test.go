package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ldkdev/ldk/compute"
)

// Asset directories of the shared CDK fixtures, as cdk.out names them.
const (
	ordersOut      = "asset."
	createOrderDir = "6fcf6bc5e243593b4160a7bff22ace7c099d6b26d415c639ae43b97e8d4d4448"
	getOrderDir    = "1f807de5bae8a6f8e63eb42f9a0f7b91d0bd4504b6d0b535a68d398ae4f7dc97"
	processDir     = "76e1b95870cb3a68849c65b9ae7b459bc672f4a83bbb526296c8147cb36c7abf"
	receiptDir     = "6236ebd06552f257a0842d2af4b4d5dde2296b24d7af5d1f015e68f3b976c4dd"
	restCodeDir    = "4ce79146adf4e6ca895adc1268c8864a7ab4c20a481eb9c60ec5d8aef4399747"
	pyFnDir        = "f470a674ed8d69178333d0b63b2414a759ce5c799921c7d6da1332c4f3a2b3ee"
	bundledDir     = "a3eec6a36b673cdcbd7397ca743c3d00edee8a4aee3fed8579cece84bbcecbc7"
	greeterLayer   = "1f987f053a5a42b48cb085a9eab05c52d8cb935a758cf6f0c29b034d94bf55db"
	pyutilLayer    = "05cc1be3e2cd2391ecfe725a2b55558f89cf073979f6e76e3217415281f2ea8f"
)

func asset(t *testing.T, app, hash string) string {
	return fixtureDir(t, "cdk", app, "cdk.out", ordersOut+hash)
}

// inlineCode writes the InlineFn's template code where the CDK reader puts
// inline python: index.py in a directory of its own.
func inlineCode(t *testing.T) string {
	dir := t.TempDir()
	code := "def handler(event, context):\n    return {\"statusCode\": 200, \"body\": \"inline ok\"}\n"
	if err := os.WriteFile(filepath.Join(dir, "index.py"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}

	return dir
}

var uuidPattern = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`)

// TestFixtureFunctions runs every function of the CDK fixtures with a
// sample event and checks its exact answer.
func TestFixtureFunctions(t *testing.T) {
	need(t, "node", "python3")

	cases := []struct {
		name    string
		spec    compute.FunctionSpec
		env     map[string]string
		payload string
		want    string
		// uuid: the answer holds one random uuid, replaced by <uuid>.
		uuid bool
		// logs: lines the invocation's log must hold.
		logs []string
	}{
		{
			name: "CreateOrder",
			spec: compute.FunctionSpec{Runtime: "nodejs20.x", Handler: "index.handler", MemoryMB: 256,
				TimeoutSeconds: 10, CodeDir: asset(t, "orders-http", createOrderDir)},
			env: map[string]string{"TABLE_NAME": "OrdersTable", "QUEUE_URL": "http://127.0.0.1:4566/q",
				"GREETING": "hello"},
			payload: `{"body":"{\"customer\":\"ann\",\"items\":[1,2]}"}`,
			want: `{"statusCode":201,"headers":{"content-type":"application/json"},` +
				`"body":"{\"id\":\"<uuid>\",\"customer\":\"ann\",\"items\":[1,2],\"table\":\"OrdersTable\",` +
				`\"greeting\":\"hello\",\"fn\":\"CreateOrder\",\"remaining\":true}"}`,
			uuid: true,
			logs: []string{"\tINFO\tcreating order <uuid> for ann"},
		},
		{
			name: "GetOrder",
			spec: compute.FunctionSpec{Runtime: "nodejs20.x", Handler: "index.handler",
				CodeDir: asset(t, "orders-http", getOrderDir)},
			payload: `{"version":"2.0","routeKey":"GET /orders/{id}","pathParameters":{"id":"42"},` +
				`"queryStringParameters":{"x":"1,2"}}`,
			want: `{"statusCode":200,"body":"{\"id\":\"42\",\"routeKey\":\"GET /orders/{id}\",` +
				`\"q\":{\"x\":\"1,2\"},\"version\":\"2.0\"}"}`,
		},
		{
			name: "ProcessOrder",
			spec: compute.FunctionSpec{Runtime: "python3.12", Handler: "main.handler", MemoryMB: 512,
				TimeoutSeconds: 30, CodeDir: asset(t, "orders-http", processDir)},
			env:     map[string]string{"TABLE_ARN": "arn:aws:dynamodb:eu-west-1:111111111111:table/Orders"},
			payload: `{"Records":[{"body":"{\"id\":\"o-1\"}"},{"body":"{\"id\":\"o-2\"}"}]}`,
			want: `{"batchItemFailures": [], "processed": ["o-1", "o-2"], ` +
				`"table": "arn:aws:dynamodb:eu-west-1:111111111111:table/Orders"}`,
			logs: []string{"processing ['o-1', 'o-2']"},
		},
		{
			name: "Receipt",
			spec: compute.FunctionSpec{Runtime: "python3.12", Handler: "receipt.make",
				CodeDir: asset(t, "orders-http", receiptDir)},
			payload: `{"orderId": 9}`,
			want:    `{"receipt": "R-9", "memory": 128, "name": "Receipt"}`,
		},
		{
			name: "ItemsFn",
			spec: compute.FunctionSpec{Runtime: "nodejs20.x", Handler: "api/items.list",
				CodeDir: asset(t, "rest-layers", restCodeDir),
				Layers:  []string{asset(t, "rest-layers", greeterLayer)}},
			env: map[string]string{"STAGE": "dev"},
			payload: `{"resource":"/items/{itemId}","path":"/items/7","pathParameters":{"itemId":"7"},` +
				`"multiValueQueryStringParameters":{"x":["1","2"]},"requestContext":{"stage":"prod"}}`,
			want: `{"statusCode":200,"multiValueHeaders":{"x-item":["7"],"set-cookie":["a=1","b=2"]},` +
				`"body":"{\"msg\":\"hello from layer (dev)\",\"id\":\"7\",\"resource\":\"/items/{itemId}\",` +
				`\"path\":\"/items/7\",\"stage\":\"prod\",\"mv\":{\"x\":[\"1\",\"2\"]}}"}`,
		},
		{
			name: "EsmFn",
			spec: compute.FunctionSpec{Runtime: "nodejs22.x", Handler: "esm/hello.handler",
				CodeDir: asset(t, "rest-layers", restCodeDir)},
			payload: `{"body":"aGk=","isBase64Encoded":true}`,
			want:    `{"statusCode":200,"body":"{\"esm\":true,\"echo\":\"hi\"}"}`,
		},
		{
			name: "PyFn",
			spec: compute.FunctionSpec{Runtime: "python3.11", Handler: "app.handlers.users.handler",
				MemoryMB: 1769, TimeoutSeconds: 3, CodeDir: asset(t, "rest-layers", pyFnDir),
				Layers: []string{asset(t, "rest-layers", pyutilLayer)}},
			payload: `{"httpMethod":"PUT","pathParameters":{"userId":"u-7"}}`,
			want: `{"statusCode": 200, "headers": {"content-type": "application/json"}, ` +
				`"body": "{\"user\": \"u-7\", \"method\": \"PUT\", \"shout\": \"HI!\", \"remaining_ok\": true}"}`,
		},
		{
			name:    "InlineFn",
			spec:    compute.FunctionSpec{Runtime: "python3.12", Handler: "index.handler", CodeDir: inlineCode(t)},
			payload: `{}`,
			want:    `{"statusCode": 200, "body": "inline ok"}`,
		},
		{
			name: "BundledFn",
			spec: compute.FunctionSpec{Runtime: "nodejs20.x", Handler: "index.handler",
				CodeDir: asset(t, "rest-layers", bundledDir)},
			payload: `{"version":"2.0","rawPath":"/a/b.png"}`,
			want:    `{"statusCode":200,"body":"{\"file\":\"b.png\",\"kind\":\"2.0\"}"}`,
		},
	}

	b := newTestBackend(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			spec := tc.spec
			spec.Name = tc.name
			if spec.MemoryMB == 0 {
				spec.MemoryMB = 128
			}
			spec.Environment = lambdaEnv(tc.name, spec.MemoryMB, tc.env)
			start(t, b, spec)

			res := invoke(t, b, compute.InvokeRequest{Function: tc.name, Payload: []byte(tc.payload),
				Deadline: deadlineIn(60e9)})
			if res.ErrorType != "" {
				t.Fatalf("function error %s: %s\nlog:\n%s", res.ErrorType, res.Payload, res.LogTail)
			}

			got, tail := string(res.Payload), string(res.LogTail)
			if tc.uuid {
				id := uuidPattern.FindString(got)
				got = strings.ReplaceAll(got, id, "<uuid>")
				tail = strings.ReplaceAll(tail, id, "<uuid>")
			}
			if got != tc.want {
				t.Errorf("payload\n got %s\nwant %s", got, tc.want)
			}
			for _, l := range tc.logs {
				if !strings.Contains(tail, l) {
					t.Errorf("log tail lacks %q:\n%s", l, tail)
				}
			}
		})
	}
}

// TestFixturesStayClean checks running python fixtures wrote no byte code
// into their code directories.
func TestFixturesStayClean(t *testing.T) {
	need(t, "python3")

	b := newTestBackend(t)
	dir := asset(t, "rest-layers", pyFnDir)
	layer := asset(t, "rest-layers", pyutilLayer)
	start(t, b, compute.FunctionSpec{Name: "PyFn", Runtime: "python3.11", Handler: "app.handlers.users.handler",
		CodeDir: dir, Layers: []string{layer}})
	invoke(t, b, compute.InvokeRequest{Function: "PyFn",
		Payload: []byte(`{"httpMethod":"GET","pathParameters":{"userId":"1"}}`)})

	for _, root := range []string{dir, layer} {
		_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.Name() == "__pycache__" {
				t.Errorf("byte code written into the code: %s", p)
			}
			return nil
		})
	}
}
