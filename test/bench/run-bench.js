#!/usr/bin/env node
'use strict';
/*
 * `npm run bench -- [--quick] ...`: installs the peers' own package when missing (it is kept apart from
 * the project's: see peers/package.json), compiles the project and the bench with swc into dist/
 * (as npm run compile does, plus dist/test/bench), then runs the bench in a child node. Options: `--help`.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const args = process.argv.slice(2);
const env = { ...process.env, CARETRAIL_BENCH_ROOT: root };

function run(command, commandArgs, extra = {}) {
  return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env, ...extra });
}

if (!args.includes('--no-peers') && !args.includes('--help')) {
  const peers = join(__dirname, 'peers');
  if (!existsSync(join(peers, 'node_modules'))) {
    console.log('Installing the peers (Emmett) into test/bench/peers: npm ci --prefix test/bench/peers --legacy-peer-deps');
    const started = Date.now();
    const result = run('npm', ['ci', '--prefix', 'test/bench/peers', '--legacy-peer-deps', '--no-audit', '--no-fund'], {
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      const why = (result.stderr || String(result.error || '')).split('\n').filter((l) => /err/i.test(l)).slice(-3).join(' / ');
      env.CARETRAIL_BENCH_PEERS_PROBLEM = `npm ci of test/bench/peers failed (exit ${result.status}): ${why || 'see above'}`;
      console.log(`Peers not installed; the CareTrail and ceiling rows still run. ${env.CARETRAIL_BENCH_PEERS_PROBLEM}`);
    } else {
      console.log(`Peers installed in ${Math.round((Date.now() - started) / 1000)} s`);
    }
  }
}

const swc = join(root, 'node_modules', '.bin', 'swc');
const compiled = run(swc, ['apps', 'libs', 'test/bench/src', '-d', 'dist', '--quiet']);
if (compiled.status !== 0) {
  console.error('Compiling the bench with swc failed');
  process.exit(compiled.status ?? 1);
}

const nodeArgs = ['--expose-gc', ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [])];
const bench = run(process.execPath, [...nodeArgs, join(root, 'dist', 'test', 'bench', 'src', 'bench-main.js'), ...args]);
process.exit(bench.status ?? 1);
