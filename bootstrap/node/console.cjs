// console methods write Lambda-style lines:
// <ISO time>\t<request id>\t<LEVEL>\t<message>.
'use strict';

const util = require('util');

let requestId;

function setRequestId(id) {
  requestId = id;
}

// blockOutput makes writes to stdout and stderr synchronous. Node queues
// writes to a pipe in memory, so without it a handler that writes a lot
// returns before its output reaches the pipe: the lines would land after
// the invocation's END line, tagged with the next request, and a worker
// killed at a timeout would lose them.
function blockOutput() {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream._handle && typeof stream._handle.setBlocking === 'function') {
      stream._handle.setBlocking(true);
    }
  }
}

function patchConsole() {
  blockOutput();
  const levels = [['log', 'INFO', process.stdout], ['info', 'INFO', process.stdout],
    ['debug', 'DEBUG', process.stdout], ['warn', 'WARN', process.stderr],
    ['error', 'ERROR', process.stderr], ['trace', 'TRACE', process.stderr]];
  for (const [method, level, stream] of levels) {
    console[method] = (...args) => {
      let msg = util.format(...args);
      if (method === 'trace') msg = new Error(msg).stack.replace(/^Error/, 'Trace');
      stream.write(`${new Date().toISOString()}\t${requestId}\t${level}\t${msg}\n`);
    };
  }
}

module.exports = { patchConsole, setRequestId };
