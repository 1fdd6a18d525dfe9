import type { ConcernCategory } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { toLondonDate } from '../calendar/london-time';
import { workingDaysBetween } from '../calendar/working-days';
import { withDefaultClocks, type Clocks } from '../clocks';
import { effectiveEvents, resolveCorrections, type CorrectionIndex, type EffectiveEvent } from '../events/effective-events';
import { compareByOccurrence } from '../events/event-order';
import { concernIdOf, isEvent, serviceIdOf } from '../events/typed-event';
import { foldSkippingUnreadable, type UnreadableEvent } from '../events/unreadable-events';
import { entryNoun } from './event-labels';
import { summariseEvent } from './event-summary';
import { qualityTagsOf } from './quality-tags';
import { partyResolver, type PartyOptions } from './party';
import { summaryContext } from './summary-context';
import type { TimelineEntry, TimelineFlags, TimelineLinks, TimelineParty } from './timeline-entry';

export interface TimelineOptions extends PartyOptions {
  /** Only lateRecordAfterWorkingDays is read here. */
  clocks?: Partial<Clocks>;
}

interface ConcernFacts {
  category: ConcernCategory;
  serviceId: string;
  providerId: string;
  councilId: string;
  contractId: string;
}

/**
 * Timeline entries for a scope's events, in the one stable order (occurredAt, then global
 * position). Every event is an entry, corrections and retractions included; a corrected entry shows
 * its original summary with the corrected one beside, a retracted entry stays and says so.
 *
 * An event the timeline cannot read (a correction whose changes hold a date that is no date, say)
 * never stops the others: the rest are built as if it were not there (so a bad correction is not
 * applied to its target), and its own entry says it could not be read (`flags.unreadable`).
 */
export function buildTimeline(events: readonly RecordedEvent[], options: TimelineOptions = {}): TimelineEntry[] {
  return buildTimelineReporting(events, options).entries;
}

/** buildTimeline, also naming the events it could not read and why (for the read models' fault log). */
export function buildTimelineReporting(
  events: readonly RecordedEvent[],
  options: TimelineOptions = {},
): { entries: TimelineEntry[]; unreadable: UnreadableEvent[] } {
  const { result, unreadable } = foldSkippingUnreadable(events, (readable) => buildReadableTimeline(readable, options));
  if (unreadable.length === 0) return { entries: result, unreadable };
  const ids = new Set(unreadable.map((u) => u.eventId));
  const clocks = withDefaultClocks(options.clocks);
  const partyOf = partyResolver(events, options);
  const marked = events.filter((e) => ids.has(e.eventId)).map((e) => unreadableEntry(e, partyOf, clocks.lateRecordAfterWorkingDays));
  return { entries: [...result, ...marked].sort(compareByOccurrence), unreadable };
}

/** Whatever can be said of an event without reading its data, each part guarded on its own. */
function unreadableEntry(event: RecordedEvent, partyOf: (e: RecordedEvent) => TimelineParty, lateAfter: number): TimelineEntry {
  const safely = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch {
      return fallback;
    }
  };
  const occurredOn = safely(() => toLondonDate(event.occurredAt), String(event.occurredAt).slice(0, 10));
  const recordedOn = safely(() => toLondonDate(event.recordedAt), String(event.recordedAt).slice(0, 10));
  const recordedWorkingDaysAfter = safely(() => workingDaysBetween(occurredOn, recordedOn), 0);
  const noun = entryNoun(event.type);
  return {
    eventId: event.eventId,
    streamId: event.streamId,
    globalPosition: event.globalPosition,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    occurredOn,
    recordedOn,
    party: safely(() => partyOf(event), 'admin' as TimelineParty),
    kind: event.type,
    summary: `${noun.charAt(0).toUpperCase()}${noun.slice(1)} could not be read`,
    category: null,
    links: safely(() => linksOf(event, concernIdOf(event), undefined), {}),
    flags: {
      recordedLate: recordedWorkingDaysAfter > lateAfter,
      recordedWorkingDaysAfter,
      corrected: null,
      retracted: null,
      superseded: null,
      unreadable: true,
    },
  };
}

function buildReadableTimeline(events: readonly RecordedEvent[], options: TimelineOptions): TimelineEntry[] {
  const clocks = withDefaultClocks(options.clocks);
  const corrections = resolveCorrections(events);
  const effective = effectiveEvents(events);
  const context = summaryContext(events, effective);
  const partyOf = partyResolver(events, options);
  const concerns = concernFacts(effective);
  const superseded = supersededVersions(effective);

  return [...events].sort(compareByOccurrence).map((event): TimelineEntry => {
    const concernId = concernIdOf(event);
    const concern = concernId ? concerns.get(concernId) : undefined;
    const occurredOn = toLondonDate(event.occurredAt);
    const recordedOn = toLondonDate(event.recordedAt);
    const recordedWorkingDaysAfter = workingDaysBetween(occurredOn, recordedOn);
    const flags: TimelineFlags = {
      recordedLate: recordedWorkingDaysAfter > clocks.lateRecordAfterWorkingDays,
      recordedWorkingDaysAfter,
      corrected: correctedFlag(event, corrections, (data) => summariseEvent(event, data, context)),
      retracted: retractedFlag(event, corrections),
      superseded: superseded.get(event.eventId) ?? null,
    };
    const tags = qualityTagsOf(event.type, corrections.correctedData.get(event.eventId) ?? event.data);
    return {
      eventId: event.eventId,
      streamId: event.streamId,
      globalPosition: event.globalPosition,
      occurredAt: event.occurredAt,
      recordedAt: event.recordedAt,
      occurredOn,
      recordedOn,
      party: partyOf(event),
      kind: event.type,
      summary: summariseEvent(event, event.data, context),
      category: concern?.category ?? null,
      ...(tags.length > 0 ? { tags } : {}),
      links: linksOf(event, concernId, concern),
      flags,
    };
  });
}

function correctedFlag(event: RecordedEvent, index: CorrectionIndex, summarise: (data: Record<string, unknown>) => string): TimelineFlags['corrected'] {
  const notes = index.correctedBy.get(event.eventId);
  if (!notes || notes.length === 0) return null;
  return {
    byEventIds: notes.map((n) => n.eventId),
    reasons: notes.map((n) => n.reason),
    changes: Object.assign({}, ...notes.map((n) => n.changes)),
    summaryAfterCorrection: summarise(index.correctedData.get(event.eventId) ?? event.data),
  };
}

function retractedFlag(event: RecordedEvent, index: CorrectionIndex): TimelineFlags['retracted'] {
  const note = index.retractedBy.get(event.eventId);
  return note ? { byEventId: note.eventId, reason: note.reason } : null;
}

function concernFacts(effective: readonly EffectiveEvent[]): Map<string, ConcernFacts> {
  const facts = new Map<string, ConcernFacts>();
  for (const e of effective) {
    if (isEvent(e, 'ConcernRaised') && !facts.has(e.data.concernId)) {
      const { category, serviceId, providerId, councilId, contractId } = e.data;
      facts.set(e.data.concernId, { category, serviceId, providerId, councilId, contractId });
    }
  }
  return facts;
}

/**
 * Plan versions (their submission and acceptance entries) that a later accepted version replaced:
 * each is superseded by the first acceptance of a higher version that happened after it. Retracted
 * acceptances supersede nothing.
 */
function supersededVersions(effective: readonly EffectiveEvent[]): Map<string, { byEventId: string; byVersion: number }> {
  const result = new Map<string, { byEventId: string; byVersion: number }>();
  const ordered = [...effective].sort(compareByOccurrence);
  const acceptances = new Map<string | null, EffectiveEvent[]>();
  for (const e of ordered) {
    if (e.type === 'ActionPlanAccepted') acceptances.set(concernIdOf(e), [...(acceptances.get(concernIdOf(e)) ?? []), e]);
  }
  for (const event of ordered) {
    if (event.type !== 'ActionPlanSubmitted' && event.type !== 'ActionPlanAccepted') continue;
    const version = Number(event.data['version']);
    const later = (acceptances.get(concernIdOf(event)) ?? []).find((a) => compareByOccurrence(a, event) > 0 && Number(a.data['version']) > version);
    if (later) result.set(event.eventId, { byEventId: later.eventId, byVersion: Number(later.data['version']) });
  }
  return result;
}

function linksOf(event: RecordedEvent, concernId: string | null, concern: ConcernFacts | undefined): TimelineLinks {
  const d = event.data;
  const text = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  const links: TimelineLinks = {
    concernId: concernId ?? undefined,
    serviceId: serviceIdOf(event) ?? concern?.serviceId,
    providerId: text('providerId') ?? concern?.providerId,
    councilId: text('councilId') ?? concern?.councilId,
    contractId: text('contractId') ?? (event.streamId.startsWith('contract-') ? event.streamId.slice('contract-'.length) : concern?.contractId),
    organisationId: event.streamId.startsWith('organisation-') ? event.streamId.slice('organisation-'.length) : undefined,
    actionId: text('actionId'),
    planVersion: typeof d['version'] === 'number' ? d['version'] : typeof d['planVersion'] === 'number' ? d['planVersion'] : undefined,
    targetEventId: text('targetEventId'),
  };
  return Object.fromEntries(Object.entries(links).filter(([, v]) => v !== undefined)) as TimelineLinks;
}
