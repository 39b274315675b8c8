// The classic way to run a handler: one fresh node process per invocation,
// the event as JSON on stdin, the result as JSON on stdout.
//
// With "--own N" it instead loads the handler once, calls it N times with
// the event and prints the median time of one call in nanoseconds: the
// handler's own time, measured inside the process.
const { handler } = require('./index.js');

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

async function main() {
  const event = JSON.parse((await readStdin()) || '{}');
  const context = { functionName: 'classic', awsRequestId: 'classic' };
  if (process.argv[2] === '--own') {
    const n = parseInt(process.argv[3], 10);
    const times = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      await handler(event, context);
      times.push(Number(process.hrtime.bigint() - t0));
    }
    times.sort((a, b) => a - b);
    process.stdout.write(String(times[Math.floor(n / 2)]) + '\n');
    return;
  }
  const result = await handler(event, context);
  process.stdout.write(JSON.stringify(result));
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
