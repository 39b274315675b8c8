// GET /hello on the HTTP API: greets ?name= (default "world") with the
// ldk-greeting module from the GreetingLayer and says which route it ran for.
const { greet, layerName } = require('ldk-greeting');

exports.handler = async (event) => {
  const query = event.queryStringParameters || {};
  const name = query.name || 'world';
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: greet(name), routeKey: event.routeKey, layer: layerName }),
  };
};
