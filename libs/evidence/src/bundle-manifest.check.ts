import type { LocalDate, OrganisationKind } from '@caretrail/domain';
import { ORGANISATION_KINDS } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { DEFAULT_CLOCKS, isLocalDate, REPLAY_BASES, toLondonDate, type ReplayBasis } from '@caretrail/timeline';
import { BUNDLE_SCOPE_KINDS, manifestKeysOf, type BundleFormatVersion, type BundleScope, type ComputedWith } from './bundle-format';
import { bundleSelections, contentDigest, sectionDigests, selectedEvents, streamRuns } from './bundle-content';
import {
  councilClockStreamId,
  councilsOfConcerns,
  describeScope,
  isCouncilClockSetting,
  isCouncilRegistration,
  scopeStreamId,
  scopeStreamIds,
} from './bundle-scope';
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
  /** The scope's events inside the as-of selection (all when there is no asOf), in bundle order: the timeline's. */
  selected: RecordedEvent[] | null;
  /** Those and the council clock settings in the as-of selection: what the measures are recomputed from. */
  measured: RecordedEvent[] | null;
  /** The council clock streams the manifest declares and the bundle's concerns justify. */
  councilClockStreams: string[];
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
 * The manifest against the bundle: its fields (by format version), the scope (every stream belongs to
 * it or is a declared council clock stream of its concerns), the as-of selection and its marks, the
 * counts, each stream's run and head, and the digests.
 */
export function checkManifest(bundle: Record<string, unknown>, events: EventsCheck, version: BundleFormatVersion): ManifestCheck {
  const result: ManifestCheck = {
    ...emptyCheck(),
    facts: { scope: null, asOf: null, basis: null, measuredOn: null, computedWith: null, selected: null, measured: null, councilClockStreams: [] },
  };
  const fail = (where: string, problem: string) => result.problems.push({ where, problem });
  const manifest = bundle['manifest'];
  if (!isRecord(manifest)) {
    fail('manifest', 'missing or not an object');
    return result;
  }
  const keys = manifestKeysOf(version);
  for (const key of Object.keys(manifest)) if (!keys.includes(key)) fail(`manifest.${key}`, `unexpected field${version === 1 ? ' in a format 1 bundle' : ''}`);
  for (const key of keys) if (!(key in manifest)) fail(`manifest.${key}`, 'missing');

  const facts = result.facts;
  facts.scope = readScope(manifest['scope'], fail);

  // When: asOf and basis go together; measuredOn follows from them and generatedAt.
  const asOf = manifest['asOf'];
  const basis = manifest['basis'];
  const whenProblem =
    asOf === null
      ? basis === null
        ? null
        : (['manifest.basis', `${brief(basis)} without an as-of date; must be null`] as const)
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
      fail(
        'manifest.measuredOn',
        `${brief(manifest['measuredOn'])}, but the measures of this bundle are taken on ${facts.measuredOn} (${facts.asOf ? 'its as-of date' : 'the London date it was generated'})`,
      );
    }
  }
  facts.computedWith = readComputedWith(manifest['computedWith'], fail);

  const list = events.events;
  if (manifest['eventCount'] !== (Array.isArray(bundle['events']) ? bundle['events'].length : 0)) {
    fail(
      'manifest.eventCount',
      `${brief(manifest['eventCount'])}, but the bundle holds ${Array.isArray(bundle['events']) ? bundle['events'].length : 0} events`,
    );
  }
  checkStreams(manifest['streams'], list, fail);

  const asOfSelection = whenOk ? selectedEvents(list, facts.asOf, facts.basis) : null;
  const declared = version === 1 ? [] : readCouncilClockStreams(manifest['councilClockStreams'], fail);
  facts.councilClockStreams = checkCouncilClockStreams(declared, list, asOfSelection, events.where, fail);
  if (asOfSelection) {
    const split = bundleSelections(list, facts.asOf, facts.basis, new Set(facts.councilClockStreams));
    facts.selected = split.timeline;
    facts.measured = split.measured;
    checkMarks('manifest.outsideAsOf', manifest['outsideAsOf'], list, asOfSelection, 'outside the as-of selection', fail);
    if (version !== 1) {
      const chainOnly = new Set(split.councilChainOnly.map((e) => e.eventId));
      checkMarks(
        'manifest.councilChainOnly',
        manifest['councilChainOnly'],
        list,
        list.filter((e) => !chainOnly.has(e.eventId)),
        "a council stream's event carried only for its chain",
        fail,
      );
    }
    checkStreamEnds(list, asOfSelection, new Set(facts.councilClockStreams), events.where, fail);
  }
  if (facts.scope) checkScope(facts.scope, list, facts.councilClockStreams, events.where, fail);
  checkDigests(bundle, manifest, fail);

  if (result.problems.length === 0) {
    const outside = list.length - (asOfSelection?.length ?? list.length);
    const councils = facts.councilClockStreams.length;
    result.passed.push(
      `manifest: scope, ${councils ? `${councils} council clock stream${councils === 1 ? '' : 's'}, ` : ''}as-of selection, event count, ${list.length === 0 ? 'no streams' : 'stream runs and heads'} and digests match the bundle`,
    );
    if (outside > 0) {
      result.notes.push(
        `${outside} event${outside === 1 ? ' is' : 's are'} carried only to keep ${outside === 1 ? 'its' : 'their'} stream's chain whole: outside the as-of selection, left out of the timeline and measures`,
      );
    }
    const settings = (facts.measured ?? []).filter(isCouncilClockSetting);
    if (settings.length > 0) {
      result.notes.push(
        `${settings.length} council clock setting${settings.length === 1 ? '' : 's'} (${settings.map((e) => e.eventId).join(', ')}) from ${councils === 1 ? "its council's own stream" : "the councils' own streams"} ` +
          'judge the measures, as in the live view; they are not timeline entries',
      );
    }
  }
  return result;
}

function readCouncilClockStreams(value: unknown, fail: (where: string, problem: string) => void): string[] {
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) {
    fail('manifest.councilClockStreams', 'missing or not a list of stream ids');
    return [];
  }
  const ids = value as string[];
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) fail(`manifest.councilClockStreams[${i}]`, `stream ${id} is listed twice`);
  });
  return [...new Set(ids)];
}

/**
 * The declared council clock streams: each the organisation stream of a council whose concern is in
 * the as-of selection, present, holding only the council's registration and its clock settings, and
 * ending at a setting. Returns the ones the bundle's concerns justify (the rest fail the scope too).
 */
function checkCouncilClockStreams(
  declared: readonly string[],
  events: readonly RecordedEvent[],
  asOfSelection: readonly RecordedEvent[] | null,
  where: (e: RecordedEvent) => string,
  fail: (where: string, problem: string) => void,
): string[] {
  const declaredSet = new Set(declared);
  const concerns = (asOfSelection ?? events).filter((e) => !declaredSet.has(e.streamId));
  const justified = new Set(councilsOfConcerns(concerns).map(councilClockStreamId));
  const present = streamRuns(events).map((r) => r.streamId);
  declared.forEach((id, i) => {
    if (!justified.has(id))
      fail(`manifest.councilClockStreams[${i}]`, `stream ${id} is not the organisation stream of a council whose concern is in the bundle's as-of selection`);
    if (!present.includes(id)) fail(`manifest.councilClockStreams[${i}]`, `lists stream ${id}, of which the bundle holds no event`);
  });
  const order = present.filter((id) => declaredSet.has(id));
  if (order.length === declared.length && order.some((id, i) => declared[i] !== id))
    fail('manifest.councilClockStreams', 'not in the order the streams first appear in the events');
  const accepted = declared.filter((id) => justified.has(id));
  const last = new Map<string, RecordedEvent>();
  for (const e of events) {
    if (!accepted.includes(e.streamId)) continue;
    last.set(e.streamId, e);
    if (!isCouncilClockSetting(e) && !isCouncilRegistration(e)) {
      fail(where(e), `a ${e.type} on council clock stream ${e.streamId}, which carries only the council's registration and its clock settings`);
    }
  }
  for (const e of last.values()) {
    if (!isCouncilClockSetting(e))
      fail(where(e), 'the council clock stream ends with an event that is not a clock setting; it should end at its last setting in the as-of selection');
  }
  return accepted;
}

/**
 * A manifest list that marks, in bundle order and once each, exactly the bundle's events outside
 * `inside` (outsideAsOf: outside the as-of selection; councilChainOnly: a council stream's events
 * carried for the chain alone).
 */
function checkMarks(
  field: string,
  value: unknown,
  events: readonly RecordedEvent[],
  inside: readonly RecordedEvent[],
  outsideWords: string,
  fail: (where: string, problem: string) => void,
): void {
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string')) return void fail(field, 'missing or not a list of event ids');
  const insideIds = new Set(inside.map((e) => e.eventId));
  const expected = events.filter((e) => !insideIds.has(e.eventId)).map((e) => e.eventId);
  const marked = new Set(value as string[]);
  const insideWords = field === 'manifest.outsideAsOf' ? 'inside the as-of selection' : 'not one (it is measured, or outside the as-of selection)';
  for (const id of expected) if (!marked.has(id)) fail(field, `does not mark event ${id}, which is ${outsideWords}`);
  for (const id of marked)
    if (!expected.includes(id)) fail(field, `marks event ${id}, which is ${events.some((e) => e.eventId === id) ? insideWords : 'not in the bundle'}`);
  if (marked.size === expected.length && expected.some((id, i) => value[i] !== id)) fail(field, 'not in bundle order');
  if (value.length !== marked.size) fail(field, 'lists an event twice');
}

/** A stream is carried only as far as its last selected event (a council's, its last selected setting). */
function checkStreamEnds(
  events: readonly RecordedEvent[],
  asOfSelection: readonly RecordedEvent[],
  councilStreams: ReadonlySet<string>,
  where: (e: RecordedEvent) => string,
  fail: (where: string, problem: string) => void,
): void {
  const inside = new Set(asOfSelection.map((e) => e.eventId));
  const last = new Map<string, RecordedEvent>();
  for (const e of events) last.set(e.streamId, e);
  for (const e of last.values()) {
    if (!inside.has(e.eventId)) {
      fail(
        where(e),
        `the ${councilStreams.has(e.streamId) ? 'council clock stream' : 'stream'} ends with an event outside the as-of selection; it should end at its last selected ${councilStreams.has(e.streamId) ? 'setting' : 'event'}`,
      );
    }
  }
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
  if (given.length === order.length && given.some((id, i) => id !== order[i]))
    fail('manifest.streams', 'not in the order the streams first appear in the events');
}

function checkScope(
  scope: BundleScope,
  events: readonly RecordedEvent[],
  councilClockStreams: readonly string[],
  where: (e: RecordedEvent) => string,
  fail: (where: string, problem: string) => void,
): void {
  const members = scopeStreamIds(scope, events);
  for (const id of councilClockStreams) members.add(id);
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.streamId)) continue;
    seen.add(e.streamId);
    if (!members.has(e.streamId))
      fail(
        where(e),
        `stream ${e.streamId} is not part of ${describeScope(scope)}${e.streamId.startsWith('organisation-') ? ' nor a council clock stream of its concerns declared in manifest.councilClockStreams' : ''}`,
      );
  }
  const own = scopeStreamId(scope);
  if (own && events.length > 0 && !seen.has(own)) fail('events', `the scope's own stream ${own} is not in the bundle`);
}

/** How the verifier names each section in a sentence: "the timeline was altered", "the events were altered". */
export const alteredSection = (key: string): string =>
  ({ events: 'the events were altered', timeline: 'the timeline was altered', measures: 'the measures were altered' })[key] ?? `the ${key} section was altered`;

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
      else if (given[key] !== digests[key])
        fail(
          `manifest.sectionDigests.${key}`,
          `does not match the ${key} section: ${alteredSection(key)} (manifest ${shortHash(given[key])}, recomputed ${shortHash(digests[key])})`,
        );
    }
  }
  if (manifest['contentDigest'] !== content)
    fail('manifest.contentDigest', `does not match the content (manifest ${shortHash(manifest['contentDigest'])}, recomputed ${shortHash(content)})`);
}
