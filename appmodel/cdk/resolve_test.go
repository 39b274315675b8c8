package cdk

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/ldkdev/ldk/appmodel"
)

// resolveTemplate is the template the intrinsic table tests resolve
// against: stack "Test" in account 111111111111, region eu-west-1.
const resolveTemplate = `{
  "Parameters": {
    "Stage": {"Type": "String", "Default": "dev"},
    "Ids": {"Type": "List<String>", "Default": "x,y"},
    "Secret": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/svc/secret"},
    "Token": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/svc/token"}
  },
  "Mappings": {"Env": {"dev": {"Size": 128, "Name": "small"}}},
  "Conditions": {
    "Dev": {"Fn::Equals": ["dev", {"Ref": "Stage"}]},
    "Prod": {"Fn::Not": [{"Condition": "Dev"}]},
    "Both": {"Fn::And": [{"Condition": "Dev"}, {"Condition": "Prod"}]},
    "Either": {"Fn::Or": [{"Condition": "Prod"}, {"Condition": "Dev"}]},
    "Loop": {"Fn::Not": [{"Condition": "Loop"}]}
  },
  "Resources": {
    "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs20.x"}},
    "Named": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "named-fn"}},
    "Alias": {"Type": "AWS::Lambda::Alias", "Properties": {"FunctionName": {"Ref": "Fn"}, "Name": "live"}},
    "Queue": {"Type": "AWS::SQS::Queue"},
    "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": {"Fn::Sub": "${Stage}-orders"}}},
    "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b1"}},
    "Role": {"Type": "AWS::IAM::Role"},
    "Http": {"Type": "AWS::ApiGatewayV2::Api"},
    "Rest": {"Type": "AWS::ApiGateway::RestApi"},
    "Layer": {"Type": "AWS::Lambda::LayerVersion", "Properties": {"LayerName": "libs"}},
    "Url": {"Type": "AWS::Lambda::Url", "Properties": {"TargetFunctionArn": {"Fn::GetAtt": ["Fn", "Arn"]}}},
    "Machine": {"Type": "AWS::StepFunctions::StateMachine"},
    "Widget": {"Type": "AWS::Some::Widget"},
    "SelfA": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::GetAtt": ["SelfB", "QueueName"]}}},
    "SelfB": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": {"Fn::GetAtt": ["SelfA", "QueueName"]}}}
  }
}`

func TestResolve(t *testing.T) {
	tests := []struct {
		name     string
		expr     string
		want     string
		wantDiag string // severity of the one expected diagnostic, "" for none
	}{
		{name: "literal", expr: `"plain"`, want: "plain"},
		{name: "number", expr: `1.5`, want: "1.5"},
		{name: "Ref parameter default", expr: `{"Ref": "Stage"}`, want: "dev"},
		{name: "Ref function", expr: `{"Ref": "Fn"}`, want: "Test-Fn"},
		{name: "Ref named function", expr: `{"Ref": "Named"}`, want: "named-fn"},
		{name: "Ref alias", expr: `{"Ref": "Alias"}`, want: "arn:aws:lambda:eu-west-1:111111111111:function:Test-Fn:live"},
		{name: "Ref queue is its URL", expr: `{"Ref": "Queue"}`, want: "https://sqs.eu-west-1.amazonaws.com/111111111111/Test-Queue"},
		{name: "Ref table with Sub name", expr: `{"Ref": "Table"}`, want: "dev-orders"},
		{name: "Ref generic resource", expr: `{"Ref": "Widget"}`, want: "Test-Widget"},
		{name: "Ref layer", expr: `{"Ref": "Layer"}`, want: "arn:aws:lambda:eu-west-1:111111111111:layer:libs:1"},
		{name: "Ref dangling", expr: `{"Ref": "Nope"}`, want: "${Unresolved:Ref:Nope}", wantDiag: "error"},
		{name: "Ref not a string", expr: `{"Ref": ["Fn"]}`, want: "${Unresolved:Ref:X.Ref}", wantDiag: "error"},
		{name: "pseudo region", expr: `{"Ref": "AWS::Region"}`, want: "eu-west-1"},
		{name: "pseudo stack name", expr: `{"Ref": "AWS::StackName"}`, want: "Test"},
		{name: "GetAtt list", expr: `{"Fn::GetAtt": ["Fn", "Arn"]}`, want: "arn:aws:lambda:eu-west-1:111111111111:function:Test-Fn"},
		{name: "GetAtt dotted", expr: `{"Fn::GetAtt": "Queue.Arn"}`, want: "arn:aws:sqs:eu-west-1:111111111111:Test-Queue"},
		{name: "GetAtt role", expr: `{"Fn::GetAtt": ["Role", "Arn"]}`, want: "arn:aws:iam::111111111111:role/Test-Role"},
		{name: "GetAtt bucket", expr: `{"Fn::GetAtt": ["Bucket", "Arn"]}`, want: "arn:aws:s3:::b1"},
		{name: "GetAtt function URL", expr: `{"Fn::GetAtt": ["Url", "FunctionArn"]}`, want: "arn:aws:lambda:eu-west-1:111111111111:function:Test-Fn"},
		{name: "GetAtt machine name", expr: `{"Fn::GetAtt": ["Machine", "Name"]}`, want: "Test-Machine"},
		{name: "GetAtt dangling", expr: `{"Fn::GetAtt": ["Nope", "Arn"]}`, want: "${Unresolved:GetAtt:Nope.Arn}", wantDiag: "error"},
		{name: "GetAtt unknown attribute", expr: `{"Fn::GetAtt": ["Widget", "Arn"]}`, want: "${Unresolved:GetAtt:Widget.Arn}", wantDiag: "warning"},
		{name: "GetAtt cycle", expr: `{"Ref": "SelfA"}`, want: "https://sqs.eu-west-1.amazonaws.com/111111111111/${Unresolved:Cycle:SelfA}", wantDiag: "error"},
		{name: "Join", expr: `{"Fn::Join": [":", ["a", {"Ref": "Stage"}, 2, true]]}`, want: "a:dev:2:true"},
		{name: "Join of a list parameter", expr: `{"Fn::Join": ["+", {"Ref": "Ids"}]}`, want: "x+y"},
		{name: "Join bad shape", expr: `{"Fn::Join": ["-"]}`, want: "${Unresolved:Join:X.Fn::Join}", wantDiag: "error"},
		{name: "Sub string", expr: `{"Fn::Sub": "${AWS::AccountId}-${Stage}-${Fn.Arn}-${!Keep}"}`, want: "111111111111-dev-arn:aws:lambda:eu-west-1:111111111111:function:Test-Fn-${Keep}"},
		{name: "Sub with variables", expr: `{"Fn::Sub": ["${A}/${Queue}", {"A": {"Ref": "Named"}}]}`, want: "named-fn/https://sqs.eu-west-1.amazonaws.com/111111111111/Test-Queue"},
		{name: "Sub list parameter", expr: `{"Fn::Sub": "${Ids}"}`, want: "x,y"},
		{name: "Sub unknown variable", expr: `{"Fn::Sub": "a${Missing}b"}`, want: "a${Unresolved:Sub:Missing}b", wantDiag: "error"},
		{name: "Sub unclosed", expr: `{"Fn::Sub": "a${Stage"}`, want: "a${Stage", wantDiag: "error"},
		{name: "Select", expr: `{"Fn::Select": ["1", ["a", "b"]]}`, want: "b"},
		{name: "Select out of range", expr: `{"Fn::Select": [5, ["a"]]}`, want: "${Unresolved:Select:X.Fn::Select}", wantDiag: "error"},
		{name: "Split and Select", expr: `{"Fn::Select": [2, {"Fn::Split": [",", "a,b,c"]}]}`, want: "c"},
		{name: "If true", expr: `{"Fn::If": ["Dev", "d", "p"]}`, want: "d"},
		{name: "If false", expr: `{"Fn::If": ["Prod", "d", "p"]}`, want: "p"},
		{name: "If And", expr: `{"Fn::If": ["Both", "y", "n"]}`, want: "n"},
		{name: "If Or", expr: `{"Fn::If": ["Either", "y", "n"]}`, want: "y"},
		{name: "If unknown condition", expr: `{"Fn::If": ["Nope", "y", "n"]}`, want: "n", wantDiag: "error"},
		{name: "If condition cycle", expr: `{"Fn::If": ["Loop", "y", "n"]}`, want: "y", wantDiag: "error"},
		{name: "Equals", expr: `{"Fn::Equals": [{"Ref": "Stage"}, "dev"]}`, want: "true"},
		{name: "FindInMap", expr: `{"Fn::FindInMap": ["Env", {"Ref": "Stage"}, "Size"]}`, want: "128"},
		{name: "FindInMap default", expr: `{"Fn::FindInMap": ["Env", "prod", "Size", {"DefaultValue": "9"}]}`, want: "9"},
		{name: "FindInMap missing", expr: `{"Fn::FindInMap": ["Env", "prod", "Size"]}`, want: "${Unresolved:FindInMap:Env.prod.Size}", wantDiag: "error"},
		{name: "Base64", expr: `{"Fn::Base64": {"Ref": "Stage"}}`, want: "ZGV2"},
		{name: "GetAZs", expr: `{"Fn::Select": [1, {"Fn::GetAZs": {"Ref": "AWS::Region"}}]}`, want: "eu-west-1b"},
		{name: "ImportValue from options", expr: `{"Fn::ImportValue": "Shared:Url"}`, want: "https://given"},
		{name: "ImportValue unknown", expr: `{"Fn::ImportValue": "Nope"}`, want: "${Unresolved:ImportValue:Nope}", wantDiag: "warning"},
		{name: "SSM parameter from options", expr: `{"Ref": "Secret"}`, want: "s3cr3t"},
		{name: "SSM parameter unset", expr: `{"Ref": "Token"}`, want: "${Unresolved:SSM:/svc/token}", wantDiag: "warning"},
		{name: "object where a string belongs", expr: `{"a": 1}`, want: "${Unresolved:NotAString:X}", wantDiag: "error"},
		{name: "NoValue", expr: `{"Ref": "AWS::NoValue"}`, want: ""},
		{name: "dynamic reference from options", expr: `"pw={{resolve:ssm:/svc/secret}};"`, want: "pw=s3cr3t;"},
		{name: "dynamic reference unset", expr: `"{{resolve:secretsmanager:db:SecretString:password}}"`,
			want: "${Unresolved:Dynamic:secretsmanager:db:SecretString:password}", wantDiag: "warning"},
		{name: "dynamic reference unclosed", expr: `"x{{resolve:ssm:/a"`, want: "x{{resolve:ssm:/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := Options{
				Env:        appmodel.Env{Account: "111111111111", Region: "eu-west-1"},
				Parameters: map[string]string{"/svc/secret": "s3cr3t", "Shared:Url": "https://given"},
			}
			ld, st, ok := memStack(t, []byte(resolveTemplate), opts)
			if !ok {
				t.Fatalf("template: %v", ld.diags)
			}
			var expr any
			if err := json.Unmarshal([]byte(tt.expr), &expr); err != nil {
				t.Fatal(err)
			}
			got := st.str(expr, "X")
			if got != tt.want {
				t.Errorf("resolved to %q, want %q", got, tt.want)
			}
			switch {
			case tt.wantDiag == "" && len(ld.diags) > 0:
				t.Errorf("unexpected diagnostics: %v", ld.diags)
			case tt.wantDiag != "" && (len(ld.diags) != 1 || ld.diags[0].Severity != tt.wantDiag):
				t.Errorf("diagnostics = %v, want one %s", ld.diags, tt.wantDiag)
			}
		})
	}
}

// memStack builds a loader and one stack named "Test" from template bytes,
// without a cloud assembly on disk. ok is false when the bytes are not a
// template; the loader's diagnostics say why.
func memStack(t testing.TB, tmpl []byte, opts Options) (*loader, *stack, bool) {
	t.Helper()
	dir := t.TempDir()
	ld := &loader{
		opts:  opts,
		root:  dir,
		cache: filepath.Join(dir, "cache"),
		env:   opts.Env.WithDefaults(),
		app:   &appmodel.App{Source: "cdk", Root: dir},
		seen:  map[string]bool{},
		files: map[string][]byte{},
		funcs: map[string]*fnInfo{},
	}
	st := &stack{
		ld:   ld,
		name: "Test",
		dir:  dir,
		file: filepath.Join(dir, "Test.template.json"),
		env:  ld.env,
	}
	if !ld.useTemplate(st, tmpl) {
		return ld, st, false
	}
	st.constructPaths = map[string]string{}
	ld.stacks = append(ld.stacks, st)
	return ld, st, true
}
