import { createHash } from 'node:crypto';
import type { LocalDate } from '@caretrail/domain';
import { canonicalJson, type RecordedEvent } from '@caretrail/event-store';
import { asOf as selectAsOf, basisOrDefault, buildTimeline, computeMeasures, type Measures, type ReplayBasis, type TimelineEntry } from '@caretrail/timeline';
import type { BundleStream, ComputedWith, SectionDigests, UnsignedBundle } from './bundle-format';
import { isCouncilClockSetting } from './bundle-scope';

/*
 * What the builder computes and the verifier recomputes, in one place, so that the two can only
 * disagree when the bundle was altered.
 */

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The value as it reads back from its JSON: undefined fields gone, only plain objects and arrays. */
export const toPlainJson = <T>(value: T): T => JSON.parse(canonicalJson(value)) as T;

/** The events the timeline and measures are computed from: all of them, or the as-of selection. */
export function selectedEvents<E extends RecordedEvent>(events: readonly E[], asOf: LocalDate | null, basis: ReplayBasis | null): E[] {
  return asOf === null ? [...events] : selectAsOf(events, asOf, basisOrDefault(basis));
}

/** What a bundle's sections are computed from, out of its events. */
export interface BundleSelections<E extends RecordedEvent> {
  /** The as-of selection of the scope's own streams: the timeline's entries. */
  timeline: E[];
  /** That, with the clock settings of the council streams in the as-of selection: the measures' inputs. */
  measured: E[];
  /** Council-stream events in the as-of selection that are not settings: carried for the chain alone. */
  councilChainOnly: E[];
}

/**
 * Splits the as-of selection (the one rule, selectedEvents) between the scope's streams and the
 * council clock streams, in bundle order, so the live view's inputs are matched exactly: its
 * timeline has no council settings, its measures have them.
 */
export function bundleSelections<E extends RecordedEvent>(
  events: readonly E[],
  asOf: LocalDate | null,
  basis: ReplayBasis | null,
  councilClockStreams: ReadonlySet<string>,
): BundleSelections<E> {
  const selected = selectedEvents(events, asOf, basis);
  const ofCouncil = (e: E) => councilClockStreams.has(e.streamId);
  return {
    timeline: selected.filter((e) => !ofCouncil(e)),
    measured: selected.filter((e) => !ofCouncil(e) || isCouncilClockSetting(e)),
    councilChainOnly: selected.filter((e) => ofCouncil(e) && !isCouncilClockSetting(e)),
  };
}

/** The timeline the same pure function gives the live view and replay (@caretrail/timeline). */
export function deriveTimeline(selected: readonly RecordedEvent[], computedWith: ComputedWith): TimelineEntry[] {
  return toPlainJson(buildTimeline(selected, { organisationKinds: computedWith.organisationKinds, clocks: computedWith.clocks }));
}

export function deriveMeasures(selected: readonly RecordedEvent[], measuredOn: LocalDate, computedWith: ComputedWith): Measures {
  return toPlainJson(computeMeasures(selected, { on: measuredOn, clocks: computedWith.clocks }));
}

/** Each stream's run, in order of first appearance in the bundle. */
export function streamRuns(events: readonly RecordedEvent[]): BundleStream[] {
  const runs = new Map<string, BundleStream>();
  for (const e of events) {
    const run = runs.get(e.streamId);
    if (!run) {
      runs.set(e.streamId, { streamId: e.streamId, firstVersion: e.streamVersion, lastVersion: e.streamVersion, lastHash: e.hash, eventCount: 1 });
    } else {
      run.lastVersion = e.streamVersion;
      run.lastHash = e.hash;
      run.eventCount += 1;
    }
  }
  return [...runs.values()];
}

type Sections = Pick<UnsignedBundle, 'events' | 'timeline' | 'measures'>;

export const sectionDigests = (b: Sections): SectionDigests => ({
  events: sha256Hex(canonicalJson(b.events)),
  timeline: sha256Hex(canonicalJson(b.timeline)),
  measures: sha256Hex(canonicalJson(b.measures)),
});

export const contentDigest = (b: Sections): string => sha256Hex(canonicalJson({ events: b.events, timeline: b.timeline, measures: b.measures }));

/** The bytes the signature covers: the canonical JSON (RFC 8785) of everything but the signature. */
export function signedBytes(bundle: object): Buffer {
  const { signature: _signature, ...unsigned } = bundle as Record<string, unknown>;
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}
