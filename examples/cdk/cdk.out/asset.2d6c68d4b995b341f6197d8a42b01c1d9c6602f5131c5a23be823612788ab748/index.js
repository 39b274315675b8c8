// ANY /proxy/{proxy+} on the REST API: echoes what API Gateway says about the
// request's path and method.
exports.handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    path: event.path,
    resource: event.resource,
    proxy: event.pathParameters ? event.pathParameters.proxy : null,
    httpMethod: event.httpMethod,
  }),
});
