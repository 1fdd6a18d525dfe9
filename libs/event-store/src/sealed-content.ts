import { writeCanonical } from './canonical-json';
import { sha256Hex } from './sha256';

/**
 * A restricted entry's content, sealed as a part of its own (docs/restricted-entries.md). The event's
 * data holds it under `sealed`: `{ digest, content }`, where digest is the SHA-256 of the content's
 * canonical JSON. The event's hash covers the digest only, so the content can be withheld from a reader
 * (the part keeps its digest, loses its content) and the chain still checks; where the content is
 * present, its digest must match it, so altering it is caught. Events without a `sealed` part hash
 * exactly as they always did.
 */
export const SEALED_KEY = 'sealed';

export interface SealedPart {
  digest: string;
  /** Absent where it was withheld from the reader. */
  content?: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const HEX_64 = /^[0-9a-f]{64}$/;

/** The sealed part of an event's data, when it has one of the sealed shape. */
export function sealedPartOf(data: Record<string, unknown>): SealedPart | undefined {
  const part = data[SEALED_KEY];
  if (!isObject(part) || typeof part['digest'] !== 'string' || !HEX_64.test(part['digest'])) return undefined;
  const keys = Object.keys(part);
  if (keys.some((k) => k !== 'digest' && k !== 'content')) return undefined;
  if (part['content'] !== undefined && !isObject(part['content'])) return undefined;
  return part as unknown as SealedPart;
}

/** The digest a sealed part carries for `content`: SHA-256 of its canonical JSON. */
export function sealedDigest(content: Record<string, unknown>): string {
  const text = writeCanonical(content);
  if (text === undefined) throw new TypeError('Sealed content must be a JSON object');
  return sha256Hex(text);
}

/** Seals `content` for an event's data (`{ ...fields, sealed: sealContent(content) }`). */
export function sealContent(content: Record<string, unknown>): SealedPart {
  return { digest: sealedDigest(content), content };
}

/** The data as its hash covers it: a sealed part by its digest alone; any other data unchanged (the same object). */
export function hashedData(data: Record<string, unknown>): Record<string, unknown> {
  const part = sealedPartOf(data);
  if (!part || part.content === undefined) return data;
  return { ...data, [SEALED_KEY]: { digest: part.digest } };
}

/** Whether the event's sealed content was withheld (its part has a digest and no content). */
export function isWithheld(data: Record<string, unknown>): boolean {
  const part = sealedPartOf(data);
  return part !== undefined && part.content === undefined;
}

/** The data with its sealed content withheld (the digest kept), or the data itself when it has none. */
export function withholdSealed(data: Record<string, unknown>): Record<string, unknown> {
  const part = sealedPartOf(data);
  if (!part || part.content === undefined) return data;
  return { ...data, [SEALED_KEY]: { digest: part.digest } };
}

/** What is wrong with a sealed part whose content is present: its digest does not match it. */
export function sealedContentProblem(data: Record<string, unknown>): string | undefined {
  const part = sealedPartOf(data);
  if (!part || part.content === undefined) return undefined;
  let digest: string;
  try {
    digest = sealedDigest(part.content);
  } catch (error) {
    return `sealed content has no canonical JSON form (${(error as Error).message})`;
  }
  return digest === part.digest ? undefined : `sealed content does not match its digest ${part.digest} (recomputed ${digest})`;
}

/**
 * Seals what a decider left to seal: a `sealed` member holding only `content` (the domain computes no
 * digests) gets its digest here, on the way to the store. Other data is returned unchanged.
 */
export function sealPending(data: Record<string, unknown>): Record<string, unknown> {
  const part = data[SEALED_KEY];
  if (!isObject(part) || part['digest'] !== undefined || !isObject(part['content']) || Object.keys(part).length !== 1) return data;
  return { ...data, [SEALED_KEY]: sealContent(part['content']) };
}
