// Returns a result API Gateway cannot turn into an HTTP answer: a statusCode
// that is not a number.
exports.handler = async () => ({ statusCode: 'not a status', body: 'x' });
