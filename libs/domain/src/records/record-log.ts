import type { CommentTopic } from '../events/record.events';
import type { Recorded } from '../shared/decider';
import type { Instant, Party } from '../shared/primitives';

/** What corrections need to know of every event in a stream: who recorded it and what it held. */
export interface LoggedEntry {
  eventId: string;
  type: string;
  organisationId: string;
  occurredAt: Instant;
  /** Top-level data fields, so a correction can only change fields the entry has. */
  fields: string[];
  /** The data as recorded, so a correction is checked against the entry it corrects. */
  data: Record<string, unknown>;
}

export interface RecordComment {
  eventId: string;
  commentId: string;
  party: Party;
  organisationId: string;
  topic: CommentTopic;
  text: string;
  at: Instant;
}

export interface RecordCorrection {
  eventId: string;
  organisationId: string;
  reason: string;
  changes: Record<string, unknown>;
  at: Instant;
}

export interface RecordRetraction {
  eventId: string;
  organisationId: string;
  reason: string;
  at: Instant;
}

/** The part of every record's state that comments, corrections and retractions use and readers show. */
export interface RecordLog {
  /** Every event seen, by event id, in stream order. */
  entries: Record<string, LoggedEntry>;
  comments: RecordComment[];
  /** Corrections by the id of the event they correct, oldest first. */
  corrections: Record<string, RecordCorrection[]>;
  /** Retractions by the id of the event they withdraw (at most one each). */
  retractions: Record<string, RecordRetraction>;
}

export const initialRecordLog = (): RecordLog => ({ entries: {}, comments: [], corrections: {}, retractions: {} });

export const isRetracted = (log: RecordLog, eventId: string): boolean => eventId in log.retractions;

/** Folds any event of the stream into the log; every decider's evolve calls this. */
export function evolveRecordLog(log: RecordLog, event: Recorded): RecordLog {
  const entry: LoggedEntry = {
    eventId: event.eventId,
    type: event.type,
    organisationId: event.actor.organisationId,
    occurredAt: event.occurredAt,
    fields: Object.keys(event.data),
    data: event.data as Record<string, unknown>,
  };
  const next: RecordLog = { ...log, entries: { ...log.entries, [event.eventId]: entry } };
  const by = { eventId: event.eventId, organisationId: event.actor.organisationId, at: event.occurredAt };
  switch (event.type) {
    case 'CommentRecorded':
      return { ...next, comments: [...log.comments, { ...by, ...event.data }] };
    case 'EntryCorrected': {
      const target = event.data.targetEventId;
      const correction = { ...by, reason: event.data.reason, changes: event.data.changes };
      return { ...next, corrections: { ...log.corrections, [target]: [...(log.corrections[target] ?? []), correction] } };
    }
    case 'EntryRetracted':
      return { ...next, retractions: { ...log.retractions, [event.data.targetEventId]: { ...by, reason: event.data.reason } } };
    default:
      return next;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An entry's data as it reads now: its standing corrections applied oldest first, each correction as
 * it reads itself (a correction may be corrected), retracted ones left out; as the timeline reads it.
 * `without` leaves one correction out (the one being replaced). Unknown ids give null.
 */
export function effectiveData(log: RecordLog, eventId: string, without?: string): Record<string, unknown> | null {
  const entry = log.entries[eventId];
  if (!entry) return null;
  return (log.corrections[eventId] ?? [])
    .filter((c) => c.eventId !== without && !isRetracted(log, c.eventId))
    .reduce<Record<string, unknown>>((data, c) => {
      const changes = effectiveData(log, c.eventId)?.changes;
      return isObject(changes) ? { ...data, ...changes } : data;
    }, { ...entry.data });
}
