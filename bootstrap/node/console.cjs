// console methods write Lambda-style lines:
// <ISO time>\t<request id>\t<LEVEL>\t<message>.
'use strict';

const util = require('util');

let requestId;

function setRequestId(id) {
  requestId = id;
}

function patchConsole() {
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
