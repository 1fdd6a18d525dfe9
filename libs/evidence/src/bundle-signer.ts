import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** What the builder needs of a key: the public half to embed, and a way to sign bytes. */
export interface BundleSigner {
  publicKeyPem: string;
  keyFingerprint: string;
  sign(message: Buffer): Buffer;
}

const FINGERPRINT_HEX = 16;

/** First 16 hex digits of sha256 over the key's SPKI DER: short enough to read aloud, long enough to trust. */
export function keyFingerprint(publicKey: KeyObject | string): string {
  return fullKeyDigest(publicKey).slice(0, FINGERPRINT_HEX);
}

/** sha256 (hex) of the SPKI DER; a fingerprint is its first 16 digits, and users may quote more. */
export function fullKeyDigest(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export const publicKeyPem = (key: KeyObject): string => key.export({ type: 'spki', format: 'pem' }).toString();

/** A signer over an Ed25519 private key held in memory. The key never leaves this closure. */
export function ed25519Signer(privateKey: KeyObject): BundleSigner {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('An evidence bundle is signed with an Ed25519 private key');
  }
  const publicKey = createPublicKey(privateKey);
  return {
    publicKeyPem: publicKeyPem(publicKey),
    keyFingerprint: keyFingerprint(publicKey),
    // Ed25519 hashes internally: the algorithm argument must be null.
    sign: (message) => sign(null, message, privateKey),
  };
}

export function ed25519Verify(publicKey: KeyObject, message: Buffer, signature: Buffer): boolean {
  return verify(null, message, publicKey, signature);
}
