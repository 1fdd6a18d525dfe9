// jest's global setup: compiles apps/ and libs/ into dist/ (or CARETRAIL_DIST) as `npm run compile`
// does, once per run, before any test file. The reliability tests spawn the built API and read the
// store through the built libraries (test/reliability/*.mjs): without this they would run whatever an
// earlier build left there, an older version of the code or none at all. swc takes a few seconds.
const { spawnSync } = require('node:child_process');
const { join, resolve } = require('node:path');

module.exports = function compileDist() {
  const root = resolve(__dirname, '../..');
  const out = process.env.CARETRAIL_DIST ?? 'dist';
  const swc = join(root, 'node_modules', '.bin', 'swc');
  const result = spawnSync(swc, ['apps', 'libs', '-d', out, '--quiet'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`compiling apps/ and libs/ into ${out}/ for the tests failed (exit ${result.status}): ${result.stderr || result.error}`);
  }
};
