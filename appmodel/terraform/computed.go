package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/ldkdev/ldk/appmodel"
)

// withComputed adds the attributes a resource only gets at apply time,
// with the deterministic values ldk uses for the same things elsewhere.
func (l *loader) withComputed(m *module, r *resourceDecl, addr string, v cty.Value) cty.Value {
	e := l.env
	id := appmodel.ShortID(10, "terraform", addr)
	name := func(attrName string) string {
		if n := str(v, attrName); n != "" {
			return n
		}
		if p := str(v, attrName+"_prefix"); p != "" {
			return p + appmodel.ShortID(26, addr)
		}
		return "tf-" + appmodel.ShortID(20, addr)
	}

	if r.data {
		return setAttrs(v, l.dataComputed(m, r, v))
	}
	var add map[string]string
	switch r.typ {
	case "aws_lambda_function":
		fn := str(v, "function_name")
		arn := e.FunctionARN(fn)
		add = map[string]string{
			"id": fn, "arn": arn, "invoke_arn": e.InvokeARN(arn),
			"qualified_arn": arn + ":$LATEST", "qualified_invoke_arn": e.InvokeARN(arn + ":$LATEST"),
			"version": "$LATEST",
		}
	case "aws_lambda_alias":
		fnARN := l.functionARN(str(v, "function_name"))
		arn := fnARN + ":" + str(v, "name")
		add = map[string]string{"id": arn, "arn": arn, "invoke_arn": e.InvokeARN(arn)}
	case "aws_lambda_function_url":
		urlID := appmodel.ShortID(32, "terraform", addr)
		add = map[string]string{"id": str(v, "function_name"), "url_id": urlID, "function_url": e.FunctionURLOf(urlID),
			"function_arn": l.functionARN(str(v, "function_name"))}
	case "aws_lambda_layer_version":
		layer := str(v, "layer_name")
		arn := e.LayerARN(layer)
		add = map[string]string{"id": arn, "arn": arn, "layer_arn": strings.TrimSuffix(arn, ":1"), "version": "1"}
	case "aws_apigatewayv2_api":
		add = map[string]string{"id": id, "api_endpoint": e.APIEndpoint(id),
			"execution_arn": e.ARN("execute-api", e.Region, e.Account, id),
			"arn":           e.ARN("apigateway", e.Region, "", "/apis/"+id)}
	case "aws_apigatewayv2_stage":
		stage := str(v, "name")
		url := e.APIEndpoint(str(v, "api_id")) + "/"
		if stage != "$default" {
			url += stage
		}
		add = map[string]string{"id": stage, "invoke_url": url}
	case "aws_api_gateway_rest_api":
		add = map[string]string{"id": id, "root_resource_id": appmodel.ShortID(10, "terraform", addr, "/"),
			"execution_arn": e.ARN("execute-api", e.Region, e.Account, id),
			"arn":           e.ARN("apigateway", e.Region, "", "/restapis/"+id)}
		l.restPaths[add["root_resource_id"]] = "/"
	case "aws_api_gateway_resource":
		parent := l.restPaths[str(v, "parent_id")]
		path := strings.TrimSuffix(parent, "/") + "/" + str(v, "path_part")
		l.restPaths[id] = path
		add = map[string]string{"id": id, "path": path}
	case "aws_api_gateway_stage", "aws_api_gateway_deployment":
		add = map[string]string{"id": id,
			"invoke_url": e.APIEndpoint(str(v, "rest_api_id")) + "/" + str(v, "stage_name")}
	case "aws_sqs_queue":
		n := name("name")
		add = map[string]string{"name": n, "id": e.QueueURL(n), "url": e.QueueURL(n), "arn": e.ARN("sqs", e.Region, e.Account, n)}
	case "aws_sns_topic":
		arn := e.ARN("sns", e.Region, e.Account, name("name"))
		add = map[string]string{"name": name("name"), "id": arn, "arn": arn}
	case "aws_dynamodb_table":
		arn := e.ARN("dynamodb", e.Region, e.Account, "table/"+str(v, "name"))
		add = map[string]string{"id": str(v, "name"), "arn": arn, "stream_arn": arn + "/stream/1970-01-01T00:00:00.000"}
	case "aws_kinesis_stream":
		arn := e.ARN("kinesis", e.Region, e.Account, "stream/"+str(v, "name"))
		add = map[string]string{"id": arn, "arn": arn}
	case "aws_s3_bucket":
		b := name("bucket")
		add = map[string]string{"bucket": b, "id": b, "arn": "arn:" + e.Partition + ":s3:::" + b}
	case "aws_iam_role", "aws_iam_policy":
		n := name("name")
		kind := strings.TrimPrefix(r.typ, "aws_iam_")
		add = map[string]string{"name": n, "id": n, "arn": e.ARN("iam", "", e.Account, kind+"/"+n)}
	case "aws_cloudwatch_event_rule":
		n := name("name")
		add = map[string]string{"name": n, "id": n, "arn": e.ARN("events", e.Region, e.Account, "rule/"+n)}
	case "aws_cognito_user_pool":
		pool := e.Region + "_" + appmodel.ShortID(9, "terraform", addr)
		add = map[string]string{"id": pool, "arn": e.ARN("cognito-idp", e.Region, e.Account, "userpool/"+pool),
			"endpoint": "cognito-idp." + e.Region + ".amazonaws.com/" + pool}
	case "aws_sfn_state_machine":
		arn := e.ARN("states", e.Region, e.Account, "stateMachine:"+name("name"))
		add = map[string]string{"name": name("name"), "id": arn, "arn": arn}
	case "archive_file":
		add = l.archiveComputed(m, v)
	case "aws_lambda_permission", "aws_cloudwatch_log_group":
		add = map[string]string{"id": str(v, "statement_id") + str(v, "name")}
	default:
		if strings.HasPrefix(r.typ, "aws_apigatewayv2_") || strings.HasPrefix(r.typ, "aws_api_gateway_") {
			add = map[string]string{"id": appmodel.ShortID(7, "terraform", addr)}
		}
	}
	return setAttrs(v, add)
}

// functionARN turns a function name or ARN, as function_name arguments
// take, into an ARN.
func (l *loader) functionARN(nameOrARN string) string {
	if strings.HasPrefix(nameOrARN, "arn:") {
		return nameOrARN
	}
	return l.env.FunctionARN(nameOrARN)
}

// dataComputed returns what the data sources ldk can answer locally read:
// the account, region and partition from Env, and archives.
func (l *loader) dataComputed(m *module, r *resourceDecl, v cty.Value) map[string]string {
	e := l.env
	switch r.typ {
	case "archive_file":
		return l.archiveComputed(m, v)
	case "aws_iam_policy_document":
		return policyDocument(v)
	case "aws_caller_identity":
		return map[string]string{"id": e.Account, "account_id": e.Account,
			"arn": e.ARN("iam", "", e.Account, "root"), "user_id": e.Account}
	case "aws_region":
		return map[string]string{"id": e.Region, "name": e.Region, "region": e.Region,
			"endpoint": "ec2." + e.Region + "." + e.URLSuffix(), "description": e.Region}
	case "aws_partition":
		return map[string]string{"id": e.Partition, "partition": e.Partition,
			"dns_suffix": e.URLSuffix(), "reverse_dns_prefix": "com.amazonaws"}
	case "aws_lambda_function":
		fn := str(v, "function_name")
		arn := l.functionARN(fn)
		return map[string]string{"id": fn, "arn": arn, "invoke_arn": e.InvokeARN(arn)}
	}
	return nil
}
