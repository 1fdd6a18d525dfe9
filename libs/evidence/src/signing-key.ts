import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ed25519Signer, type BundleSigner } from './bundle-signer';

export const DEFAULT_SIGNING_KEY_FILE = './data/signing-key.pem';

export interface SigningKeyOptions {
  /** Default process.env: CARETRAIL_SIGNING_KEY (PEM) or CARETRAIL_SIGNING_KEY_FILE. */
  env?: NodeJS.ProcessEnv;
  /**
   * Make a new key when the key file is absent (default true: the service's first start). False for
   * a command that must sign with the deployment's existing key: it then throws MissingSigningKeyError.
   */
  create?: boolean;
}

/** The deployment's key as a signer, and where it came from (for an operator's notice, never the key). */
export interface DeploymentSigningKey extends BundleSigner {
  source: 'environment' | 'file' | 'generated';
  /** The key file read or written; null when the key came from CARETRAIL_SIGNING_KEY. */
  file: string | null;
  /** Things an operator should fix, e.g. a key file others can read. */
  warnings: string[];
}

export class SigningKeyError extends Error {
  override readonly name: string = 'SigningKeyError';
}

/** There is no key where the configuration points, and none was to be made. */
export class MissingSigningKeyError extends SigningKeyError {
  override readonly name = 'MissingSigningKeyError';
  constructor(
    /** The absolute path looked at. */
    readonly file: string,
    /** Whether CARETRAIL_SIGNING_KEY_FILE named it (else it is the default). */
    readonly configured: boolean,
  ) {
    super(
      `There is no signing key at ${file} (${configured ? 'set by CARETRAIL_SIGNING_KEY_FILE' : `the default ${DEFAULT_SIGNING_KEY_FILE}, as CARETRAIL_SIGNING_KEY_FILE is not set`}): ` +
        "set CARETRAIL_SIGNING_KEY_FILE (or CARETRAIL_SIGNING_KEY) to the deployment's key, so that bundles are signed with the key readers trust",
    );
  }
}

function parsePrivateKey(pem: string, from: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    // The parser's message is dropped on purpose: nothing about the key's text goes to a log.
    throw new SigningKeyError(`${from} does not hold a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`${from} holds a ${key.asymmetricKeyType ?? 'unknown'} key; evidence bundles are signed with Ed25519`);
  }
  return key;
}

const privatePem = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();

/**
 * Writes a new key with mode 0600, refusing to overwrite: when two processes start together the
 * loser reads the winner's key instead of signing with one that is then lost.
 */
function generateKeyFile(file: string): KeyObject | null {
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, privatePem(privateKey), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw new SigningKeyError(`Could not write a new signing key to ${file}: ${(error as Error).message}`);
  }
  return privateKey;
}

/**
 * The deployment's Ed25519 key: CARETRAIL_SIGNING_KEY (a PKCS#8 PEM, literal "\n" allowed for
 * one-line environments) wins; otherwise the file at CARETRAIL_SIGNING_KEY_FILE (default
 * ./data/signing-key.pem), generated there on first use when absent, as the issue asks ("generated
 * on first start if not configured"), unless `create` is false.
 */
export function loadSigningKey(options: SigningKeyOptions = {}): DeploymentSigningKey {
  const env = options.env ?? process.env;
  const inline = env.CARETRAIL_SIGNING_KEY?.trim();
  if (inline) {
    const key = parsePrivateKey(inline.replace(/\\n/g, '\n'), 'CARETRAIL_SIGNING_KEY');
    return { ...ed25519Signer(key), source: 'environment', file: null, warnings: [] };
  }
  const file = resolve(env.CARETRAIL_SIGNING_KEY_FILE?.trim() || DEFAULT_SIGNING_KEY_FILE);
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new SigningKeyError(`Could not read the signing key file ${file}: ${(error as Error).message}`);
    }
  }
  if (text === null) {
    if (options.create === false) throw new MissingSigningKeyError(file, Boolean(env.CARETRAIL_SIGNING_KEY_FILE?.trim()));
    const generated = generateKeyFile(file);
    if (generated) return { ...ed25519Signer(generated), source: 'generated', file, warnings: [] };
    text = readFileSync(file, 'utf8');
  }
  const key = parsePrivateKey(text, `The signing key file ${file}`);
  const warnings: string[] = [];
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    warnings.push(`The signing key file ${file} can be read by other users; restrict it with chmod 600`);
  }
  return { ...ed25519Signer(key), source: 'file', file, warnings };
}
