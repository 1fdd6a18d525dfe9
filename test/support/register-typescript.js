// Lets a worker thread or a child process require the repository's TypeScript (jest's transform does not
// reach them): the same swc options as jest.config.js, and @caretrail/<lib> (and @caretrail/event-store/<adapter>)
// resolved as jest's moduleNameMapper does.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '../..');
const swc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swc.$schema;
delete swc.exclude;
swc.jsc.baseUrl = root;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = /^@caretrail\/([a-z-]+)$/.exec(request);
  const adapter = /^@caretrail\/event-store\/([a-z]+)$/.exec(request);
  const target = lib ? join(root, 'libs', lib[1], 'src', 'index.ts') : adapter ? join(root, 'libs', 'event-store', 'src', adapter[1], 'index.ts') : request;
  return resolveFilename.call(this, target, ...rest);
};

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swc, filename, swcrc: false, sourceMaps: 'inline' });
  module._compile(code, filename);
};
