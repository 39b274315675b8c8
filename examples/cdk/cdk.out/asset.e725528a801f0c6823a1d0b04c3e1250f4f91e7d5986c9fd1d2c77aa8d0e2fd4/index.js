// GET /slow on the HTTP API: waits ?ms= milliseconds (default 0) before it
// answers. The function's timeout is 1 second, so ?ms=3000 times out and the
// API answers 500.
exports.handler = async (event) => {
  const query = event.queryStringParameters || {};
  const ms = Math.max(0, Number.parseInt(query.ms || '0', 10) || 0);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sleptMs: ms }),
  };
};
