// GET /config on the HTTP API: shows the environment values the stack filled
// in from other resources (a table, a queue, another function). It returns a
// plain object without statusCode, which the HTTP API answers as a 200 JSON body.
exports.handler = async () => ({
  table: process.env.TABLE_NAME,
  queueUrl: process.env.QUEUE_URL,
  itemsFunction: process.env.ITEMS_FUNCTION,
  greeting: process.env.GREETING,
});
