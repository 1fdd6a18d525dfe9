// Run by test/lint/event-store-entries.e2e.ts in a child node process: requires the TypeScript entries
// named on the command line (compiled on the fly with the repository's .swcrc, @caretrail/* paths
// included) and prints, as JSON, every module file then in require.cache.
const Module = require('node:module');
const { readFileSync } = require('node:fs');
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

require('reflect-metadata');
for (const entry of process.argv.slice(2)) require(resolve(root, entry));
process.stdout.write(JSON.stringify(Object.keys(require.cache)));
