import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ed25519Verify, keyFingerprint } from './bundle-signer';
import { loadSigningKey, MissingSigningKeyError, SigningKeyError } from './signing-key';

describe("the deployment's signing key", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'caretrail-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated on first use into the key file, mode 0600, and the same key is loaded after', () => {
    const file = join(dir, 'nested', 'signing-key.pem');
    const first = loadSigningKey({ env: { CARETRAIL_SIGNING_KEY_FILE: file } });
    expect(first).toMatchObject({ source: 'generated', file, warnings: [] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = loadSigningKey({ env: { CARETRAIL_SIGNING_KEY_FILE: file } });
    expect(again).toMatchObject({ source: 'file', keyFingerprint: first.keyFingerprint, publicKeyPem: first.publicKeyPem });
    const message = Buffer.from('bundle');
    expect(ed25519Verify(createPublicKey(first.publicKeyPem), message, again.sign(message))).toBe(true);
  });

  it('with create: false, is refused when absent, naming the file, and none is made', () => {
    const file = join(dir, 'nested', 'signing-key.pem');
    const refusal = (() => {
      try {
        loadSigningKey({ env: { CARETRAIL_SIGNING_KEY_FILE: file }, create: false });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(MissingSigningKeyError);
    expect(refusal).toMatchObject({
      file,
      configured: true,
      message: expect.stringContaining(`There is no signing key at ${file} (set by CARETRAIL_SIGNING_KEY_FILE)`),
    });
    expect(() => statSync(join(dir, 'nested'))).toThrow(/ENOENT/);
    const made = loadSigningKey({ env: { CARETRAIL_SIGNING_KEY_FILE: file } });
    expect(loadSigningKey({ env: { CARETRAIL_SIGNING_KEY_FILE: file }, create: false })).toMatchObject({ source: 'file', keyFingerprint: made.keyFingerprint });
  });

  it('has a fingerprint of 16 hex digits: the start of sha256 over the SPKI DER', () => {
    const key = loadSigningKey({ env: { CARETRAIL_SIGNING_KEY_FILE: join(dir, 'k.pem') } });
    const der = createPublicKey(key.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(key.keyFingerprint).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(keyFingerprint(key.publicKeyPem)).toBe(key.keyFingerprint);
  });

  it('comes from CARETRAIL_SIGNING_KEY first, one-line "\\n" escapes allowed, and writes no file then', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const file = join(dir, 'unused.pem');
    for (const text of [pem, pem.replace(/\n/g, '\\n')]) {
      const key = loadSigningKey({ env: { CARETRAIL_SIGNING_KEY: text, CARETRAIL_SIGNING_KEY_FILE: file } });
      expect(key).toMatchObject({ source: 'environment', file: null, keyFingerprint: keyFingerprint(publicKey) });
    }
    expect(() => statSync(file)).toThrow();
  });

  it('refuses a key that is not Ed25519 or not a key, without quoting it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadSigningKey({ env: { CARETRAIL_SIGNING_KEY: rsa } })).toThrow(
      new SigningKeyError('CARETRAIL_SIGNING_KEY holds a rsa key; evidence bundles are signed with Ed25519'),
    );
    const secret = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0IHRoYXQgbXVzdCBub3QgbGVhaw==\n-----END PRIVATE KEY-----\n';
    const file = join(dir, 'bad.pem');
    writeFileSync(file, secret, { mode: 0o600 });
    let message = '';
    try {
      loadSigningKey({ env: { CARETRAIL_SIGNING_KEY_FILE: file } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`The signing key file ${file} does not hold a PEM private key`);
    expect(message).not.toContain('c2VjcmV0');
  });

  it('warns when the key file can be read by others', () => {
    const file = join(dir, 'open.pem');
    loadSigningKey({ env: { CARETRAIL_SIGNING_KEY_FILE: file } });
    chmodSync(file, 0o644);
    expect(loadSigningKey({ env: { CARETRAIL_SIGNING_KEY_FILE: file } }).warnings).toEqual([expect.stringMatching(/can be read by other users/)]);
  });
});
