// Handlers that exercise the node runtime client and the backend.
let count = 0;

exports.counter = async () => {
  count += 1;
  return { count, pid: process.pid };
};

exports.sleep = async (event) => {
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  return { pid: process.pid };
};

exports.spin = async (event) => {
  while (event.spin) {
    // never yields: only a kill ends it
  }
  return { pid: process.pid };
};

exports.exit = async (event) => {
  if (!event.crash) return { pid: process.pid };
  console.log('about to exit');
  process.exit(1);
};

exports.throws = async () => {
  throw new TypeError('boom');
};

exports.circular = async (event) => {
  const a = { ok: true };
  if (event.bad) a.self = a;
  return a;
};

exports.callback = (event, context, callback) => {
  callback(null, { cb: true });
};

exports.callbackError = (event, context, callback) => {
  callback(new RangeError('out of range'));
};

exports.callbackNoWait = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  const t = setTimeout(() => {}, 60000);
  callback(null, { cb: 'no-wait' });
  setImmediate(() => clearTimeout(t));
};

exports.callbackLate = (event, context, callback) => {
  const state = { late: false };
  setTimeout(() => { state.late = true; }, 50);
  callback(null, state);
};

exports.promise = (event) => Promise.resolve({ promised: event.n * 2 });

exports.nested = { deep: async () => ({ nested: true }) };

exports.context = async (event, context) => ({
  awsRequestId: context.awsRequestId,
  functionName: context.functionName,
  functionVersion: context.functionVersion,
  memoryLimitInMB: context.memoryLimitInMB,
  invokedFunctionArn: context.invokedFunctionArn,
  logGroupName: context.logGroupName,
  logStreamName: context.logStreamName,
  callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
  clientContext: context.clientContext,
  identity: context.identity,
  remainingPositive: context.getRemainingTimeInMillis() > 0,
  remainingAtMost: context.getRemainingTimeInMillis() <= 60000,
  env: { trace: process.env._X_AMZN_TRACE_ID, runtimeApi: process.env.AWS_LAMBDA_RUNTIME_API.startsWith('127.0.0.1:'),
    taskRoot: process.env.LAMBDA_TASK_ROOT === process.cwd() },
});

exports.logs = async () => {
  console.log('one', { a: 1 });
  console.error('two');
  process.stdout.write('partial without newline');
  return 'logged';
};

exports.rejectLater = async (event) => {
  if (!event.reject) return { pid: process.pid };
  Promise.reject(new Error('nobody caught me'));
  await new Promise((resolve) => setTimeout(resolve, 5000));
  return 'unreachable';
};

exports.throwLater = (event, context, callback) => {
  if (!event.throw) return callback(null, { pid: process.pid });
  setTimeout(() => { throw new SyntaxError('thrown from a timer'); }, 1);
};

exports.hold = async () => {
  console.log('holding');
  await new Promise((resolve) => setTimeout(resolve, 600000));
};

exports.spawnHold = async () => {
  require('child_process').spawn('sleep', ['301'], { stdio: 'ignore' });
  console.log('holding');
  await new Promise((resolve) => setTimeout(resolve, 600000));
};

exports.flood = async (event) => {
  const line = 'z'.repeat(1023) + '\n';
  for (let i = 0; i < event.kb; i += 1) process.stdout.write(line);
  return { wrote: event.kb };
};

exports.huge = async (event) => (event.mb ? 'h'.repeat(event.mb * 1024 * 1024) : { pid: process.pid });
