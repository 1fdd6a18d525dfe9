import type { RecordedEvent } from '@caretrail/event-store';
import { compareByPosition } from './event-order';

export interface CorrectionNote {
  eventId: string;
  reason: string;
  changes: Record<string, unknown>;
  occurredAt: string;
  recordedAt: string;
}

export interface RetractionNote {
  eventId: string;
  reason: string;
  occurredAt: string;
  recordedAt: string;
}

/** What the corrections among a set of events do to the others. */
export interface CorrectionIndex {
  /** Standing corrections by target event id, oldest first. A retracted correction is not here. */
  correctedBy: ReadonlyMap<string, readonly CorrectionNote[]>;
  /** The standing retraction of each withdrawn event. */
  retractedBy: ReadonlyMap<string, RetractionNote>;
  /** Each corrected event's data with its corrections applied in order. */
  correctedData: ReadonlyMap<string, Record<string, unknown>>;
}

const isCorrection = (e: RecordedEvent) => e.type === 'EntryCorrected';
const isRetraction = (e: RecordedEvent) => e.type === 'EntryRetracted';

/**
 * Resolves corrections and retractions, including those aimed at a correction (a correction may
 * itself be corrected or retracted; a retraction stands). Events are walked newest first: whatever
 * targets an event comes after it in its stream, so when an event is reached everything that acts on
 * it is already known, and its own effect (if it is a correction) can be passed on to its target.
 */
export function resolveCorrections(events: readonly RecordedEvent[]): CorrectionIndex {
  const newestFirst = [...events].sort(compareByPosition).reverse();
  const pending = new Map<string, CorrectionNote[]>();
  const correctedBy = new Map<string, CorrectionNote[]>();
  const retractedBy = new Map<string, RetractionNote>();
  const correctedData = new Map<string, Record<string, unknown>>();

  for (const event of newestFirst) {
    if (retractedBy.has(event.eventId)) continue;
    const notes = (pending.get(event.eventId) ?? []).reverse(); // collected newest first; apply oldest first
    let data = event.data;
    if (notes.length > 0) {
      data = notes.reduce((acc, note) => ({ ...acc, ...note.changes }), { ...event.data });
      correctedBy.set(event.eventId, notes);
      correctedData.set(event.eventId, data);
    }
    const target = typeof data['targetEventId'] === 'string' ? data['targetEventId'] : null;
    if (target === null) continue;
    const by = { eventId: event.eventId, reason: String(data['reason'] ?? ''), occurredAt: event.occurredAt, recordedAt: event.recordedAt };
    if (isRetraction(event)) retractedBy.set(target, by);
    if (isCorrection(event)) {
      const changes = (data['changes'] ?? {}) as Record<string, unknown>;
      pending.set(target, [...(pending.get(target) ?? []), { ...by, changes }]);
    }
  }
  return { correctedBy, retractedBy, correctedData };
}

/** A stored event as the measures see it: corrections applied, with the ids of those corrections. */
export type EffectiveEvent = RecordedEvent & { correctedBy: readonly string[] };

/**
 * The facts the measures are computed from: every event that is neither withdrawn nor itself a
 * correction or retraction, with its standing corrections applied over its data (a shallow merge:
 * `changes` holds whole top-level fields). The originals stay on the timeline; only the measures
 * read these. Input order is kept.
 */
export function effectiveEvents(events: readonly RecordedEvent[]): EffectiveEvent[] {
  const { correctedBy, retractedBy, correctedData } = resolveCorrections(events);
  return events
    .filter((e) => !isCorrection(e) && !isRetraction(e) && !retractedBy.has(e.eventId))
    .map((e) => ({
      ...e,
      data: correctedData.get(e.eventId) ?? e.data,
      correctedBy: (correctedBy.get(e.eventId) ?? []).map((note) => note.eventId),
    }));
}

/** The ids a reader needs to check a figure by hand: each event used and the corrections it carries. */
export function evidenceIds(events: readonly (EffectiveEvent | null | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    if (!event) continue;
    ids.add(event.eventId);
    for (const id of event.correctedBy) ids.add(id);
  }
  return [...ids];
}
