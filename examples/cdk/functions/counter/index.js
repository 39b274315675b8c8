// The function URL's handler. n lives in module state, so it survives between
// invocations on a warm worker and starts again at 0 on a cold one.
let n = 0;

exports.handler = async (event) => {
  n++;
  const http = (event.requestContext && event.requestContext.http) || {};
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      count: n,
      method: http.method || null,
      path: event.rawPath || null,
      routeKey: event.routeKey || null,
    }),
  };
};
