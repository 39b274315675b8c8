// POST /items on the HTTP API: echoes the JSON body with status 201 and sets
// two cookies. A body that is not JSON gets a 400.
exports.handler = async (event) => {
  let text = event.body || '';
  if (event.isBase64Encoded) {
    text = Buffer.from(text, 'base64').toString('utf8');
  }
  let item;
  try {
    item = JSON.parse(text);
  } catch {
    return {
      statusCode: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'body must be JSON' }),
    };
  }
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    cookies: ['session=ldk-example; Path=/; HttpOnly', 'theme=dark; Path=/'],
    body: JSON.stringify({ created: item }),
  };
};
