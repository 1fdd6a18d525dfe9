import { canonicalJson } from '@caretrail/event-store';
import { BUNDLE_KEYS } from './bundle-format';

/**
 * The bundle file's text: the top-level sections in reading order (format, manifest, events, ...),
 * everything within them in canonical (RFC 8785) key order, two-space indents, a final newline.
 * One layout per bundle value, so the verifier can hold every byte of the file to it.
 */
export function serializeBundle(bundle: unknown): string {
  const plain = JSON.parse(canonicalJson(bundle)) as unknown;
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) return JSON.stringify(plain, null, 2) + '\n';
  const record = plain as Record<string, unknown>;
  const known: readonly string[] = BUNDLE_KEYS;
  const ordered = [...BUNDLE_KEYS.filter((k) => k in record), ...Object.keys(record).filter((k) => !known.includes(k))];
  return JSON.stringify(Object.fromEntries(ordered.map((k) => [k, record[k]])), null, 2) + '\n';
}
