// Answers with the parts of its event the API filled in, so a test sees the
// event exactly as the function got it. Headers are limited to x-*,
// content-type and (payload 1.0) cookie, to leave out what the HTTP client
// adds on its own.
const pick = (headers, withCookie) => {
  if (!headers) return headers;
  const out = {};
  for (const k of Object.keys(headers).sort()) {
    const l = k.toLowerCase();
    if (l.startsWith('x-') || l === 'content-type' || (withCookie && l === 'cookie')) out[k] = headers[k];
  }
  return out;
};

// Invoked directly with {"context": true}, it answers with its context
// object instead.
const contextOf = (context) => ({
  awsRequestId: context.awsRequestId, functionName: context.functionName,
  functionVersion: context.functionVersion, memoryLimitInMB: context.memoryLimitInMB,
  invokedFunctionArn: context.invokedFunctionArn, logGroupName: context.logGroupName,
  clientContext: context.clientContext, remainingOk: context.getRemainingTimeInMillis() > 0,
});

exports.handler = async (event, context) => {
  if (event.context === true) return contextOf(context);
  const rc = event.requestContext || {};
  const seen = event.version === '2.0'
    ? {
      version: event.version, routeKey: event.routeKey, rawPath: event.rawPath,
      rawQueryString: event.rawQueryString, cookies: event.cookies, headers: pick(event.headers, false),
      queryStringParameters: event.queryStringParameters, pathParameters: event.pathParameters,
      method: rc.http && rc.http.method, contextPath: rc.http && rc.http.path, stage: rc.stage,
      routeKeyInContext: rc.routeKey, body: event.body, isBase64Encoded: event.isBase64Encoded,
    }
    : {
      hasVersion: 'version' in event, resource: event.resource, path: event.path,
      httpMethod: event.httpMethod, headers: pick(event.headers, true),
      multiValueHeaders: pick(event.multiValueHeaders, true),
      queryStringParameters: event.queryStringParameters,
      multiValueQueryStringParameters: event.multiValueQueryStringParameters,
      pathParameters: event.pathParameters, stageVariables: event.stageVariables,
      resourcePath: rc.resourcePath, contextPath: rc.path, stage: rc.stage,
      body: event.body, isBase64Encoded: event.isBase64Encoded,
    };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(seen) };
};
