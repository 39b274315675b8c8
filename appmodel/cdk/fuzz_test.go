package cdk

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadTemplate feeds arbitrary bytes to the template reader and the
// whole model build: it must never panic, a refused template must come
// with an error diagnostic, and the model must encode as JSON.
func FuzzLoadTemplate(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*", "cdk.out", "*.template.json"))
	apps, _ := filepath.Glob(filepath.Join("..", "..", "cmd", "ldk", "testdata", "*", "cdk.out", "*.template.json"))
	seeds = append(seeds, apps...)
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(resolveTemplate))
	f.Add([]byte(`{"Resources": {"A": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables": {"X": {"Ref": "A"}}}}}}}`))
	f.Add([]byte(`{"Resources": []}`))
	f.Add([]byte(`[`))

	f.Fuzz(func(t *testing.T, data []byte) {
		ld, _, ok := memStack(t, data, Options{})
		if !ok {
			if !ld.diags.HasErrors() {
				t.Fatal("template refused without an error diagnostic")
			}
			return
		}
		ld.build(ld.stacks)
		ld.locateDiagnostics()
		ld.app.Normalize()
		if _, err := json.Marshal(ld.app); err != nil {
			t.Errorf("the model does not encode: %v", err)
		}
	})
}

// FuzzResolve resolves arbitrary JSON expressions against a fixed
// template: it must never panic, and an object never comes out rendered
// the Go way.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		`{"Ref": "Stage"}`,
		`{"Fn::Join": ["-", [{"Ref": "Fn"}, {"Fn::GetAtt": ["Queue", "Arn"]}]]}`,
		`{"Fn::Sub": ["${A}-${Stage}-${Fn.Arn}-${!x}", {"A": {"Fn::Base64": "x"}}]}`,
		`{"Fn::Select": [1, {"Fn::Split": [",", "a,b"]}]}`,
		`{"Fn::If": ["Dev", {"Fn::FindInMap": ["Env", "dev", "Size"]}, {"Ref": "AWS::NoValue"}]}`,
		`{"Fn::And": [{"Condition": "Dev"}, {"Fn::Or": [{"Fn::Equals": [1, "1"]}]}]}`,
		`{"Fn::ImportValue": {"Fn::Sub": "${AWS::StackName}:x"}}`,
		`{"Ref": "SelfA"}`,
		`{"Fn::GetAtt": "Url.FunctionUrl"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		var v any
		if json.Unmarshal([]byte(expr), &v) != nil {
			return
		}
		_, st, ok := memStack(t, []byte(resolveTemplate), Options{})
		if !ok {
			t.Fatal("the fixed template does not load")
		}
		s := st.str(v, "X")
		if strings.HasPrefix(s, "map[") && !strings.Contains(expr, "map[") {
			t.Errorf("resolved to a rendered object: %q", s)
		}
	})
}
