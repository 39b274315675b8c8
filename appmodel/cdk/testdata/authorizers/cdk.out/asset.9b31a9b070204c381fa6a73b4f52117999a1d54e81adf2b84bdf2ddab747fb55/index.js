// Answers with what the route's authorizer handed on: the event's
// requestContext.authorizer (integrationLatency, which varies, replaced by
// its type) and, for signed calls, the caller's access key.
exports.handler = async (event) => {
  const rc = event.requestContext || {};
  const auth = rc.authorizer === undefined ? null : rc.authorizer;
  if (auth && typeof auth.integrationLatency === 'number') {
    auth.integrationLatency = 'number';
  }
  const out = { version: event.version || null, authorizer: auth };
  if (rc.identity && rc.identity.accessKey) {
    out.accessKey = rc.identity.accessKey;
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(out),
  };
};
