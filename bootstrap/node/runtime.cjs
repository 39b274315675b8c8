// ldk's runtime client for node: loads the handler named by _HANDLER from
// LAMBDA_TASK_ROOT and loops on the Lambda Runtime API at
// AWS_LAMBDA_RUNTIME_API, one invocation at a time.
'use strict';

const http = require('http');
const path = require('path');
const { pathToFileURL } = require('url');
const { loadHandler } = require('./loader.cjs');
const { makeContext } = require('./context.cjs');
const { patchConsole, setRequestId } = require('./console.cjs');
const { toErrorDoc, JSONStringifyError, RuntimeError } = require('./errors.cjs');

const api = process.env.AWS_LAMBDA_RUNTIME_API || '';
const apiHost = api.slice(0, api.lastIndexOf(':')).replace(/^\[(.*)\]$/, '$1');
const apiPort = api.slice(api.lastIndexOf(':') + 1);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const base = '/2018-06-01/runtime';

// call sends one Runtime API request and resolves with status, headers and body.
function call(method, route, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: apiHost, port: apiPort, method, path: base + route, agent,
      headers: Object.assign({ 'content-type': 'application/json' }, headers) }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
        body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function postError(route, err) {
  const doc = toErrorDoc(err);
  return call('POST', route, JSON.stringify(doc), { 'lambda-runtime-function-error-type': doc.errorType });
}

// runHandler settles with the handler's result, whichever way it reports it:
// a returned promise, a callback, or the legacy context.succeed/fail/done.
function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const waiting = [];
    const onEmptyLoop = (fn) => {
      waiting.push(fn);
      process.once('beforeExit', fn);
    };
    const finish = (err, value) => {
      if (settled) return;
      settled = true;
      for (const fn of waiting) process.removeListener('beforeExit', fn);
      if (err !== null && err !== undefined) reject(err);
      else resolve(value);
    };
    const callback = (err, value) => {
      if (!context.callbackWaitsForEmptyEventLoop) return finish(err, value);
      // As on Lambda, a callback answer waits until the event loop is empty.
      onEmptyLoop(() => finish(err, value));
    };
    context.done = (err, value) => finish(err, value);
    context.succeed = (value) => finish(null, value);
    context.fail = (err) => finish(err === undefined ? new Error('handled') : err);

    let out;
    try {
      out = handler(event, context, callback);
    } catch (err) {
      return finish(err);
    }
    if (out && typeof out.then === 'function') {
      out.then((v) => finish(null, v), (e) => finish(e === undefined ? new Error('handled') : e));
      return;
    }
    // A handler that neither returns a promise nor calls back answers null
    // once the event loop is empty.
    onEmptyLoop(() => finish(null, null));
  });
}

function serialize(value) {
  try {
    return JSON.stringify(value === undefined ? null : value);
  } catch (err) {
    throw new JSONStringifyError();
  }
}

// current is the request id of the invocation in progress, if any.
let current;

async function invokeOnce(handler) {
  const next = await call('GET', '/invocation/next');
  const requestId = next.headers['lambda-runtime-aws-request-id'];
  setRequestId(requestId);
  current = requestId;
  const trace = next.headers['lambda-runtime-trace-id'];
  if (trace) process.env._X_AMZN_TRACE_ID = trace;
  else delete process.env._X_AMZN_TRACE_ID;

  let event;
  let body;
  try {
    event = JSON.parse(next.body.toString('utf8') || 'null');
    const context = makeContext(next.headers);
    body = serialize(await runHandler(handler, event, context));
  } catch (err) {
    current = undefined;
    await postError(`/invocation/${requestId}/error`, err);
    return;
  }
  current = undefined;
  try {
    await call('POST', `/invocation/${requestId}/response`, body);
  } catch (err) {
    // The backend refused or dropped the answer (it reports that to the
    // caller itself); the worker stays up for the next invocation.
    process.stderr.write(`ldk runtime: posting the response of ${requestId}: ${err.message}\n`);
  }
}

// registerLayerHook makes layer packages importable from ES modules (see
// esm-layers.mjs). TODO: node older than 18.19 has no module.register, so
// there an ES module handler cannot import layer packages; CommonJS
// handlers still can through NODE_PATH.
function registerLayerHook() {
  const mod = require('module');
  const dirs = (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean);
  if (dirs.length === 0 || typeof mod.register !== 'function') return;
  mod.register('./esm-layers.mjs', pathToFileURL(__filename), { data: { dirs } });
}

async function main() {
  patchConsole();
  registerLayerHook();

  let handler;
  try {
    handler = await loadHandler(process.env.LAMBDA_TASK_ROOT || process.cwd(), process.env._HANDLER || '');
  } catch (err) {
    console.error(JSON.stringify(toErrorDoc(err)));
    await postError('/init/error', err);
    process.exit(1);
  }

  for (;;) {
    await invokeOnce(handler);
  }
}

// fatal reports an error that escaped the handler, as the invocation's
// error when one is in progress, then ends the worker as Lambda ends the
// sandbox. Outside an invocation the backend sees Runtime.ExitError.
function fatal(err, code) {
  const doc = toErrorDoc(err);
  console.error(`${doc.errorType}: ${doc.errorMessage}`);
  const id = current;
  current = undefined;
  if (id === undefined) process.exit(code);
  call('POST', `/invocation/${id}/error`, JSON.stringify(doc),
    { 'lambda-runtime-function-error-type': doc.errorType })
    .finally(() => process.exit(code));
}

process.on('unhandledRejection', (reason) => {
  fatal(new RuntimeError('Runtime.UnhandledPromiseRejection', String(reason), reason), 128);
});

process.on('uncaughtException', (err) => fatal(err, 129));

main().catch((err) => {
  process.stderr.write(`ldk runtime: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
