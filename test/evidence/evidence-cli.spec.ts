import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadSigningKey, serializeBundle, type EvidenceBundle } from '@caretrail/evidence';
import { registerExportBundleCommand } from '../../apps/cli/src/commands/export-bundle.command';
import { registerVerifyBundleCommand } from '../../apps/cli/src/commands/verify-bundle.command';
import { DEMO_IDS, seedDemoRecord, type DemoRecord } from './support/demo-record';

/**
 * The two commands end to end, in process: parsed by commander as `caretrail` parses them, reading
 * the configured store (a temp SQLite file holding the demo story) and writing real files.
 */
describe('caretrail export and caretrail verify', () => {
  let demo: DemoRecord;
  let keyFile: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    demo = await seedDemoRecord();
    keyFile = join(demo.dir, 'keys', 'signing-key.pem');
    Object.assign(process.env, { CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: demo.file, CARETRAIL_SIGNING_KEY_FILE: keyFile });
    delete process.env.CARETRAIL_SIGNING_KEY;
  }, 60_000);
  afterAll(() => {
    process.env = saved;
    demo.close();
  });
  afterEach(() => {
    process.exitCode = undefined;
    jest.restoreAllMocks();
  });

  /** Runs `caretrail <args>`, capturing what it writes; the exit code is process.exitCode as main leaves it. */
  async function caretrail(...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    let stdout = '';
    let stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    const program = new Command().name('caretrail').exitOverride();
    registerExportBundleCommand(program);
    registerVerifyBundleCommand(program);
    process.exitCode = undefined;
    try {
      await program.parseAsync(['node', 'caretrail', ...args]);
    } finally {
      jest.restoreAllMocks();
    }
    return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
  }

  it("refuses to export without the deployment's key, naming the path and the variable, and makes none", async () => {
    const out = join(demo.dir, 'unsigned.json');
    await expect(caretrail('export', '--scope', 'concern', '--id', DEMO_IDS.documentationConcern, '--out', out)).rejects.toThrow(
      `There is no signing key at ${keyFile} (set by CARETRAIL_SIGNING_KEY_FILE): set CARETRAIL_SIGNING_KEY_FILE (or CARETRAIL_SIGNING_KEY) to the deployment's key`,
    );
    await expect(caretrail('export', '--scope', 'concern', '--id', DEMO_IDS.documentationConcern, '--out', out)).rejects.toThrow(
      /or pass --create-key to make a new key there/,
    );
    expect(existsSync(keyFile)).toBe(false);
    expect(existsSync(out)).toBe(false);

    // Unset, the variable's default is named, resolved against the folder the command runs in.
    const file = process.env.CARETRAIL_SIGNING_KEY_FILE;
    delete process.env.CARETRAIL_SIGNING_KEY_FILE;
    const cwd = process.cwd();
    process.chdir(demo.dir);
    try {
      await expect(caretrail('export', '--scope', 'concern', '--id', DEMO_IDS.documentationConcern, '--out', out)).rejects.toThrow(
        `There is no signing key at ${join(demo.dir, 'data', 'signing-key.pem')} (the default ./data/signing-key.pem, as CARETRAIL_SIGNING_KEY_FILE is not set)`,
      );
      expect(existsSync(join(demo.dir, 'data'))).toBe(false);
    } finally {
      process.chdir(cwd);
      process.env.CARETRAIL_SIGNING_KEY_FILE = file;
    }
  });

  it('refuses a store that is not there, before making any key, and creates no file', async () => {
    const file = process.env.CARETRAIL_SQLITE_FILE;
    const mistyped = join(demo.dir, 'evnets.db');
    process.env.CARETRAIL_SQLITE_FILE = mistyped;
    try {
      await expect(caretrail('export', '--scope', 'concern', '--id', DEMO_IDS.documentationConcern, '--create-key')).rejects.toThrow(
        `There is no CareTrail store at ${mistyped} (set by CARETRAIL_SQLITE_FILE): check the path. Nothing was created`,
      );
    } finally {
      process.env.CARETRAIL_SQLITE_FILE = file;
    }
    expect(existsSync(mistyped)).toBe(false);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('exports a concern (with --create-key, making the key, mode 0600), and verify passes with its fingerprint and its public key', async () => {
    const out = join(demo.dir, 'concern.json');
    const html = join(demo.dir, 'concern.html');
    const exported = await caretrail('export', '--scope', 'concern', '--id', DEMO_IDS.documentationConcern, '--out', out, '--html', html, '--create-key');
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toMatch(/Generated the deployment's signing key at .*signing-key\.pem \(fingerprint [0-9a-f]{16}\)/);
    expect(exported.stderr).toMatch(/Exported concern .*: 42 events in 2 streams/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(exported.stderr).not.toMatch(/PRIVATE KEY/);

    const key = loadSigningKey({ env: process.env });
    expect(key.source).toBe('file');
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as EvidenceBundle;
    expect(bundle.signature.keyFingerprint).toBe(key.keyFingerprint);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>\n<html lang="en-GB">/);

    const verified = await caretrail('verify', out, '--fingerprint', key.keyFingerprint);
    expect(verified.exitCode).toBe(0);
    expect(verified.stdout).toMatch(/: VERIFIED and signed by the trusted key/);
    expect(verified.stdout).toMatch(/✓ measures: all ten recomputed/);

    const publicKey = join(demo.dir, 'public-key.pem');
    writeFileSync(publicKey, key.publicKeyPem);
    expect((await caretrail('verify', out, '--public-key', publicKey)).exitCode).toBe(0);
    const untrusted = await caretrail('verify', out);
    expect(untrusted.exitCode).toBe(0);
    expect(untrusted.stdout).toMatch(/No trusted key was given/);
  });

  it('verify exits 1 and names the place when one byte of the file changed', async () => {
    const out = join(demo.dir, 'service.json');
    await caretrail('export', '--scope', 'service', '--id', DEMO_IDS.mapleCourt, '--out', out);
    const text = readFileSync(out, 'utf8');
    const at = text.indexOf('Daily records incomplete');
    writeFileSync(out, text.slice(0, at) + 'd' + text.slice(at + 1));
    const failed = await caretrail('verify', out);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toMatch(/: FAILED, \d+ problems/);
    expect(failed.stdout).toMatch(/✗ events\[\d+\] \(stream concern-[^,]+, version 1\): hash \w+ does not match its content/);
    expect(failed.stdout).toMatch(/✗ signature: does not verify/);

    const json = await caretrail('verify', out, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false });
  });

  it('exports a provider as of a date to standard output, on the occurred basis', async () => {
    const result = await caretrail('export', '--scope', 'provider', '--id', DEMO_IDS.provider, '--as-of', '2025-03-31', '--basis', 'occurred');
    const bundle = JSON.parse(result.stdout) as EvidenceBundle;
    expect(bundle.manifest).toMatchObject({
      scope: { kind: 'provider', id: DEMO_IDS.provider },
      asOf: '2025-03-31',
      basis: 'occurred',
      measuredOn: '2025-03-31',
    });
    expect(serializeBundle(bundle)).toBe(result.stdout);
    const file = join(demo.dir, 'provider.json');
    writeFileSync(file, result.stdout);
    expect((await caretrail('verify', file)).exitCode).toBe(0);
  });

  it("exports the council's own clocks with the concern, and verify recomputes the measures with them", async () => {
    const withClocks = await seedDemoRecord({
      councilClocks: { clocks: { acknowledgeWithinWorkingDays: 1 }, occurredAt: '2025-03-03T09:00:00.000Z', recordedAt: '2025-03-03T09:05:00.000Z' },
    });
    const file = process.env.CARETRAIL_SQLITE_FILE;
    process.env.CARETRAIL_SQLITE_FILE = withClocks.file;
    try {
      const out = join(withClocks.dir, 'concern.json');
      const exported = await caretrail('export', '--scope', 'concern', '--id', DEMO_IDS.documentationConcern, '--as-of', '2025-04-30', '--out', out);
      expect(exported.stderr).toMatch(/: \d+ events in 3 streams \(with the clock settings of 1 council\)/);
      const bundle = JSON.parse(readFileSync(out, 'utf8')) as EvidenceBundle;
      expect(bundle.manifest.councilClockStreams).toEqual([`organisation-${DEMO_IDS.council}`]);
      expect(bundle.measures.timeToAcknowledge.byConcern[0].waits[0]).toMatchObject({ workingDays: 2, status: 'late' });
      const verified = await caretrail('verify', out);
      expect(verified.exitCode).toBe(0);
      expect(verified.stdout).toMatch(
        /✓ measures: all ten recomputed from the events on 2025-04-30 with the clock settings of 1 council carried in the bundle/,
      );
      expect(verified.stdout).toMatch(/1 council clock setting \(.+\) from its council's own stream judge the measures/);
    } finally {
      process.env.CARETRAIL_SQLITE_FILE = file;
      withClocks.close();
    }
  });

  it('refuses an unknown record, a basis without a date and an unknown scope kind', async () => {
    await expect(caretrail('export', '--scope', 'concern', '--id', 'no-such-concern')).rejects.toThrow('No concern no-such-concern in this store');
    await expect(caretrail('export', '--scope', 'service', '--id', DEMO_IDS.mapleCourt, '--basis', 'occurred')).rejects.toThrow('--basis needs --as-of');
    await expect(caretrail('export', '--scope', 'council', '--id', 'x')).rejects.toThrow(/Allowed choices are provider, service, concern/);
    expect(existsSync(join(demo.dir, 'nothing.json'))).toBe(false);
  });
});
