// Package appmodel is ldk's model of a serverless application: plain data
// that the readers (appmodel/cdk, appmodel/terraform) fill and the host runs.
//
// # JSON form
//
// `ldk ls --json` prints an App with encoding/json. The field names below are
// stable: tools may rely on them. New fields may be added; none is renamed or
// removed without a note in the README.
//
//	{
//	  "source": "cdk" | "terraform",
//	  "root": "/abs/path/of/the/input",
//	  "functions": [{
//	    "name": "orders-get",               // the name the Invoke API takes
//	    "logicalId": "GetOrder56139C72",    // CFN logical ID or Terraform address
//	    "stack": "OrdersStack",
//	    "constructPath": "OrdersStack/GetOrder/Resource",
//	    "arn": "arn:aws:lambda:eu-west-1:111111111111:function:orders-get",
//	    "runtime": "nodejs20.x", "handler": "index.handler",
//	    "codeDir": "/abs/dir",              // LAMBDA_TASK_ROOT
//	    "memoryMB": 128, "timeoutSeconds": 3,
//	    "architecture": "x86_64" | "arm64", "packageType": "Zip" | "Image",
//	    "ephemeralStorageMB": 512, "reservedConcurrency": 5,
//	    "environment": {"K": "V"},          // every value a resolved string
//	    "layers": ["/abs/layer/dir"],       // in /opt extraction order
//	    "runnable": true, "reason": "...",  // reason only when not runnable
//	    "internal": true,                   // only for toolchain-made functions
//	    "aliases": ["live"]                 // only when the input declares aliases
//	  }],
//	  "apis": [{"name","logicalId","stack","kind","id","stage","stageVariables",
//	            "binaryMediaTypes"}],  // REST: types passed base64 ("image/*")
//	  "routes": [{
//	    "api": "OrdersApi", "kind": "http" | "rest",
//	    "method": "GET" | ... | "ANY",
//	    "path": "/orders/{id}" | "/{proxy+}" | "$default",
//	    "function": "orders-get", "payloadVersion": "1.0" | "2.0",
//	    "authorizer": {
//	      "name", "type": "JWT" | "REQUEST" | "TOKEN" | "COGNITO_USER_POOLS" | "AWS_IAM",
//	      "function",                  // Lambda authorizers: the function's name
//	      "identitySource": ["$request.header.Authorization"],
//	      "payloadVersion": "2.0",     // HTTP API Lambda authorizers
//	      "simpleResponses": true,     // HTTP API: {"isAuthorized": bool} answers
//	      "validationExpression": "^Bearer .+$", // REST TOKEN authorizers
//	      "jwtIssuer": "https://...", "jwtAudience": ["client-id"], // JWT
//	      "providerArns": ["arn:aws:cognito-idp:..."]               // Cognito
//	    },
//	    "authorizationScopes": ["orders/read"], // JWT and Cognito routes
//	    "integration": "HTTP_PROXY",  // only on routes no function serves:
//	                                  // "function" is "", the gateway answers 500
//	    "mock": {"status": 204, "headers": {"K": "V"}, "body": ""} // fixed REST MOCK answer
//	  }],
//	  "functionUrls": [{"function","authType","logicalId","qualifier"}],
//	  "eventSources": [{"function","type","source","logicalId","batchSize","detail"}],
//	  "stateMachines": [{"name","logicalId","stack","functions","definition"}],
//	  "layers": [{"name","logicalId","stack","arn","dir","compatibleRuntimes"}],
//	  "unsupported": [{"what","logicalId","stack","reason"}],
//	  "diagnostics": [{"severity","file","line","column","path","message","hint"}]
//	}
//
// Lists are always present (empty, never null), and sorted: functions by
// name, routes by API then path then method, the rest by their first field.
//
// # Unresolved values
//
// A value a reader cannot know without a deployed account (an SSM
// parameter, an import no stack of the app exports, an attribute ldk does
// not model) is written as a readable placeholder, "${Unresolved:<kind>:<what>}"
// (for example "${Unresolved:SSM:/app/db/host}"), and reported by one
// diagnostic whose Path names the resource and property it appears in.
// Such a value is never an object, "[object Object]" or an empty string.
// Diagnostics about a template carry its line and column when known.
//
// # Values Lambda refuses
//
// A memory size, timeout or ephemeral storage size outside Lambda's range
// (see Limit) is a warning, and the model holds the nearest accepted value.
// A function ldk cannot run (code only in S3, a registry image, a missing
// asset) is listed with runnable false and a reason, and a warning at load.
package appmodel
