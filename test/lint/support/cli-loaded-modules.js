// Run by test/lint/event-store-entries.e2e.ts in a child node process: runs the CLI's entry
// (apps/cli/src/main.ts, compiled on the fly with the repository's .swcrc) with the arguments given,
// as `caretrail <args>` would, and at exit writes every module file then in require.cache, as JSON, to
// the file named by LOADED_MODULES_OUT.
const Module = require('node:module');
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '../../..');
const swc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swc.$schema;
delete swc.exclude;
swc.jsc.baseUrl = root;

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swc, filename, swcrc: false, sourceMaps: false });
  module._compile(code, filename);
};
// The entry's lazy imports name the compiled files ('./commands/x.command.js'); here the sources are .ts.
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request.startsWith('.') && request.endsWith('.js') && parent && !existsSync(resolve(parent.path, request))) {
    return resolveFilename.call(this, request.slice(0, -3) + '.ts', parent, ...rest);
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

process.on('exit', () => writeFileSync(process.env.LOADED_MODULES_OUT, JSON.stringify(Object.keys(require.cache))));
process.argv = [process.argv[0], 'caretrail', ...process.argv.slice(2)];
require(join(root, 'apps/cli/src/main.ts'));
