// A module resolution hook that lets ES modules import packages from layers.
// ES modules ignore NODE_PATH, so when the default resolver cannot find a
// bare specifier ("greeter"), the hook retries from each layer's
// node_modules directory in layer order, as if the importer lived there.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let dirs = [];

export async function initialize(data) {
  dirs = (data && data.dirs) || [];
}

function isBare(specifier) {
  return !/^(\.{0,2}\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(specifier);
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    if (err.code !== 'ERR_MODULE_NOT_FOUND' || !isBare(specifier)) throw err;
    for (const dir of dirs) {
      const parentURL = pathToFileURL(path.join(dir, 'ldk-layer-importer.mjs')).href;
      try {
        return await nextResolve(specifier, { ...context, parentURL });
      } catch (inner) {
        if (inner.code !== 'ERR_MODULE_NOT_FOUND') throw inner;
      }
    }
    throw err;
  }
}
