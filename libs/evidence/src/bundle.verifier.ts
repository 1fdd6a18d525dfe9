import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BUNDLE_KEYS, READABLE_FORMAT_VERSIONS, type BundleFormatVersion } from './bundle-format';
import { serializeBundle } from './bundle-layout';
import { checkEvents } from './bundle-events.check';
import { checkManifest } from './bundle-manifest.check';
import { checkRecomputation } from './bundle-recompute.check';
import { withheldEventIds } from './restricted-events';
import { childPath } from './json-diff';
import { checkSignature, parseTrustedSigner, type TrustedSigner } from './bundle-signature.check';
import type { BundleProblem, BundleVerificationReport, CheckResult } from './verification-report';

export type VerifyBundleOptions = TrustedSigner;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Negative zero is the one JSON number whose canonical form (0) is another number: hashes and the
 * signature cannot see it, so it is refused wherever it appears.
 */
function negativeZeros(value: unknown, path: string, out: BundleProblem[] = []): BundleProblem[] {
  if (Object.is(value, -0)) out.push({ where: path, problem: '-0 is not a canonical number (hashes and the signature read it as 0)' });
  else if (Array.isArray(value)) value.forEach((v, i) => negativeZeros(v, childPath(path, i), out));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) negativeZeros(v, childPath(path, k), out);
  return out;
}

function report(checks: readonly CheckResult[], extra: Partial<BundleVerificationReport> = {}): BundleVerificationReport {
  const problems = checks.flatMap((c) => c.problems);
  return {
    ok: problems.length === 0,
    problems,
    passed: checks.flatMap((c) => c.passed),
    notes: checks.flatMap((c) => c.notes),
    scope: null,
    keyFingerprint: null,
    signerTrusted: null,
    ...extra,
  };
}

/**
 * Verifies a parsed bundle offline, with nothing but the bundle (and, better, the deployment's
 * public key or fingerprint): the signature, every stream's hash chain, the manifest, and the
 * timeline and measures recomputed from the events. Every check runs, so the report names every
 * place that was altered, not just the first. Throws only for a malformed trusted key.
 */
export function verifyBundle(bundle: unknown, options: VerifyBundleOptions = {}): BundleVerificationReport {
  parseTrustedSigner(options);
  if (!isRecord(bundle)) return report([{ problems: [{ where: 'bundle', problem: 'not a JSON object' }], passed: [], notes: [] }]);
  const shape: BundleProblem[] = [];
  if (bundle['format'] !== BUNDLE_FORMAT) shape.push({ where: 'format', problem: `${JSON.stringify(bundle['format'])} is not ${BUNDLE_FORMAT}` });
  const readable = READABLE_FORMAT_VERSIONS.includes(bundle['formatVersion'] as BundleFormatVersion);
  if (!readable)
    shape.push({
      where: 'formatVersion',
      problem: `${JSON.stringify(bundle['formatVersion'])}; this verifier reads versions ${READABLE_FORMAT_VERSIONS.join(' and ')}`,
    });
  // An unreadable version is held to the current format's rules.
  const version: BundleFormatVersion = readable ? (bundle['formatVersion'] as BundleFormatVersion) : BUNDLE_FORMAT_VERSION;
  for (const key of Object.keys(bundle)) if (!(BUNDLE_KEYS as readonly string[]).includes(key)) shape.push({ where: key, problem: 'unexpected section' });
  for (const [key, value] of Object.entries(bundle)) negativeZeros(value, key, shape);

  const signature = checkSignature(bundle, options);
  const events = checkEvents(bundle['events']);
  const manifest = checkManifest(bundle, events, version);
  const recomputed = checkRecomputation(bundle, manifest.facts, events.wellFormed);
  const notes = version === 1 ? ["A format 1 bundle: it carries no council's clock settings, so its measures use the platform default clocks"] : [];
  // Restricted entries whose content the bundle's reader may not see: hashes and chains checked without it.
  const withheld = withheldEventIds(events.events);
  if (withheld.length > 0)
    notes.push(
      `${withheld.length} restricted ${withheld.length === 1 ? 'entry has its' : 'entries have their'} content withheld (${withheld.join(', ')}): checked by the digest the hash covers`,
    );
  return report([{ problems: shape, passed: [], notes }, signature, events, manifest, recomputed], {
    scope: manifest.facts.scope,
    keyFingerprint: signature.keyFingerprint,
    signerTrusted: signature.signerTrusted,
  });
}

/** Line and column (from 1) of a character offset, for pointing at a place in the file. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * Verifies a bundle file's text: it must parse, and be laid out exactly as serializeBundle lays out
 * its value, so that no byte can change, not even whitespace or an escape's spelling, without the
 * verification failing. Then the value is verified.
 */
export function verifyBundleText(text: string, options: VerifyBundleOptions = {}): BundleVerificationReport {
  parseTrustedSigner(options);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? `file (${lineAndColumn(text, Number(at[1]))})` : 'file';
    return report([{ problems: [{ where, problem: `not valid JSON: ${message}` }], passed: [], notes: [] }]);
  }
  const layout: BundleProblem[] = [];
  let expected: string | null = null;
  try {
    expected = serializeBundle(value);
  } catch (error) {
    layout.push({ where: 'file', problem: `has no canonical JSON form (${(error as Error).message})` });
  }
  if (expected !== null && expected !== text) {
    let i = 0;
    while (i < text.length && text[i] === expected[i]) i++;
    layout.push({
      where: `file (${lineAndColumn(text, i)}, character ${i})`,
      problem: 'the layout differs from the one bundle files are written in (whitespace, key order or escapes were changed)',
    });
  }
  const verified = verifyBundle(value, options);
  return { ...verified, ok: verified.ok && layout.length === 0, problems: [...layout, ...verified.problems] };
}

/** Verifies the bytes of a bundle file: they must be UTF-8, then as verifyBundleText. */
export function verifyBundleBytes(bytes: Uint8Array, options: VerifyBundleOptions = {}): BundleVerificationReport {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    parseTrustedSigner(options);
    return report([{ problems: [{ where: 'file', problem: 'not valid UTF-8' }], passed: [], notes: [] }]);
  }
  return verifyBundleText(text, options);
}
