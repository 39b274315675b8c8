// Misbehaves as the event asks: an API request names the action in the
// query string (?do=...), an Invoke API call in the payload ({"do": ...}).
let calls = 0;

function action(event) {
  if (event.queryStringParameters && event.queryStringParameters.do) {
    return event.queryStringParameters.do;
  }
  return event.do || "ok";
}

exports.handler = async (event) => {
  calls++;
  const what = action(event);
  switch (what) {
    case "spin":
      for (;;) {}
    case "exit":
      process.exit(1);
    case "alloc": {
      // Touch every page so the memory is really resident.
      const mb = Number(event.mb || (event.queryStringParameters || {}).mb || 1536);
      const chunks = [];
      for (let i = 0; i < mb; i++) chunks.push(Buffer.alloc(1 << 20, 1));
      return { allocatedMB: chunks.length };
    }
    case "flood": {
      // 50 MB to stdout in 64 KB lines.
      const line = "x".repeat(65535);
      for (let i = 0; i < 800; i++) process.stdout.write(line + "\n");
      return { flooded: 800 };
    }
    case "sleep":
      // A tag asks the worker to say who it is before it sleeps, so a test
      // can find the process serving this very invocation.
      if (event.tag) console.log(`${event.tag} sleeping in pid ${process.pid}`);
      await new Promise((r) => setTimeout(r, Number(event.ms || (event.queryStringParameters || {}).ms || 50)));
      return { slept: true, pid: process.pid };
    case "fail":
      throw new TypeError("asked to fail");
    case "pid":
      return { pid: process.pid, calls };
    case "hang":
      await new Promise(() => {});
    default:
      if (event.requestContext) {
        return { statusCode: 200, body: JSON.stringify({ ok: true, route: event.routeKey, len: (event.body || "").length }) };
      }
      return { ok: true, greeting: process.env.GREETING, calls };
  }
};
