import { createHash } from 'node:crypto';
import type { LocalDate } from '@caretrail/domain';
import { canonicalJson, eventHash, type RecordedEvent } from '@caretrail/event-store';
import {
  checkSignature,
  EVENT_KEYS,
  parseTrustedSigner,
  SIGNATURE_ALGORITHM,
  signedBytes,
  type BundleProblem,
  type BundleSigner,
  type BundleVerificationReport,
  type TrustedSigner,
} from '@caretrail/evidence';
import { basisOf, type Clocks, type ReplayBasis } from '@caretrail/timeline';
import { computeCouncilReport, reportSelection } from './council-report';
import type { CouncilReport } from './report-model';
import { parseReportPeriod, type ReportPeriod } from './report-period';

export const REPORT_BUNDLE_FORMAT = 'caretrail-report-bundle';
/**
 * 2: the report carries `byTag` (issue 16 item 4). Version 1 bundles (signed before it) still verify:
 * their report is recomputed as version 1 computed it, without `byTag`.
 */
export const REPORT_BUNDLE_FORMAT_VERSION = 2;
const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2];
type ReportBundleFormatVersion = 1 | 2;

/** The report as a bundle of `version` holds it: version 1 reports had no `byTag`. */
function reportAsOfVersion(report: CouncilReport, version: ReportBundleFormatVersion): CouncilReport {
  if (version >= 2) return report;
  const { byTag: _byTag, ...older } = report;
  return older as CouncilReport;
}
const REPORT_BUNDLE_KEYS = ['format', 'formatVersion', 'manifest', 'events', 'report', 'signature'] as const;

export interface ReportBundleManifest {
  councilId: string;
  /** The period as named (`2025`, `2025-Q2`, `2025-26`, `from..to`): the verifier reads it the same way. */
  period: string;
  asOf: LocalDate | null;
  basis: ReplayBasis | null;
  /** The day the report was made on: the evaluation date of a live report. */
  today: LocalDate;
  generatedAt: string;
  generatedBy: string;
  /** The organisations' names the report uses (organisations are public). */
  organisationNames: Record<string, string>;
  clocks: Partial<Clocks>;
  eventCount: number;
  sectionDigests: { events: string; report: string };
  contentDigest: string;
}

export interface ReportBundle {
  format: typeof REPORT_BUNDLE_FORMAT;
  formatVersion: ReportBundleFormatVersion;
  manifest: ReportBundleManifest;
  /** The events the report was computed from (the as-of selection), each with its hash and its stream link. */
  events: RecordedEvent[];
  report: CouncilReport;
  signature: { algorithm: typeof SIGNATURE_ALGORITHM; publicKey: string; keyFingerprint: string; value: string };
}

export interface BuildReportBundleInput {
  councilId: string;
  events: readonly RecordedEvent[];
  period: ReportPeriod;
  asOf: LocalDate | null;
  basis: ReplayBasis | null;
  today: LocalDate;
  organisationNames: Readonly<Record<string, string>>;
  clocks?: Partial<Clocks>;
  generatedAt: string;
  generatedBy: string;
  signer: BundleSigner;
  /** The format to write: the current one unless told (an older one only to show that older bundles still verify). */
  formatVersion?: ReportBundleFormatVersion;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const plain = <T>(value: T): T => JSON.parse(canonicalJson(value)) as T;
const envelopeOf = (e: RecordedEvent): RecordedEvent => plain(Object.fromEntries(EVENT_KEYS.map((k) => [k, e[k]])) as unknown as RecordedEvent);
const digests = (events: unknown, report: unknown) => ({
  sectionDigests: { events: sha256Hex(canonicalJson(events)), report: sha256Hex(canonicalJson(report)) },
  contentDigest: sha256Hex(canonicalJson({ events, report })),
});

/** The file's text: sections in reading order, everything within them in canonical key order, two-space indents. */
export function serializeReportBundle(bundle: unknown): string {
  const value = JSON.parse(canonicalJson(bundle)) as Record<string, unknown>;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value, null, 2) + '\n';
  const known: readonly string[] = REPORT_BUNDLE_KEYS;
  const keys = [...REPORT_BUNDLE_KEYS.filter((k) => k in value), ...Object.keys(value).filter((k) => !known.includes(k))];
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, value[k]])), null, 2) + '\n';
}

/**
 * A council report as a signed bundle: the events it was computed from with their hashes, the
 * report, the inputs besides the events (period, date, basis, names, clocks), and an Ed25519
 * signature with the deployment's key over it all, so a panel member can check every figure offline.
 */
export function buildReportBundle(input: BuildReportBundleInput): ReportBundle {
  const basis = basisOf(input.asOf, input.basis);
  const events = reportSelection(input.events, input.asOf, basis)
    .sort((a, b) => a.globalPosition - b.globalPosition)
    .map(envelopeOf);
  const names = Object.fromEntries(Object.entries(input.organisationNames).sort(([a], [b]) => a.localeCompare(b)));
  const clocks = plain(input.clocks ?? {});
  const formatVersion = input.formatVersion ?? REPORT_BUNDLE_FORMAT_VERSION;
  const report = plain(
    reportAsOfVersion(
      computeCouncilReport({
        councilId: input.councilId,
        events,
        period: input.period,
        asOf: input.asOf,
        basis,
        today: input.today,
        organisationNames: names,
        clocks,
      }),
      formatVersion,
    ),
  );
  const manifest: ReportBundleManifest = {
    councilId: input.councilId,
    period: input.period.label,
    asOf: input.asOf,
    basis,
    today: input.today,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    organisationNames: names,
    clocks,
    eventCount: events.length,
    ...digests(events, report),
  };
  const unsigned = plain({ format: REPORT_BUNDLE_FORMAT, formatVersion, manifest, events, report });
  return {
    ...unsigned,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      publicKey: input.signer.publicKeyPem,
      keyFingerprint: input.signer.keyFingerprint,
      value: input.signer.sign(signedBytes(unsigned)).toString('base64'),
    },
  } as ReportBundle;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first place two JSON values differ, as a path (report.current.concerns.raised.value). */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (canonicalJson(a) === canonicalJson(b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return path;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return path;
}

function checkEvents(events: unknown, problems: BundleProblem[]): RecordedEvent[] {
  if (!Array.isArray(events)) {
    problems.push({ where: 'events', problem: 'missing or not a list' });
    return [];
  }
  const seen = new Set<string>();
  const last = new Map<string, RecordedEvent>();
  events.forEach((e: RecordedEvent, i) => {
    const where = `events[${i}]${isRecord(e) ? ` (stream ${String(e.streamId)}, version ${String(e.streamVersion)})` : ''}`;
    if (!isRecord(e)) return problems.push({ where, problem: 'not an event' });
    if (seen.has(e.eventId)) problems.push({ where, problem: `event ${e.eventId} appears twice` });
    seen.add(e.eventId);
    try {
      const recomputed = eventHash(e, e.previousHash, e.streamVersion);
      if (recomputed !== e.hash)
        problems.push({ where, problem: `hash ${String(e.hash)} does not match its content (recomputed ${recomputed}): the event was altered` });
    } catch (error) {
      problems.push({ where, problem: `cannot be hashed (${(error as Error).message})` });
    }
    const before = last.get(e.streamId);
    if (before && before.streamVersion + 1 === e.streamVersion && e.previousHash !== before.hash) {
      problems.push({ where, problem: `previousHash does not match the hash of version ${before.streamVersion} before it` });
    }
    if (before && e.streamVersion <= before.streamVersion) problems.push({ where, problem: `stream version ${e.streamVersion} after ${before.streamVersion}` });
    last.set(e.streamId, e);
  });
  return events as RecordedEvent[];
}

/**
 * Verifies a report bundle offline: the signature (with the trusted key or fingerprint when given),
 * every event's hash over its content and its link to the event before it, the manifest's digests,
 * and the report recomputed from the events by the same pure functions. Every check runs.
 */
export function verifyReportBundle(bundle: unknown, trusted: TrustedSigner = {}): BundleVerificationReport {
  parseTrustedSigner(trusted);
  const problems: BundleProblem[] = [];
  const passed: string[] = [];
  const notes: string[] = [];
  const done = (extra: Partial<BundleVerificationReport> = {}): BundleVerificationReport => ({
    ok: problems.length === 0,
    problems,
    passed,
    notes,
    scope: null,
    keyFingerprint: null,
    signerTrusted: null,
    ...extra,
  });
  if (!isRecord(bundle)) {
    problems.push({ where: 'bundle', problem: 'not a JSON object' });
    return done();
  }
  if (bundle['format'] !== REPORT_BUNDLE_FORMAT)
    problems.push({ where: 'format', problem: `${JSON.stringify(bundle['format'])} is not ${REPORT_BUNDLE_FORMAT}` });
  const formatVersion = bundle['formatVersion'];
  if (typeof formatVersion !== 'number' || !READABLE_FORMAT_VERSIONS.includes(formatVersion)) {
    problems.push({
      where: 'formatVersion',
      problem: `${JSON.stringify(formatVersion)}; this verifier reads versions ${READABLE_FORMAT_VERSIONS.join(' and ')}`,
    });
  }
  for (const key of Object.keys(bundle))
    if (!(REPORT_BUNDLE_KEYS as readonly string[]).includes(key)) problems.push({ where: key, problem: 'unexpected section' });

  const signature = checkSignature(bundle, trusted);
  problems.push(...signature.problems);
  passed.push(...signature.passed);
  notes.push(...signature.notes);

  const before = problems.length;
  const events = checkEvents(bundle['events'], problems);
  if (problems.length === before)
    passed.push(`events: ${events.length} events, each hash recomputed from its content and linked to the event before it in its stream`);

  const manifest = bundle['manifest'];
  if (!isRecord(manifest)) {
    problems.push({ where: 'manifest', problem: 'missing or not an object' });
    return done({ keyFingerprint: signature.keyFingerprint, signerTrusted: signature.signerTrusted });
  }
  const expected = digests(bundle['events'], bundle['report']);
  const given = manifest['sectionDigests'] as Record<string, unknown> | undefined;
  for (const section of ['events', 'report'] as const) {
    if (!isRecord(given) || given[section] !== expected.sectionDigests[section])
      problems.push({
        where: `manifest.sectionDigests.${section}`,
        problem: `does not match the ${section} section (its digest is ${expected.sectionDigests[section]})`,
      });
  }
  if (manifest['contentDigest'] !== expected.contentDigest)
    problems.push({ where: 'manifest.contentDigest', problem: `does not match the content (its digest is ${expected.contentDigest})` });
  if (manifest['eventCount'] !== events.length)
    problems.push({ where: 'manifest.eventCount', problem: `${JSON.stringify(manifest['eventCount'])}, but the bundle holds ${events.length} events` });

  try {
    const recomputed = plain(
      reportAsOfVersion(
        computeCouncilReport({
          councilId: String(manifest['councilId']),
          events,
          period: parseReportPeriod(String(manifest['period'])),
          asOf: (manifest['asOf'] as string | null) ?? null,
          basis: (manifest['basis'] as ReplayBasis | null) ?? null,
          today: String(manifest['today']),
          organisationNames: (manifest['organisationNames'] ?? {}) as Record<string, string>,
          clocks: (manifest['clocks'] ?? {}) as Partial<Clocks>,
        }),
        formatVersion === 1 ? 1 : 2,
      ),
    );
    const where = firstDifference(bundle['report'], recomputed, 'report');
    if (where) problems.push({ where, problem: 'differs from the report recomputed from the events: a figure (or the events it comes from) was altered' });
    else passed.push('report: every figure recomputed from the events by the same functions as the live report, and equal');
  } catch (error) {
    problems.push({ where: 'report', problem: `cannot be recomputed from the manifest and events (${(error as Error).message})` });
  }
  return done({ keyFingerprint: signature.keyFingerprint, signerTrusted: signature.signerTrusted });
}

/** Verifies a report bundle file's text: valid JSON, laid out exactly as written, then its value. */
export function verifyReportBundleText(text: string, trusted: TrustedSigner = {}): BundleVerificationReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    parseTrustedSigner(trusted);
    return {
      ok: false,
      problems: [{ where: 'file', problem: `not valid JSON: ${(error as Error).message}` }],
      passed: [],
      notes: [],
      scope: null,
      keyFingerprint: null,
      signerTrusted: null,
    };
  }
  const report = verifyReportBundle(value, trusted);
  let layout: string | null = null;
  try {
    layout =
      serializeReportBundle(value) === text
        ? null
        : 'the layout differs from the one report bundles are written in (whitespace, key order or escapes were changed)';
  } catch (error) {
    layout = `has no canonical JSON form (${(error as Error).message})`;
  }
  return layout ? { ...report, ok: false, problems: [{ where: 'file', problem: layout }, ...report.problems] } : report;
}

/** Whether a file's bytes are a report bundle (rather than an evidence bundle), by its format field. */
export function isReportBundleText(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return isRecord(value) && value['format'] === REPORT_BUNDLE_FORMAT;
  } catch {
    return false;
  }
}

/** Plain-text report for the CLI, in the words of the evidence verifier. */
export function formatReportVerification(report: BundleVerificationReport, bundle: unknown, file?: string): string {
  const m = isRecord(bundle) && isRecord(bundle['manifest']) ? bundle['manifest'] : null;
  const what = m
    ? ` (council ${String(m['councilId'])}, period ${String(m['period'])}${m['asOf'] ? `, as of ${String(m['asOf'])} (${String(m['basis'])})` : ''})`
    : '';
  const subject = `Report bundle${file ? ` ${file}` : ''}${what}`;
  const lines = [
    report.ok
      ? `${subject}: VERIFIED${report.signerTrusted ? ' and signed by the trusted key' : ''}`
      : `${subject}: FAILED, ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`,
  ];
  if (report.keyFingerprint) lines.push(`Signing key fingerprint: ${report.keyFingerprint}`);
  if (report.problems.length) lines.push('', 'Problems:', ...report.problems.map((p) => `  ✗ ${p.where}: ${p.problem}`));
  if (report.passed.length) lines.push('', 'Checks that held:', ...report.passed.map((p) => `  ✓ ${p}`));
  if (report.notes.length) lines.push('', 'Notes:', ...report.notes.map((n) => `  - ${n}`));
  return lines.join('\n') + '\n';
}
