import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '../..');
const dist = process.env.CARETRAIL_DIST ?? 'dist';

/** The short version of test/reliability/kill-during-load.mjs, run on the build jest's global setup compiles from this checkout (test/support/compile-dist.js). */
describe('faults: kill -9 during an 8-client command load', () => {
  it('loses no acknowledged command, breaks no chain, and the read models equal a rebuild', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'kill-during-load.mjs'), '1500'], {
      cwd: root,
      env: { ...process.env, CARETRAIL_DIST: dist },
      timeout: 110_000,
    });
    console.info(stdout);
    expect(stdout).toMatch(/acknowledged but missing 0/);
    expect(stdout.trim().split('\n').pop()).toBe('PASS');
  }, 120_000);
});
