package reload_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// statusHandler is the code of the function a re-synthesis adds.
const statusHandler = `exports.handler = async (e) => ({ statusCode: 200, body: "status via " + (e.routeKey || "url") });`

// readJSON decodes a JSON file of the assembly into a generic document.
func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("decoding %s: %v", path, err)
	}
	return doc
}

func writeJSON(t *testing.T, path string, doc map[string]any) {
	t.Helper()
	data, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	write(t, path, string(data))
}

// resynthAddStatus rewrites the orders-http assembly as `cdk synth` would
// after the app gained a function "status" with a route GET /status and a
// function URL: the asset first, then the asset manifest, the template and
// the manifest.
func resynthAddStatus(t *testing.T, dir string) {
	t.Helper()
	out := filepath.Join(dir, "cdk.out")
	sum := sha256.Sum256([]byte(statusHandler))
	hash := hex.EncodeToString(sum[:])
	write(t, filepath.Join(out, "asset."+hash, "index.js"), statusHandler)

	assets := readJSON(t, filepath.Join(out, "OrdersStack.assets.json"))
	files := assets["files"].(map[string]any)
	entry := files["1f807de5bae8a6f8e63eb42f9a0f7b91d0bd4504b6d0b535a68d398ae4f7dc97"].(map[string]any)
	files[hash] = map[string]any{"source": map[string]any{"path": "asset." + hash, "packaging": "zip"},
		"destinations": entry["destinations"]}
	writeJSON(t, filepath.Join(out, "OrdersStack.assets.json"), assets)

	tpl := readJSON(t, filepath.Join(out, "OrdersStack.template.json"))
	res := tpl["Resources"].(map[string]any)
	api := map[string]any{"Ref": "OrdersApi48294D44"}
	res["StatusFn0A1B2C3D"] = map[string]any{
		"Type": "AWS::Lambda::Function",
		"Properties": map[string]any{
			"Code":         map[string]any{"S3Bucket": "cdk-hnb659fds-assets-111111111111-eu-west-1", "S3Key": hash + ".zip"},
			"FunctionName": "status", "Handler": "index.handler", "Runtime": "nodejs20.x",
			"Role": map[string]any{"Fn::GetAtt": []any{"GetOrderServiceRoleD549F451", "Arn"}},
		},
		"Metadata": map[string]any{"aws:cdk:path": "OrdersStack/StatusFn/Resource", "aws:asset:path": "asset." + hash,
			"aws:asset:is-bundled": false, "aws:asset:property": "Code"},
	}
	res["OrdersApiGETstatusIntAAAA1111"] = map[string]any{
		"Type": "AWS::ApiGatewayV2::Integration",
		"Properties": map[string]any{"ApiId": api, "IntegrationType": "AWS_PROXY", "PayloadFormatVersion": "2.0",
			"IntegrationUri": map[string]any{"Fn::GetAtt": []any{"StatusFn0A1B2C3D", "Arn"}}},
	}
	res["OrdersApiGETstatusBBBB2222"] = map[string]any{
		"Type": "AWS::ApiGatewayV2::Route",
		"Properties": map[string]any{"ApiId": api, "AuthorizationType": "NONE", "RouteKey": "GET /status",
			"Target": map[string]any{"Fn::Join": []any{"", []any{"integrations/", map[string]any{"Ref": "OrdersApiGETstatusIntAAAA1111"}}}}},
	}
	res["StatusFnUrlCCCC3333"] = map[string]any{
		"Type": "AWS::Lambda::Url",
		"Properties": map[string]any{"AuthType": "NONE",
			"TargetFunctionArn": map[string]any{"Fn::GetAtt": []any{"StatusFn0A1B2C3D", "Arn"}}},
	}
	writeJSON(t, filepath.Join(out, "OrdersStack.template.json"), tpl)

	manifest := readJSON(t, filepath.Join(out, "manifest.json"))
	stack := manifest["artifacts"].(map[string]any)["OrdersStack"].(map[string]any)
	md := stack["metadata"].(map[string]any)
	for path, id := range map[string]string{
		"/OrdersStack/StatusFn/Resource":                 "StatusFn0A1B2C3D",
		"/OrdersStack/OrdersApi/GET--status/Integration": "OrdersApiGETstatusIntAAAA1111",
		"/OrdersStack/OrdersApi/GET--status/Resource":    "OrdersApiGETstatusBBBB2222",
		"/OrdersStack/StatusFn/FunctionUrl/Resource":     "StatusFnUrlCCCC3333",
	} {
		md[path] = []any{map[string]any{"type": "aws:cdk:logicalId", "data": id}}
	}
	writeJSON(t, filepath.Join(out, "manifest.json"), manifest)
}

func TestResynthesizedAssembly(t *testing.T) {
	need(t, "node")
	dir, d := ordersApp(t)
	before := d.ready(t)
	original := map[string][]byte{}
	for _, name := range []string{"OrdersStack.assets.json", "OrdersStack.template.json", "manifest.json"} {
		data, err := os.ReadFile(filepath.Join(dir, "cdk.out", name))
		if err != nil {
			t.Fatal(err)
		}
		original[name] = data
	}

	tests := []struct {
		name       string
		synth      func(t *testing.T)
		wantLog    []string
		wantStatus int
		wantBody   string
		wantURLs   int
	}{
		{
			name:       "function, route and function URL added",
			synth:      func(t *testing.T) { resynthAddStatus(t, dir) },
			wantLog:    []string{"reloaded", "functions=status ", "model: functions +status; APIs ~OrdersApi; function URLs +status", "opened functionUrl status"},
			wantStatus: 200,
			wantBody:   "status via GET /status",
			wantURLs:   1,
		},
		{
			name: "removed again",
			synth: func(t *testing.T) {
				for name, data := range original {
					write(t, filepath.Join(dir, "cdk.out", name), string(data))
				}
			},
			wantLog:    []string{"reloaded", "functions=status ", "model: functions -status; APIs ~OrdersApi; function URLs -status", "closed functionUrl status"},
			wantStatus: 404,
			wantBody:   `{"message":"Not Found"}`,
		},
	}
	count := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			count++
			if got, want := counter(t, d), fmt.Sprintf(`{"count":%d}`, count); got != want {
				t.Fatalf("CreateOrder before: %s, want %s", got, want)
			}

			mark := d.logs.mark()
			tt.synth(t)
			d.logs.await(t, mark, tt.wantLog...)

			now := d.ready(t)
			if now.APIs[0].URL != before.APIs[0].URL {
				t.Errorf("the API moved from %s to %s", before.APIs[0].URL, now.APIs[0].URL)
			}
			status, body := get(t, now.APIs[0].URL+"/status")
			if status != tt.wantStatus || body != tt.wantBody {
				t.Errorf("GET /status: %d %q, want %d %q", status, body, tt.wantStatus, tt.wantBody)
			}
			if len(now.FunctionURLs) != tt.wantURLs {
				t.Fatalf("ready file lists %d function URLs, want %d", len(now.FunctionURLs), tt.wantURLs)
			}
			if tt.wantURLs > 0 {
				if status, body := get(t, now.FunctionURLs[0].URL); status != 200 || body != "status via $default" {
					t.Errorf("function URL: %d %q", status, body)
				}
				want := `{"statusCode":200,"body":"status via url"}`
				if got := invoke(t, lambdaClient(now.AWSEndpoint), "status", `{}`); got != want {
					t.Errorf("Invoke API: %s, want %s", got, want)
				}
			}

			count++
			if got, want := counter(t, d), fmt.Sprintf(`{"count":%d}`, count); got != want {
				t.Errorf("CreateOrder after the reload: %s, want %s: its warm worker was not kept", got, want)
			}
		})
	}
}

func TestBrokenTemplateKeepsServing(t *testing.T) {
	need(t, "node")
	dir, d := ordersApp(t)
	tpl := filepath.Join(dir, "cdk.out", "OrdersStack.template.json")
	good, err := os.ReadFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	url := d.ready(t).APIs[0].URL + "/orders/7"
	const want = `{"id":"7","routeKey":"GET /orders/{id}","q":null,"version":"2.0"}`

	tests := []struct {
		name    string
		content string
		wantLog []string
	}{
		{name: "template cut short", content: `{"Resources": {`,
			wantLog: []string{"the app no longer loads; still serving the last good model"}},
		{name: "template fixed", content: string(good),
			wantLog: []string{"reloaded", "model: loads again, unchanged"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mark := d.logs.mark()
			write(t, tpl, tt.content)
			d.logs.await(t, mark, tt.wantLog...)
			if _, body := get(t, url); body != want {
				t.Errorf("GET %s: %q, want %q", url, body, want)
			}
		})
	}
	if line := d.logs.await(t, 0, tpl+":1:16: error: the template is not valid JSON"); line == "" {
		t.Error("the diagnostic naming the template was not printed")
	}
}

func TestTerraformReload(t *testing.T) {
	need(t, "node")
	dir := fixture(t, "tf/http-api")
	d := startDev(t, "--tf", dir)
	mainTF, err := os.ReadFile(filepath.Join(dir, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		edit    func(t *testing.T)
		wantLog []string
		want    string
	}{
		{
			name: "as loaded",
			want: `{"hello":"ann","stage":"dev","table":"shop-dev-users","route":"GET /hello"}`,
		},
		{
			name: "variables file added",
			edit: func(t *testing.T) { write(t, filepath.Join(dir, "terraform.tfvars"), "stage = \"qa\"\n") },
			wantLog: []string{"reloaded", "functions +shop-qa-hello +shop-qa-users -shop-dev-hello -shop-dev-users; " +
				"APIs +shop-qa-api -shop-dev-api; function URLs +shop-qa-hello -shop-dev-hello"},
			want: `{"hello":"ann","stage":"qa","table":"shop-qa-users","route":"GET /hello"}`,
		},
		{
			name: "archive_file source edited in place",
			edit: func(t *testing.T) {
				write(t, filepath.Join(dir, "src", "hello", "index.js"),
					`exports.handler = async () => ({ statusCode: 200, body: "hello edited in " + process.env.STAGE });`)
			},
			wantLog: []string{"reloaded", "functions=shop-qa-hello ", "code: "},
			want:    "hello edited in qa",
		},
		{
			name: "main.tf broken",
			edit: func(t *testing.T) {
				write(t, filepath.Join(dir, "main.tf"), string(mainTF)+"\nresource \"aws_s3_bucket\" \"b\" {\n")
			},
			wantLog: []string{"the app no longer loads; still serving the last good model"},
			want:    "hello edited in qa",
		},
		{
			name:    "main.tf fixed",
			edit:    func(t *testing.T) { write(t, filepath.Join(dir, "main.tf"), string(mainTF)) },
			wantLog: []string{"reloaded", "model: loads again, unchanged"},
			want:    "hello edited in qa",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.edit != nil {
				mark := d.logs.mark()
				tt.edit(t)
				d.logs.await(t, mark, tt.wantLog...)
			}
			url := d.ready(t).APIs[0].URL + "/hello?name=ann"
			if _, body := get(t, url); body != tt.want {
				t.Errorf("GET %s: %q, want %q", url, body, tt.want)
			}
		})
	}
	// The broken main.tf was reported with its position.
	d.logs.await(t, 0, filepath.Join(dir, "main.tf")+":", "Error: Unclosed configuration block")
}
