// Finds and loads the handler named by _HANDLER ("dir/file.export.path")
// from the task root: CommonJS with require, ES modules (.mjs, or .js under
// a package.json with "type": "module") with dynamic import().
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const { RuntimeError } = require('./errors.cjs');

// splitHandler turns "api/items.list" into the module path "api/items" and
// the export path ["list"].
function splitHandler(handler) {
  const slash = handler.lastIndexOf('/');
  const dir = handler.slice(0, slash + 1);
  const rest = handler.slice(slash + 1);
  const dot = rest.indexOf('.');
  if (dot <= 0 || dot === rest.length - 1) {
    throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  }
  return { modulePath: dir + rest.slice(0, dot), exportPath: rest.slice(dot + 1).split('.') };
}

// isESM says whether a .js file is an ES module by its nearest package.json.
function isESM(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module';
      } catch (err) {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

async function importFile(file) {
  return import(pathToFileURL(file).href);
}

async function loadModule(taskRoot, modulePath) {
  const base = path.resolve(taskRoot, modulePath);
  if (fs.existsSync(base + '.js')) {
    return isESM(base + '.js') ? importFile(base + '.js') : require(base + '.js');
  }
  if (fs.existsSync(base + '.mjs')) return importFile(base + '.mjs');
  if (fs.existsSync(base + '.cjs')) return require(base + '.cjs');
  // A directory with an index.
  let resolved;
  try {
    resolved = require.resolve(base);
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND') throw err;
    throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  }
  return require(resolved);
}

// classify turns a module load failure into the runtime's init error.
function classify(err) {
  if (err instanceof RuntimeError) return err;
  if (err && (err.code === 'MODULE_NOT_FOUND' || err.code === 'ERR_MODULE_NOT_FOUND')) {
    return new RuntimeError('Runtime.ImportModuleError', `Error: ${err.message}`, err);
  }
  if (err instanceof SyntaxError) {
    return new RuntimeError('Runtime.UserCodeSyntaxError', String(err), err);
  }
  return err;
}

// insideRoot says whether the module path stays inside the task root: a
// handler such as "../../elsewhere/x.handler" or "/tmp/x.handler" would
// run code from outside the function's code directory, so it is refused.
function insideRoot(taskRoot, modulePath) {
  const rel = path.relative(path.resolve(taskRoot), path.resolve(taskRoot, modulePath));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function loadHandler(taskRoot, handler) {
  const { modulePath, exportPath } = splitHandler(handler);
  if (!insideRoot(taskRoot, modulePath)) {
    throw new RuntimeError('Runtime.MalformedHandlerName',
      `Bad handler '${handler}': the module must be inside the function's code directory`);
  }
  let mod;
  try {
    mod = await loadModule(taskRoot, modulePath);
  } catch (err) {
    throw classify(err);
  }

  let fn = mod;
  for (const key of exportPath) fn = fn === undefined || fn === null ? undefined : fn[key];
  // An ES module importing CommonJS exposes module.exports as default.
  if (typeof fn !== 'function' && mod && mod.default && exportPath.length === 1) {
    fn = mod.default[exportPath[0]];
  }
  if (typeof fn !== 'function') {
    const name = path.basename(modulePath) + '.' + exportPath.join('.');
    throw new RuntimeError('Runtime.HandlerNotFound', `${name} is undefined or not exported`);
  }
  return fn;
}

module.exports = { loadHandler, splitHandler };
