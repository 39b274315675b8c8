// Package lambdaapi serves the Lambda Invoke API on loopback, so the AWS
// SDKs and CLI (with --endpoint-url) and one function calling another reach
// the app's functions unchanged.
//
// It answers POST /2015-03-31/functions/{FunctionName}/invocations with the
// function named by a name, "name:qualifier", a partial ARN
// ("123456789012:function:name") or a full ARN, and the
// X-Amz-Invocation-Type, X-Amz-Log-Type and X-Amz-Client-Context headers.
// GetFunction and ListFunctions report the model's functions. Errors carry
// the status, x-amzn-ErrorType and JSON body Lambda sends, so SDKs raise
// their typed exceptions.
//
// # Decisions where AWS is not observable locally
//
//   - Versions and aliases are not modelled: every qualifier runs $LATEST,
//     and X-Amz-Executed-Version is always "$LATEST".
//   - An ARN naming another account or region is a function this endpoint
//     does not have (404 ResourceNotFoundException).
//   - An empty request body is the event {}.
//   - Event invocations wait in a bounded queue served by a few workers; a
//     full queue answers 429 TooManyRequestsException. A failed Event
//     invocation is logged and not retried (Lambda retries it twice).
//   - ListFunctions pages as Lambda does: MaxItems 1 to 10000, at most 50
//     functions a page (the default), NextMarker an opaque token. An
//     X-Amz-Client-Context longer than 3583 bytes is refused with a
//     ValidationException; the limit is Lambda's documented one, the
//     message follows its validation errors.
package lambdaapi
