// Invokes calls-callee through the Invoke API ldk serves, found where the
// AWS SDKs look for it: AWS_ENDPOINT_URL_LAMBDA. Node's own fetch stands in
// for an SDK client; the request is the SDK's Invoke call.
exports.handler = async (event) => {
  const endpoint = process.env.AWS_ENDPOINT_URL_LAMBDA;
  const n = Number((event.queryStringParameters || {}).n || event.n || 1);
  const res = await fetch(`${endpoint}/2015-03-31/functions/${process.env.CALLEE}/invocations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ n }),
  });
  const answer = await res.json();
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      endpointHost: new URL(endpoint).hostname,
      status: res.status,
      version: res.headers.get('x-amz-executed-version'),
      answer,
    }),
  };
};
