// Holds its invocation open until a test opens the gate: it creates the
// file named by "started", then waits for the file named by "gate" to
// exist; both come in the event or, through an API, in the query string.
// With a reserved concurrency of 1, a second invocation meanwhile is
// throttled.
const fs = require('fs');

exports.handler = async (event) => {
  const args = event.queryStringParameters || event;
  fs.writeFileSync(args.started, 'taken');
  while (!fs.existsSync(args.gate)) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { opened: true };
};
