// The context object handed to node handlers.
'use strict';

function parseJSON(text) {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    return undefined;
  }
}

// makeContext builds the context from the Runtime API headers of one
// invocation and the function's environment.
function makeContext(headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseJSON(headers['lambda-runtime-client-context']),
    identity: parseJSON(headers['lambda-runtime-cognito-identity']),
    getRemainingTimeInMillis() {
      return Math.max(deadline - Date.now(), 0);
    },
  };
}

module.exports = { makeContext };
