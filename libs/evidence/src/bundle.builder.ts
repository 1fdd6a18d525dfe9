import type { Instant, LocalDate, OrganisationKind } from '@caretrail/domain';
import { findChainProblems, type RecordedEvent } from '@caretrail/event-store';
import { basisOrDefault, isLocalDate, REPLAY_BASES, toLondonDate, withDefaultClocks, type Clocks, type ReplayBasis } from '@caretrail/timeline';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_SCOPE_KINDS,
  EVENT_KEYS,
  SIGNATURE_ALGORITHM,
  type BundleManifest,
  type BundleScope,
  type ComputedWith,
  type EvidenceBundle,
  type UnsignedBundle,
} from './bundle-format';
import {
  bundleSelections,
  contentDigest,
  deriveMeasures,
  deriveTimeline,
  sectionDigests,
  selectedEvents,
  signedBytes,
  streamRuns,
  toPlainJson,
} from './bundle-content';
import { councilClockStreamId, councilsOfConcerns, isCouncilClockSetting, isCouncilRegistration, scopeStreamIds } from './bundle-scope';
import type { BundleSigner } from './bundle-signer';

export interface BuildBundleInput {
  scope: BundleScope;
  /**
   * Every event of the scope's streams, whole streams from version 1, in any order, and the whole
   * organisation streams of the councils of its concerns, for their clock settings (CouncilClocksSet).
   * Other streams outside the scope are left out of the bundle; so is a council's stream when none of
   * its settings is in the as-of selection.
   */
  events: readonly RecordedEvent[];
  asOf?: LocalDate | null;
  /** Required meaning with asOf; defaults to 'recorded' (what the record showed). */
  basis?: ReplayBasis | null;
  generatedAt: Instant;
  generatedBy: string;
  /** Kinds of organisations by id (at least those acting in the events); only actors' kinds are kept. */
  organisationKinds?: ReadonlyMap<string, OrganisationKind> | Readonly<Record<string, OrganisationKind>>;
  clocks?: Partial<Clocks>;
  signer: BundleSigner;
}

export class BundleInputError extends Error {
  override readonly name = 'BundleInputError';
}

function byStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    const run = streams.get(e.streamId);
    if (run) run.push(e);
    else streams.set(e.streamId, [e]);
  }
  for (const run of streams.values()) run.sort((a, b) => a.streamVersion - b.streamVersion);
  return streams;
}

/** Refuses to sign what the store itself cannot vouch for: every stream whole and its chain sound. */
function assertWholeSoundStreams(events: readonly RecordedEvent[]): void {
  const ids = new Set<string>();
  for (const e of events) {
    if (ids.has(e.eventId)) throw new BundleInputError(`Event ${e.eventId} is given twice`);
    ids.add(e.eventId);
  }
  for (const [streamId, run] of byStream(events)) {
    if (run[0].streamVersion !== 1) throw new BundleInputError(`Stream ${streamId} starts at version ${run[0].streamVersion}; give whole streams`);
    const [problem] = findChainProblems(run, null);
    if (problem) throw new BundleInputError(`Stream ${streamId} version ${problem.streamVersion}: ${problem.problem}`);
  }
}

/**
 * Keeps each stream up to its last selected event, so every chain still verifies from version 1;
 * streams with nothing selected drop out, and so do streams that belong to the scope only through a
 * record that had not yet begun (a concern's service, before the concern was raised).
 */
function trimToSelection(scope: BundleScope, events: readonly RecordedEvent[], selected: ReadonlySet<string>): RecordedEvent[] {
  const kept: RecordedEvent[] = [];
  for (const run of byStream(events).values()) {
    const last = run.findLastIndex((e) => selected.has(e.eventId));
    kept.push(...run.slice(0, last + 1));
  }
  const members = scopeStreamIds(scope, kept);
  return kept.filter((e) => members.has(e.streamId));
}

/**
 * The organisation streams of these councils, each up to its last clock setting in the as-of
 * selection (so the chain verifies from version 1 and nothing after the selection is carried);
 * councils with no setting in the selection carry nothing.
 */
function councilClockRuns(events: readonly RecordedEvent[], councils: readonly string[], selected: ReadonlySet<string>): RecordedEvent[] {
  const streams = byStream(events);
  const kept: RecordedEvent[] = [];
  for (const councilId of councils) {
    const run = streams.get(councilClockStreamId(councilId)) ?? [];
    const last = run.findLastIndex((e) => selected.has(e.eventId) && isCouncilClockSetting(e));
    const carried = run.slice(0, last + 1);
    const stranger = carried.find((e) => !isCouncilClockSetting(e) && !isCouncilRegistration(e));
    if (stranger)
      throw new BundleInputError(
        `Stream ${stranger.streamId} version ${stranger.streamVersion} is a ${stranger.type}, not a council's registration or clock setting`,
      );
    kept.push(...carried);
  }
  return kept;
}

const envelopeOf = (e: RecordedEvent): RecordedEvent => toPlainJson(Object.fromEntries(EVENT_KEYS.map((key) => [key, e[key]])) as unknown as RecordedEvent);

function kindsOfActors(events: readonly RecordedEvent[], given: BuildBundleInput['organisationKinds']): Record<string, OrganisationKind> {
  const all = new Map<string, OrganisationKind>(given instanceof Map ? given : Object.entries(given ?? {}));
  const kinds: Record<string, OrganisationKind> = {};
  for (const id of [...new Set(events.map((e) => e.actor.organisationId))].sort()) {
    const kind = all.get(id);
    if (kind) kinds[id] = kind;
  }
  return kinds;
}

function checkInput(input: BuildBundleInput): { asOf: LocalDate | null; basis: ReplayBasis | null } {
  if (!BUNDLE_SCOPE_KINDS.includes(input.scope.kind)) throw new BundleInputError(`Scope kind must be one of ${BUNDLE_SCOPE_KINDS.join(', ')}`);
  if (!input.scope.id) throw new BundleInputError('Scope id is required');
  if (Number.isNaN(Date.parse(input.generatedAt))) throw new BundleInputError(`generatedAt ${input.generatedAt} is not an instant`);
  const asOf = input.asOf ?? null;
  if (asOf === null) {
    if (input.basis) throw new BundleInputError('A basis only means something with an as-of date');
    return { asOf: null, basis: null };
  }
  if (!isLocalDate(asOf)) throw new BundleInputError(`asOf ${asOf} is not a calendar date (YYYY-MM-DD)`);
  const basis = basisOrDefault(input.basis);
  if (!REPLAY_BASES.includes(basis)) throw new BundleInputError(`basis must be 'recorded' or 'occurred', not ${String(basis)}`);
  return { asOf, basis };
}

/**
 * An evidence bundle of a scope: its events with their hashes, the timeline and measures computed
 * from them by the live view's own functions, a manifest, and an Ed25519 signature over it all.
 * The clock settings of its concerns' councils come along on their own streams, picked by the same
 * as-of selection, so its measures are the live view's for the same date and basis. Pure but for the signer.
 */
export function buildEvidenceBundle(input: BuildBundleInput): EvidenceBundle {
  const { asOf, basis } = checkInput(input);
  assertWholeSoundStreams(input.events);
  const selectedIds = new Set(selectedEvents(input.events, asOf, basis).map((e) => e.eventId));
  const scopeEvents = trimToSelection(input.scope, input.events, selectedIds);
  const councils = councilsOfConcerns(scopeEvents.filter((e) => selectedIds.has(e.eventId)));
  const events = [...scopeEvents, ...councilClockRuns(input.events, councils, selectedIds)].sort((a, b) => a.globalPosition - b.globalPosition).map(envelopeOf);
  const councilStreamIds = new Set(councils.map(councilClockStreamId));
  const councilClockStreams = streamRuns(events)
    .map((r) => r.streamId)
    .filter((id) => councilStreamIds.has(id));
  const { timeline: selected, measured, councilChainOnly } = bundleSelections(events, asOf, basis, new Set(councilClockStreams));

  const measuredOn = asOf ?? toLondonDate(input.generatedAt);
  const computedWith: ComputedWith = toPlainJson({
    organisationKinds: kindsOfActors(selected, input.organisationKinds),
    clocks: withDefaultClocks(input.clocks),
  });
  const sections = {
    events,
    timeline: deriveTimeline(selected, computedWith),
    measures: deriveMeasures(measured, measuredOn, computedWith),
  };
  const manifest: BundleManifest = {
    scope: { kind: input.scope.kind, id: input.scope.id },
    asOf,
    basis,
    measuredOn,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
    eventCount: events.length,
    streams: streamRuns(events),
    outsideAsOf: events.filter((e) => !selectedIds.has(e.eventId)).map((e) => e.eventId),
    councilClockStreams,
    councilChainOnly: councilChainOnly.map((e) => e.eventId),
    computedWith,
    sectionDigests: sectionDigests(sections),
    contentDigest: contentDigest(sections),
  };
  const unsigned: UnsignedBundle = toPlainJson({ format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, manifest, ...sections });
  return {
    ...unsigned,
    signature: {
      algorithm: SIGNATURE_ALGORITHM,
      publicKey: input.signer.publicKeyPem,
      keyFingerprint: input.signer.keyFingerprint,
      value: input.signer.sign(signedBytes(unsigned)).toString('base64'),
    },
  };
}
