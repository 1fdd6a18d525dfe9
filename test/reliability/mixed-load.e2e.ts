import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '../..');
const dist = process.env.CARETRAIL_DIST ?? 'dist';

/**
 * The short version of test/reliability/mixed-load.mjs, run on the build jest's global setup compiles from this checkout (test/support/compile-dist.js): commands
 * and timeline reads together from 8 clients for 9 s on SQLite. Correctness only (every answer 2xx);
 * speed and memory are figures of the full 60 s run, never asserted on a shared machine.
 */
describe('load: commands and timeline reads together', () => {
  it('answers every request of an 8-client mixed load with 2xx', async () => {
    let stdout: string;
    try {
      ({ stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'mixed-load.mjs'), '--seconds', '7', '--warmup-seconds', '2'], {
        cwd: root,
        env: { ...process.env, CARETRAIL_DIST: dist },
        timeout: 110_000,
      }));
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`mixed-load.mjs failed: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`);
    }
    console.info(stdout);
    for (const kind of ['command-comment', 'command-raise', 'timeline-concern', 'timeline-service']) {
      expect(stdout).toMatch(new RegExp(`${kind} +[1-9]\\d* requests .* errors 0\\n`));
    }
    expect(stdout).toMatch(/all +[1-9]\d* requests .* errors 0 \(warm-up: [1-9]\d* ok, 0 errors\)/);
    expect(stdout.trim().split('\n').pop()).toBe('PASS');
  }, 120_000);
});
