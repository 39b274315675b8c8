package appmodel

import (
	"crypto/sha256"
	"fmt"
	"strings"
)

// Defaults used when the input does not say which account and region a
// stack deploys to. Both can be changed in ldk.yaml.
const (
	DefaultAccount   = "123456789012"
	DefaultRegion    = "us-east-1"
	DefaultPartition = "aws"
)

// Env is the account, region and partition values resolve against.
type Env struct {
	Account   string
	Region    string
	Partition string
}

// WithDefaults fills empty fields from the package defaults.
func (e Env) WithDefaults() Env {
	if e.Account == "" {
		e.Account = DefaultAccount
	}
	if e.Region == "" {
		e.Region = DefaultRegion
	}
	if e.Partition == "" {
		e.Partition = DefaultPartition
	}
	return e
}

// URLSuffix is the partition's domain suffix (AWS::URLSuffix).
func (e Env) URLSuffix() string {
	if e.Partition == "aws-cn" {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}

// ARN builds "arn:<partition>:<service>:<region>:<account>:<resource>".
func (e Env) ARN(service, region, account, resource string) string {
	return fmt.Sprintf("arn:%s:%s:%s:%s:%s", e.Partition, service, region, account, resource)
}

// FunctionARN is the ARN of a function with the given name.
func (e Env) FunctionARN(name string) string {
	return e.ARN("lambda", e.Region, e.Account, "function:"+name)
}

// LayerARN is the ARN of version 1 of a layer with the given name.
func (e Env) LayerARN(name string) string {
	return e.ARN("lambda", e.Region, e.Account, "layer:"+name+":1")
}

// InvokeARN is the API Gateway integration URI of a function ARN, the value
// of aws_lambda_function.invoke_arn and of CDK's integration Uri.
func (e Env) InvokeARN(functionARN string) string {
	return fmt.Sprintf("arn:%s:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations",
		e.Partition, e.Region, functionARN)
}

// QueueURL is the URL of an SQS queue with the given name.
func (e Env) QueueURL(name string) string {
	return fmt.Sprintf("https://sqs.%s.%s/%s/%s", e.Region, e.URLSuffix(), e.Account, name)
}

// APIEndpoint is the default endpoint of an API Gateway API with the given id.
func (e Env) APIEndpoint(apiID string) string {
	return fmt.Sprintf("https://%s.execute-api.%s.%s", apiID, e.Region, e.URLSuffix())
}

// FunctionURLOf is the URL of a function URL with the given url id.
func (e Env) FunctionURLOf(urlID string) string {
	return fmt.Sprintf("https://%s.lambda-url.%s.on.aws/", urlID, e.Region)
}

// ShortID derives a deterministic lower-case id of n characters (at most
// 52) from the given parts, for resources whose real id AWS generates at
// deploy time (API ids, function URL ids).
func ShortID(n int, parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	out := make([]byte, 0, n)
	for i := 0; i < n && i < len(sum); i++ {
		out = append(out, alphabet[int(sum[i])%len(alphabet)])
	}
	return string(out)
}

// PhysicalName is the deterministic name ldk gives a resource whose template
// sets none: "<stack>-<logicalId>", as CloudFormation does minus its random
// suffix, cut to max characters (0 for no limit).
func PhysicalName(stack, logicalID string, max int) string {
	name := logicalID
	if stack != "" {
		name = stack + "-" + logicalID
	}
	if max > 0 && len(name) > max {
		name = name[:max]
	}
	return name
}
