package bench

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed testdata
var handlers embed.FS

// Runtimes the generated functions use: the ones node v20 and python 3.11
// on the bench machine can run.
const (
	RuntimeNode   = "nodejs20.x"
	RuntimePython = "python3.11"
)

// Function is one function of a generated assembly.
type Function struct {
	Name    string
	Runtime string // RuntimeNode or RuntimePython
	// Route is an HTTP API route key ("GET /node"); empty for none.
	Route string
}

// assetDir is the asset directory of a runtime's hello-world handler.
func assetDir(runtime string) string {
	if runtime == RuntimePython {
		return "asset.python"
	}
	return "asset.node"
}

// WriteAssembly writes a cloud assembly to dir, as `cdk synth` would: one
// stack whose functions run the hello-world handlers of testdata/ and one
// HTTP API with a route for each function that names one. Functions of a
// runtime share one asset directory, as CDK shares identical assets.
func WriteAssembly(dir string, fns []Function) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("writing assembly to %s: %w", dir, err)
	}
	for _, rt := range []struct{ src, dst string }{{"testdata/node", "asset.node"}, {"testdata/python", "asset.python"}} {
		if err := copyHandlers(rt.src, filepath.Join(dir, rt.dst)); err != nil {
			return err
		}
	}
	manifest := map[string]any{
		"version": "36.0.0",
		"artifacts": map[string]any{
			"Bench": map[string]any{
				"type":        "aws:cloudformation:stack",
				"environment": "aws://123456789012/us-east-1",
				"properties":  map[string]any{"templateFile": "Bench.template.json"},
			},
		},
	}
	if err := writeJSON(filepath.Join(dir, "manifest.json"), manifest); err != nil {
		return err
	}
	return writeJSON(filepath.Join(dir, "Bench.template.json"), template(fns))
}

// template is the CloudFormation template of fns, shaped as CDK writes it.
func template(fns []Function) map[string]any {
	res := map[string]any{
		"Api": map[string]any{
			"Type":       "AWS::ApiGatewayV2::Api",
			"Properties": map[string]any{"Name": "bench-http", "ProtocolType": "HTTP"},
		},
		"ApiDefaultStage": map[string]any{
			"Type": "AWS::ApiGatewayV2::Stage",
			"Properties": map[string]any{
				"ApiId": ref("Api"), "AutoDeploy": true, "StageName": "$default",
			},
		},
	}
	for i, f := range fns {
		id := fmt.Sprintf("Fn%04d", i)
		handler := "index.handler"
		res[id] = map[string]any{
			"Type": "AWS::Lambda::Function",
			"Properties": map[string]any{
				"FunctionName": f.Name,
				"Code":         map[string]any{"S3Bucket": "bench-assets", "S3Key": assetDir(f.Runtime) + ".zip"},
				"Handler":      handler,
				"Runtime":      f.Runtime,
				"MemorySize":   128,
				"Timeout":      10,
			},
			"Metadata": map[string]any{
				"aws:cdk:path":       "Bench/" + id + "/Resource",
				"aws:asset:path":     assetDir(f.Runtime),
				"aws:asset:property": "Code",
			},
		}
		if f.Route == "" {
			continue
		}
		res[id+"Integration"] = map[string]any{
			"Type": "AWS::ApiGatewayV2::Integration",
			"Properties": map[string]any{
				"ApiId":                ref("Api"),
				"IntegrationType":      "AWS_PROXY",
				"IntegrationUri":       map[string]any{"Fn::GetAtt": []any{id, "Arn"}},
				"PayloadFormatVersion": "2.0",
			},
		}
		res[id+"Route"] = map[string]any{
			"Type": "AWS::ApiGatewayV2::Route",
			"Properties": map[string]any{
				"ApiId":    ref("Api"),
				"RouteKey": f.Route,
				"Target":   map[string]any{"Fn::Join": []any{"", []any{"integrations/", ref(id + "Integration")}}},
			},
		}
	}
	return map[string]any{"Resources": res}
}

func ref(id string) map[string]any { return map[string]any{"Ref": id} }

// copyHandlers copies one embedded handler directory to dst.
func copyHandlers(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return fmt.Errorf("writing handlers to %s: %w", dst, err)
	}
	entries, err := fs.ReadDir(handlers, src)
	if err != nil {
		return fmt.Errorf("reading embedded %s: %w", src, err)
	}
	for _, e := range entries {
		data, err := handlers.ReadFile(src + "/" + e.Name())
		if err != nil {
			return fmt.Errorf("reading embedded %s: %w", e.Name(), err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			return fmt.Errorf("writing handler %s: %w", e.Name(), err)
		}
	}
	return nil
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return fmt.Errorf("encoding %s: %w", path, err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
