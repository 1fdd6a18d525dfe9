import { createPublicKey, type KeyObject } from 'node:crypto';
import { SIGNATURE_ALGORITHM, SIGNATURE_KEYS } from './bundle-format';
import { signedBytes } from './bundle-content';
import { ed25519Verify, fullKeyDigest, keyFingerprint, publicKeyPem } from './bundle-signer';
import { emptyCheck, type CheckResult } from './verification-report';

export interface TrustedSigner {
  /** The deployment's public key (SPKI PEM): the signature must verify with it. */
  publicKey?: string | KeyObject;
  /** Or its fingerprint: 16 or more hex digits of sha256 over the key's SPKI DER (colons and spaces ignored). */
  fingerprint?: string;
}

export class TrustedSignerError extends Error {
  override readonly name = 'TrustedSignerError';
}

/** The trusted key or fingerprint, checked before any bundle is looked at. */
export function parseTrustedSigner(trusted: TrustedSigner): { key: KeyObject | null; digestPrefix: string | null } {
  let key: KeyObject | null = null;
  if (trusted.publicKey !== undefined) {
    try {
      key = typeof trusted.publicKey === 'string' ? createPublicKey(trusted.publicKey) : trusted.publicKey;
    } catch {
      throw new TrustedSignerError('The trusted public key is not a PEM public key');
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new TrustedSignerError('The trusted public key is not an Ed25519 key');
  }
  let digestPrefix: string | null = null;
  if (trusted.fingerprint !== undefined) {
    digestPrefix = trusted.fingerprint.toLowerCase().replace(/[\s:]/g, '');
    if (!/^[0-9a-f]{16,64}$/.test(digestPrefix)) throw new TrustedSignerError('A fingerprint is 16 to 64 hex digits');
  }
  return { key, digestPrefix };
}

const STRICT_SIGNATURE_BASE64 = /^[A-Za-z0-9+/]{86}==$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SignatureCheck extends CheckResult {
  keyFingerprint: string | null;
  signerTrusted: boolean | null;
}

/**
 * The signature over the canonical JSON of everything else, with the trusted key when one is given
 * (so a bundle re-signed with another key and carrying that key fails), else the embedded key. Every
 * field is held to its one exact form: a PEM or base64 text that decodes to the same bytes in
 * another spelling is still an altered byte.
 */
export function checkSignature(bundle: Record<string, unknown>, trusted: TrustedSigner = {}): SignatureCheck {
  const result: SignatureCheck = { ...emptyCheck(), keyFingerprint: null, signerTrusted: null };
  const fail = (where: string, problem: string) => result.problems.push({ where, problem });
  const anchor = parseTrustedSigner(trusted);
  const signature = bundle['signature'];
  if (!isRecord(signature)) {
    fail('signature', 'missing or not an object');
    return result;
  }
  for (const key of Object.keys(signature)) {
    if (!(SIGNATURE_KEYS as readonly string[]).includes(key)) fail(`signature.${key}`, 'unexpected field');
  }
  if (signature['algorithm'] !== SIGNATURE_ALGORITHM)
    fail('signature.algorithm', `must be ${SIGNATURE_ALGORITHM}, not ${JSON.stringify(signature['algorithm'])}`);

  let embedded: KeyObject | null = null;
  const pem = signature['publicKey'];
  try {
    if (typeof pem !== 'string') throw new Error();
    embedded = createPublicKey(pem);
  } catch {
    fail('signature.publicKey', 'not a PEM public key');
  }
  if (embedded && embedded.asymmetricKeyType !== 'ed25519') {
    fail('signature.publicKey', `a ${embedded.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
    embedded = null;
  }
  if (embedded && publicKeyPem(embedded) !== pem) fail('signature.publicKey', 'not in the standard SPKI PEM form the key is written in');
  if (embedded) {
    result.keyFingerprint = keyFingerprint(embedded);
    if (signature['keyFingerprint'] !== result.keyFingerprint) {
      fail(
        'signature.keyFingerprint',
        `${JSON.stringify(signature['keyFingerprint'])} is not the fingerprint of signature.publicKey (${result.keyFingerprint})`,
      );
    }
  }

  if (anchor.key) {
    const trustedDigest = fullKeyDigest(anchor.key);
    result.signerTrusted = embedded !== null && fullKeyDigest(embedded) === trustedDigest;
    if (!result.signerTrusted) {
      fail('signature.publicKey', `not the trusted key (bundle key ${result.keyFingerprint ?? 'unreadable'}, trusted key ${trustedDigest.slice(0, 16)})`);
    }
  } else if (anchor.digestPrefix) {
    result.signerTrusted = embedded !== null && fullKeyDigest(embedded).startsWith(anchor.digestPrefix);
    if (!result.signerTrusted) {
      fail('signature.publicKey', `its fingerprint ${result.keyFingerprint ?? '(unreadable key)'} is not the trusted fingerprint ${anchor.digestPrefix}`);
    }
  }

  const value = signature['value'];
  let bytes: Buffer | null = null;
  if (typeof value !== 'string' || !STRICT_SIGNATURE_BASE64.test(value) || Buffer.from(value, 'base64').toString('base64') !== value) {
    fail('signature.value', 'not the base64 of a 64-byte Ed25519 signature');
  } else {
    bytes = Buffer.from(value, 'base64');
  }

  const key = anchor.key ?? embedded;
  if (bytes && key) {
    let message: Buffer | null = null;
    try {
      message = signedBytes(bundle);
    } catch (error) {
      fail('signature', `the signed content has no canonical JSON form (${(error as Error).message})`);
    }
    if (message) {
      if (ed25519Verify(key, message, bytes)) {
        const whose = anchor.key ? 'the trusted key' : result.signerTrusted ? 'the key with the trusted fingerprint' : 'the key embedded in the bundle';
        result.passed.push(`signature: Ed25519 over the canonical JSON of the bundle verifies with ${whose} (${keyFingerprint(key)})`);
      } else {
        fail('signature', `does not verify${anchor.key ? ' with the trusted key' : ''}: the signed content (or the signature) was altered`);
      }
    }
  }
  if (result.signerTrusted === null && result.keyFingerprint) {
    result.notes.push(
      `No trusted key was given: the signature shows the bundle is unchanged since key ${result.keyFingerprint} signed it, ` +
        "not that the key is the deployment's. Compare that fingerprint with the one the deployment publishes, or pass --fingerprint or --public-key.",
    );
  }
  return result;
}
