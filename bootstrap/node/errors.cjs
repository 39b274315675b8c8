// Error shapes of the node runtime: {"errorType","errorMessage","trace"}.
'use strict';

class RuntimeError extends Error {
  constructor(name, message, cause) {
    super(message);
    this.name = name;
    if (cause && cause.stack) this.stack = `${name}: ${message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  }
}

class JSONStringifyError extends RuntimeError {
  constructor() {
    super('Runtime.JSONStringifyError', 'Unable to stringify response body');
  }
}

// toErrorDoc renders anything thrown or passed to a callback.
function toErrorDoc(err) {
  if (err instanceof Error || (err && typeof err === 'object' && 'message' in err)) {
    const stack = typeof err.stack === 'string' ? err.stack.split('\n') : [];
    return { errorType: err.name || 'Error', errorMessage: String(err.message), trace: stack };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

module.exports = { RuntimeError, JSONStringifyError, toErrorDoc };
