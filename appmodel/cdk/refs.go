package cdk

import (
	"strings"
)

// memo returns the value compute gives for key, computing it once per
// stack. A key asked for while it is being computed is a reference cycle:
// it gives a placeholder and one error.
func (st *stack) memo(key, path string, compute func() any) any {
	if v, ok := st.memoVals[key]; ok {
		return v
	}
	if st.memoBusy[key] {
		st.ld.errorf(st.file, path, "break the cycle: a value cannot depend on itself",
			"%s depends on itself", key)
		return placeholder("Cycle", key)
	}
	if st.memoVals == nil {
		st.memoVals, st.memoBusy = map[string]any{}, map[string]bool{}
	}
	st.memoBusy[key] = true
	v := compute()
	delete(st.memoBusy, key)
	st.memoVals[key] = v
	return v
}

// refResource returns what {"Ref": id} gives for a resource, as the real
// service would.
func (st *stack) refResource(id, path string) any {
	return st.memo("Ref "+id, path, func() any { return st.refValue(id, path) })
}

// refValue computes refResource.
func (st *stack) refValue(id, path string) any {
	e := st.env
	p := st.props(id)
	rp := "Resources." + id + ".Properties"
	switch st.typeOf(id) {
	case "AWS::Lambda::Alias":
		return st.functionARNOf(p["FunctionName"], rp+".FunctionName") + ":" + st.str(p["Name"], rp+".Name")
	case "AWS::Lambda::Version":
		return st.functionARNOf(p["FunctionName"], rp+".FunctionName") + ":1"
	case "AWS::Lambda::LayerVersion":
		return e.LayerARN(st.physicalName(id))
	case "AWS::SQS::Queue":
		return e.QueueURL(st.physicalName(id))
	case "AWS::SNS::Topic":
		return e.ARN("sns", e.Region, e.Account, st.physicalName(id))
	case "AWS::StepFunctions::StateMachine":
		return e.ARN("states", e.Region, e.Account, "stateMachine:"+st.physicalName(id))
	case "AWS::SecretsManager::Secret":
		return e.ARN("secretsmanager", e.Region, e.Account, "secret:"+st.physicalName(id)+"-"+st.genID(id, 6))
	case "AWS::IAM::ManagedPolicy":
		return e.ARN("iam", "", e.Account, "policy/"+st.physicalName(id))
	case "AWS::ApiGatewayV2::Api", "AWS::ApiGateway::RestApi":
		return st.genID(id, 10)
	case "AWS::ApiGatewayV2::Stage", "AWS::ApiGateway::Stage":
		return st.str(p["StageName"], rp+".StageName")
	case "AWS::CloudFormation::Stack":
		if child := st.child(id); child != nil {
			return child.stackARN()
		}
		return placeholder("Ref", id)
	case "AWS::KMS::Key":
		return uuidOf(st.name + "/" + id)
	case "AWS::ApiGateway::Resource", "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Authorizer",
		"AWS::ApiGatewayV2::Integration", "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Authorizer",
		"AWS::ApiGatewayV2::Deployment", "AWS::ApiGateway::Method", "AWS::ApiGateway::ApiKey",
		"AWS::ApiGateway::UsagePlan":
		return st.genID(id, 7)
	case "AWS::Lambda::EventSourceMapping", "AWS::Lambda::Permission":
		return uuidOf(st.name + "/" + id)
	case "AWS::Cognito::UserPool":
		return e.Region + "_" + st.genID(id, 9)
	case "AWS::Cognito::UserPoolClient":
		return st.genID(id, 26)
	}
	return st.physicalName(id)
}

// getAtt returns what Fn::GetAtt gives for a resource attribute, as the
// real service would, or a placeholder and a warning for attributes ldk
// does not model.
func (st *stack) getAtt(id, attr, path string) any {
	return st.memo("GetAtt "+id+"."+attr, path, func() any { return st.attValue(id, attr, path) })
}

// attValue computes getAtt.
func (st *stack) attValue(id, attr, path string) any {
	e := st.env
	name := func() string { return st.physicalName(id) }
	arn := func(service, resource string) string { return e.ARN(service, e.Region, e.Account, resource) }

	switch typ := st.typeOf(id); typ {
	case "AWS::Lambda::Function":
		if attr == "Arn" {
			return e.FunctionARN(name())
		}
	case "AWS::Lambda::Version":
		switch attr {
		case "Version":
			return "1"
		case "FunctionArn":
			return st.functionARNOf(st.props(id)["FunctionName"], "Resources."+id+".Properties.FunctionName")
		}
	case "AWS::Lambda::LayerVersion":
		if attr == "LayerVersionArn" {
			return e.LayerARN(name())
		}
	case "AWS::Lambda::Url":
		switch attr {
		case "FunctionUrl":
			return e.FunctionURLOf(st.genID(id, 32))
		case "FunctionArn":
			return st.str(st.props(id)["TargetFunctionArn"], "Resources."+id+".Properties.TargetFunctionArn")
		}
	case "AWS::Cognito::UserPool":
		// A user pool's ARN ends in its id, the pool's Ref.
		pool, _ := st.refResource(id, path).(string)
		switch attr {
		case "Arn":
			return e.ARN("cognito-idp", e.Region, e.Account, "userpool/"+pool)
		case "ProviderName":
			return "cognito-idp." + e.Region + ".amazonaws.com/" + pool
		case "ProviderURL":
			return "https://cognito-idp." + e.Region + ".amazonaws.com/" + pool
		}
	case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable":
		switch attr {
		case "Arn":
			return arn("dynamodb", "table/"+name())
		case "StreamArn", "LatestStreamArn":
			return arn("dynamodb", "table/"+name()+"/stream/1970-01-01T00:00:00.000")
		}
	case "AWS::SQS::Queue":
		switch attr {
		case "Arn":
			return arn("sqs", name())
		case "QueueName":
			return name()
		case "QueueUrl":
			return e.QueueURL(name())
		}
	case "AWS::SNS::Topic":
		switch attr {
		case "TopicArn":
			return arn("sns", name())
		case "TopicName":
			return name()
		}
	case "AWS::S3::Bucket":
		switch attr {
		case "Arn":
			return e.ARN("s3", "", "", name())
		case "DomainName":
			return name() + ".s3." + e.URLSuffix()
		case "RegionalDomainName":
			return name() + ".s3." + e.Region + "." + e.URLSuffix()
		case "DualStackDomainName":
			return name() + ".s3.dualstack." + e.Region + "." + e.URLSuffix()
		case "WebsiteURL":
			return "http://" + name() + ".s3-website-" + e.Region + "." + e.URLSuffix()
		}
	case "AWS::Events::Rule":
		if attr == "Arn" {
			return arn("events", "rule/"+name())
		}
	case "AWS::Events::EventBus":
		switch attr {
		case "Arn":
			return arn("events", "event-bus/"+name())
		case "Name":
			return name()
		}
	case "AWS::Kinesis::Stream":
		if attr == "Arn" {
			return arn("kinesis", "stream/"+name())
		}
	case "AWS::IAM::Role":
		switch attr {
		case "Arn":
			return e.ARN("iam", "", e.Account, "role/"+name())
		case "RoleId":
			return "AROA" + strings.ToUpper(st.genID(id, 17))
		}
	case "AWS::StepFunctions::StateMachine":
		switch attr {
		case "Arn":
			return arn("states", "stateMachine:"+name())
		case "Name":
			return name()
		}
	case "AWS::ApiGatewayV2::Api":
		switch attr {
		case "ApiEndpoint":
			return e.APIEndpoint(st.genID(id, 10))
		case "ApiId":
			return st.genID(id, 10)
		}
	case "AWS::ApiGateway::RestApi":
		switch attr {
		case "RootResourceId":
			return st.genID(id+"/", 10)
		case "RestApiId":
			return st.genID(id, 10)
		}
	case "AWS::Logs::LogGroup":
		if attr == "Arn" {
			return arn("logs", "log-group:"+name()+":*")
		}
	case "AWS::SecretsManager::Secret":
		if attr == "Id" {
			return st.refResource(id, path)
		}
	case "AWS::CloudFormation::Stack":
		if key, ok := strings.CutPrefix(attr, "Outputs."); ok {
			return st.nestedOutput(id, key, path)
		}
	default:
		_ = typ
	}
	st.ld.warnf(st.file, path, "override the value in ldk.yaml",
		"ldk does not know attribute %s of %s %q", attr, st.typeOf(id), id)
	return placeholder("GetAtt", id+"."+attr)
}

// functionARNOf resolves a FunctionName property (a name, an ARN, or a
// Ref to a function) to the function's unqualified ARN.
func (st *stack) functionARNOf(v any, path string) string {
	s := st.str(v, path)
	if strings.HasPrefix(s, "arn:") {
		name, _ := functionNameFromARN(s)
		return st.env.FunctionARN(name)
	}
	return st.env.FunctionARN(s)
}

// nestedOutput resolves Outputs.<key> of a nested stack resource.
func (st *stack) nestedOutput(id, key, path string) any {
	child := st.child(id)
	if child == nil {
		return placeholder("GetAtt", id+".Outputs."+key)
	}
	if _, ok := child.outputs[key].(map[string]any); !ok {
		st.ld.errorf(st.file, path, "add the output to the nested stack or fix the name",
			"nested stack %q has no output %q", id, key)
		return placeholder("GetAtt", id+".Outputs."+key)
	}
	return child.outputValue(key)
}
