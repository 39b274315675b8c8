package cdk

import (
	"strings"

	"github.com/ldkdev/ldk/appmodel"
)

// nameRule says which property names a resource and how CloudFormation
// generates a name when the template sets none.
type nameRule struct {
	prop  string
	max   int
	lower bool
}

// nameRules lists the resource types whose Ref or GetAtt values are built
// from their name.
var nameRules = map[string]nameRule{
	"AWS::Lambda::Function":            {"FunctionName", 64, false},
	"AWS::Lambda::LayerVersion":        {"LayerName", 140, false},
	"AWS::SQS::Queue":                  {"QueueName", 80, false},
	"AWS::SNS::Topic":                  {"TopicName", 256, false},
	"AWS::DynamoDB::Table":             {"TableName", 255, false},
	"AWS::DynamoDB::GlobalTable":       {"TableName", 255, false},
	"AWS::S3::Bucket":                  {"BucketName", 63, true},
	"AWS::Events::Rule":                {"Name", 64, false},
	"AWS::Events::EventBus":            {"Name", 256, false},
	"AWS::Kinesis::Stream":             {"Name", 128, false},
	"AWS::IAM::Role":                   {"RoleName", 64, false},
	"AWS::IAM::User":                   {"UserName", 64, false},
	"AWS::IAM::ManagedPolicy":          {"ManagedPolicyName", 128, false},
	"AWS::StepFunctions::StateMachine": {"StateMachineName", 80, false},
	"AWS::Logs::LogGroup":              {"LogGroupName", 512, false},
	"AWS::SecretsManager::Secret":      {"Name", 512, false},
	"AWS::SSM::Parameter":              {"Name", 2048, false},
	"AWS::ECR::Repository":             {"RepositoryName", 256, true},
	"AWS::Cognito::UserPool":           {"UserPoolName", 128, false},
	"AWS::ApiGateway::RestApi":         {"Name", 0, false},
	"AWS::ApiGatewayV2::Api":           {"Name", 0, false},
}

// physicalName returns a resource's name: its name property when set,
// else the deterministic name ldk generates.
func (st *stack) physicalName(id string) string {
	if v, ok := st.memoVals["Name "+id].(string); ok {
		return v
	}
	if st.nameBusy[id] {
		st.ld.errorf(st.file, "Resources."+id+".Properties", "break the cycle: a name cannot depend on itself",
			"the name of resource %q depends on itself", id)
		return placeholder("Cycle", id)
	}
	if st.nameBusy == nil {
		st.nameBusy = map[string]bool{}
	}
	st.nameBusy[id] = true
	defer delete(st.nameBusy, id)

	rule, ok := nameRules[st.typeOf(id)]
	if ok && rule.prop != "" {
		if v, set := st.props(id)[rule.prop]; set {
			if s := st.str(v, "Resources."+id+".Properties."+rule.prop); s != "" {
				st.remember("Name "+id, s)
				return s
			}
		}
	}
	name := appmodel.PhysicalName(st.name, id, rule.max)
	if rule.lower {
		name = strings.ToLower(name)
	}
	if st.typeOf(id) == "AWS::SQS::Queue" && isTrue(st.resolve(st.props(id)["FifoQueue"], "")) {
		name = appmodel.PhysicalName(st.name, id, rule.max-len(".fifo")) + ".fifo"
	}
	st.remember("Name "+id, name)
	return name
}

// genID is the deterministic id ldk gives a resource whose id AWS makes
// up at deploy time (API ids, resource ids, integration ids).
func (st *stack) genID(id string, n int) string {
	return appmodel.ShortID(n, st.name, id)
}

// isTrue reports whether a resolved value is true or "true".
func isTrue(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(x, "true")
	}
	return false
}

// functionNameFromARN returns the function name and qualifier inside a
// function ARN, a partial ARN ("account:function:name") or a bare name.
func functionNameFromARN(s string) (name, qualifier string) {
	if i := strings.Index(s, ":function:"); i >= 0 {
		rest := s[i+len(":function:"):]
		name, qualifier, _ = strings.Cut(rest, ":")
		return name, qualifier
	}
	if strings.Contains(s, "/") || strings.HasPrefix(s, "arn:") {
		return "", ""
	}
	name, qualifier, _ = strings.Cut(s, ":")
	return name, qualifier
}

// functionFromURI returns the function name an API Gateway integration
// URI (an invoke ARN or a plain function ARN) targets.
func functionFromURI(uri string) (name, qualifier string) {
	const marker = ":lambda:path/2015-03-31/functions/"
	if i := strings.Index(uri, marker); i >= 0 {
		arn := strings.TrimSuffix(uri[i+len(marker):], "/invocations")
		return functionNameFromARN(arn)
	}
	return functionNameFromARN(uri)
}

// remember stores a computed value under a memo key.
func (st *stack) remember(key string, v any) {
	if st.memoVals == nil {
		st.memoVals, st.memoBusy = map[string]any{}, map[string]bool{}
	}
	st.memoVals[key] = v
}
