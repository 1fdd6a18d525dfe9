#!/usr/bin/env node
'use strict';
/*
 * `node test/bench/long-record.js [--quick] [--backends=sqlite,postgres] [--pg-url=URL] [--samples=N]`:
 * compiles the project and the bench with swc into dist/ (as run-bench.js does), then times a command
 * and a record read on one concern of 100, 1,000 and 10,000 events (quick: 100, 500, 1,000) on each
 * store, with the ratio to the 100-event row. See test/bench/src/long-record.ts and docs/long-records.md.
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const swc = join(root, 'node_modules', '.bin', 'swc');
const outDir = process.env.CARETRAIL_BENCH_DIST ?? join(root, 'dist');
const compiled = spawnSync(swc, ['apps', 'libs', 'test/bench/src', '-d', outDir, '--quiet'], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error('Compiling the bench with swc failed');
  process.exit(compiled.status ?? 1);
}
const env = { ...process.env, NODE_PATH: [join(root, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(':') };
const run = spawnSync(process.execPath, [join(outDir, 'test', 'bench', 'src', 'long-record.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
process.exit(run.status ?? 1);
