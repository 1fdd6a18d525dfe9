import type { LocalDate, OrganisationKind } from '@caretrail/domain';
import { ORGANISATION_KINDS } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { DEFAULT_CLOCKS, isLocalDate, REPLAY_BASES, toLondonDate, type ReplayBasis } from '@caretrail/timeline';
import { BUNDLE_SCOPE_KINDS, MANIFEST_KEYS, type BundleScope, type ComputedWith } from './bundle-format';
import { contentDigest, sectionDigests, selectedEvents, streamRuns } from './bundle-content';
import { describeScope, scopeStreamId, scopeStreamIds } from './bundle-scope';
import { brief, jsonDifferences } from './json-diff';
import { emptyCheck, type CheckResult } from './verification-report';
import type { EventsCheck } from './bundle-events.check';

/** What the recomputation needs from a manifest that passed its checks; null parts could not be trusted. */
export interface ManifestFacts {
  scope: BundleScope | null;
  asOf: LocalDate | null;
  basis: ReplayBasis | null;
  /** asOf, else the London date of generatedAt: what the measures are recomputed on. */
  measuredOn: LocalDate | null;
  computedWith: ComputedWith | null;
  /** Events inside the as-of selection (all when there is no asOf), in bundle order. */
  selected: RecordedEvent[] | null;
}

export interface ManifestCheck extends CheckResult {
  facts: ManifestFacts;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readScope(value: unknown, fail: (where: string, problem: string) => void): BundleScope | null {
  if (!isRecord(value) || !BUNDLE_SCOPE_KINDS.includes(value['kind'] as BundleScope['kind']) || typeof value['id'] !== 'string' || value['id'] === '') {
    fail('manifest.scope', `must be a kind (${BUNDLE_SCOPE_KINDS.join(', ')}) and an id`);
    return null;
  }
  if (Object.keys(value).length !== 2) fail('manifest.scope', 'has fields besides kind and id');
  return { kind: value['kind'] as BundleScope['kind'], id: value['id'] };
}

function readComputedWith(value: unknown, fail: (where: string, problem: string) => void): ComputedWith | null {
  if (!isRecord(value) || !isRecord(value['organisationKinds']) || !isRecord(value['clocks']) || Object.keys(value).length !== 2) {
    fail('manifest.computedWith', 'must hold organisationKinds and clocks');
    return null;
  }
  let ok = true;
  for (const [id, kind] of Object.entries(value['organisationKinds'])) {
    if (!ORGANISATION_KINDS.includes(kind as OrganisationKind)) {
      fail(`manifest.computedWith.organisationKinds[${JSON.stringify(id)}]`, `${brief(kind)} is not an organisation kind`);
      ok = false;
    }
  }
  const clocks = value['clocks'];
  const names = Object.keys(DEFAULT_CLOCKS);
  for (const name of new Set([...names, ...Object.keys(clocks)])) {
    if (!names.includes(name)) {
      fail(`manifest.computedWith.clocks.${name}`, 'is not a clock');
      ok = false;
    } else if (!Number.isInteger(clocks[name]) || (clocks[name] as number) < 0) {
      fail(`manifest.computedWith.clocks.${name}`, `${brief(clocks[name])} is not a whole number of days or months`);
      ok = false;
    }
  }
  return ok ? (value as unknown as ComputedWith) : null;
}

/**
 * The manifest against the bundle: its fields, the scope (every stream belongs to it), the as-of
 * selection and its mark, the counts, each stream's run and head, and the digests.
 */
export function checkManifest(bundle: Record<string, unknown>, events: EventsCheck): ManifestCheck {
  const result: ManifestCheck = {
    ...emptyCheck(),
    facts: { scope: null, asOf: null, basis: null, measuredOn: null, computedWith: null, selected: null },
  };
  const fail = (where: string, problem: string) => result.problems.push({ where, problem });
  const manifest = bundle['manifest'];
  if (!isRecord(manifest)) {
    fail('manifest', 'missing or not an object');
    return result;
  }
  for (const key of Object.keys(manifest)) if (!(MANIFEST_KEYS as readonly string[]).includes(key)) fail(`manifest.${key}`, 'unexpected field');
  for (const key of MANIFEST_KEYS) if (!(key in manifest)) fail(`manifest.${key}`, 'missing');

  const facts = result.facts;
  facts.scope = readScope(manifest['scope'], fail);

  // When: asOf and basis go together; measuredOn follows from them and generatedAt.
  const asOf = manifest['asOf'];
  const basis = manifest['basis'];
  const whenProblem =
    asOf === null
      ? basis === null ? null : (['manifest.basis', `${brief(basis)} without an as-of date; must be null`] as const)
      : !isLocalDate(asOf)
        ? (['manifest.asOf', `${brief(asOf)} is not a calendar date (YYYY-MM-DD) or null`] as const)
        : !REPLAY_BASES.includes(basis as ReplayBasis)
          ? (['manifest.basis', `${brief(basis)} is not 'recorded' or 'occurred'`] as const)
          : null;
  if (whenProblem) fail(whenProblem[0], whenProblem[1]);
  const generatedAt = manifest['generatedAt'];
  const generatedOk = typeof generatedAt === 'string' && !Number.isNaN(Date.parse(generatedAt));
  if (!generatedOk) fail('manifest.generatedAt', `${brief(generatedAt)} is not an instant`);
  const whenOk = whenProblem === null && generatedOk;
  if (typeof manifest['generatedBy'] !== 'string') fail('manifest.generatedBy', 'must be text');
  if (whenOk) {
    facts.asOf = asOf as LocalDate | null;
    facts.basis = basis as ReplayBasis | null;
    facts.measuredOn = facts.asOf ?? toLondonDate(generatedAt as string);
    if (manifest['measuredOn'] !== facts.measuredOn) {
      fail('manifest.measuredOn', `${brief(manifest['measuredOn'])}, but the measures of this bundle are taken on ${facts.measuredOn} (${facts.asOf ? 'its as-of date' : 'the London date it was generated'})`);
    }
  }
  facts.computedWith = readComputedWith(manifest['computedWith'], fail);

  const list = events.events;
  if (manifest['eventCount'] !== (Array.isArray(bundle['events']) ? bundle['events'].length : 0)) {
    fail('manifest.eventCount', `${brief(manifest['eventCount'])}, but the bundle holds ${Array.isArray(bundle['events']) ? bundle['events'].length : 0} events`);
  }
  checkStreams(manifest['streams'], list, fail);

  if (whenOk) {
    facts.selected = selectedEvents(list, facts.asOf, facts.basis);
    checkSelection(manifest['outsideAsOf'], list, facts.selected, events.where, fail);
  }
  if (facts.scope) checkScope(facts.scope, list, events.where, fail);
  checkDigests(bundle, manifest, fail);

  if (result.problems.length === 0) {
    const outside = list.length - (facts.selected?.length ?? list.length);
    result.passed.push(`manifest: scope, as-of selection, event count, ${list.length === 0 ? 'no streams' : 'stream runs and heads'} and digests match the bundle`);
    if (outside > 0) {
      result.notes.push(`${outside} event${outside === 1 ? ' is' : 's are'} carried only to keep ${outside === 1 ? 'its' : 'their'} stream's chain whole: outside the as-of selection, left out of the timeline and measures`);
    }
  }
  return result;
}

function checkStreams(value: unknown, events: readonly RecordedEvent[], fail: (where: string, problem: string) => void): void {
  if (!Array.isArray(value)) return void fail('manifest.streams', 'missing or not a list');
  const actual = streamRuns(events);
  const listed = new Map<string, { index: number; run: unknown }>();
  value.forEach((run: unknown, index) => {
    const id = isRecord(run) && typeof run['streamId'] === 'string' ? run['streamId'] : null;
    if (id === null) return fail(`manifest.streams[${index}]`, 'has no stream id');
    if (listed.has(id)) return fail(`manifest.streams[${index}]`, `stream ${id} is listed twice`);
    listed.set(id, { index, run });
  });
  for (const run of actual) {
    const entry = listed.get(run.streamId);
    if (!entry) {
      fail('manifest.streams', `does not list stream ${run.streamId}, which the bundle holds (versions ${run.firstVersion} to ${run.lastVersion})`);
      continue;
    }
    for (const d of jsonDifferences(entry.run, run, `manifest.streams[${entry.index}]`)) {
      fail(`${d.path} (stream ${run.streamId})`, `manifest says ${brief(d.bundle)}, the bundle's events give ${brief(d.recomputed)}`);
    }
  }
  for (const [id, entry] of listed) {
    if (!actual.some((r) => r.streamId === id)) fail(`manifest.streams[${entry.index}]`, `lists stream ${id}, of which the bundle holds no event`);
  }
  const order = actual.map((r) => r.streamId);
  const given = [...listed.keys()].filter((id) => order.includes(id));
  if (given.length === order.length && given.some((id, i) => id !== order[i])) fail('manifest.streams', 'not in the order the streams first appear in the events');
}

function checkSelection(
  value: unknown,
  events: readonly RecordedEvent[],
  selected: readonly RecordedEvent[],
  where: (e: RecordedEvent) => string,
  fail: (where: string, problem: string) => void,
): void {
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) return void fail('manifest.outsideAsOf', 'missing or not a list of event ids');
  const inside = new Set(selected.map((e) => e.eventId));
  const expected = events.filter((e) => !inside.has(e.eventId)).map((e) => e.eventId);
  const marked = new Set(value as string[]);
  for (const id of expected) if (!marked.has(id)) fail('manifest.outsideAsOf', `does not mark event ${id}, which is outside the as-of selection`);
  for (const id of marked) if (!expected.includes(id)) fail('manifest.outsideAsOf', `marks event ${id}, which is ${events.some((e) => e.eventId === id) ? 'inside the as-of selection' : 'not in the bundle'}`);
  if (marked.size === expected.length && expected.some((id, i) => value[i] !== id)) fail('manifest.outsideAsOf', 'not in bundle order');
  if (value.length !== marked.size) fail('manifest.outsideAsOf', 'lists an event twice');
  // A stream is carried only as far as its last selected event.
  const last = new Map<string, RecordedEvent>();
  for (const e of events) last.set(e.streamId, e);
  for (const e of last.values()) if (!inside.has(e.eventId)) fail(where(e), 'the stream ends with an event outside the as-of selection; it should end at its last selected event');
}

function checkScope(scope: BundleScope, events: readonly RecordedEvent[], where: (e: RecordedEvent) => string, fail: (where: string, problem: string) => void): void {
  const members = scopeStreamIds(scope, events);
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.streamId)) continue;
    seen.add(e.streamId);
    if (!members.has(e.streamId)) fail(where(e), `stream ${e.streamId} is not part of ${describeScope(scope)}`);
  }
  const own = scopeStreamId(scope);
  if (own && events.length > 0 && !seen.has(own)) fail('events', `the scope's own stream ${own} is not in the bundle`);
}

const shortHash = (value: unknown): string => (typeof value === 'string' ? `${value.slice(0, 16)}…` : brief(value));

function checkDigests(bundle: Record<string, unknown>, manifest: Record<string, unknown>, fail: (where: string, problem: string) => void): void {
  const sections = { events: bundle['events'], timeline: bundle['timeline'], measures: bundle['measures'] } as never;
  let digests: Record<string, string>;
  let content: string;
  try {
    digests = sectionDigests(sections) as unknown as Record<string, string>;
    content = contentDigest(sections);
  } catch (error) {
    return void fail('manifest.contentDigest', `cannot be recomputed: the content has no canonical JSON form (${(error as Error).message})`);
  }
  const given = manifest['sectionDigests'];
  if (!isRecord(given)) fail('manifest.sectionDigests', 'missing or not an object');
  else {
    for (const key of new Set([...Object.keys(digests), ...Object.keys(given)])) {
      if (!(key in digests)) fail(`manifest.sectionDigests.${key}`, 'unexpected field');
      else if (given[key] !== digests[key]) fail(`manifest.sectionDigests.${key}`, `does not match the ${key} section: the ${key} were altered (manifest ${shortHash(given[key])}, recomputed ${shortHash(digests[key])})`);
    }
  }
  if (manifest['contentDigest'] !== content) fail('manifest.contentDigest', `does not match the content (manifest ${shortHash(manifest['contentDigest'])}, recomputed ${shortHash(content)})`);
}
