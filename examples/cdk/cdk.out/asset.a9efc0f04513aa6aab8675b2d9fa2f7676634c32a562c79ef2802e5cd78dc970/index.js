// GET /pixel on the HTTP API: a binary answer. The body is base64 with
// isBase64Encoded set, so the API sends the 42 bytes of a 1x1 GIF.
const GIF = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

exports.handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'image/gif' },
  isBase64Encoded: true,
  body: GIF,
});
