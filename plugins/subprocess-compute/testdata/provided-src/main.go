// A provided.al2023 function built with aws-lambda-go, for the backend's
// tests: it answers with what it got and where it runs.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

type event struct {
	Name string `json:"name"`
}

type answer struct {
	Hello     string `json:"hello"`
	RequestID string `json:"requestId"`
	Function  string `json:"function"`
	Handler   string `json:"handler"`
}

func handle(ctx context.Context, e event) (answer, error) {
	lc, _ := lambdacontext.FromContext(ctx)

	return answer{Hello: e.Name, RequestID: lc.AwsRequestID,
		Function: os.Getenv("AWS_LAMBDA_FUNCTION_NAME"), Handler: os.Getenv("_HANDLER")}, nil
}

func main() { lambda.Start(handle) }
