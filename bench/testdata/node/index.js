// Hello-world handler of the benchmark: returns at once, so what is
// measured around it is the cost of getting an event in and a result out.
exports.handler = async () => ({ statusCode: 200, body: 'hello' });
