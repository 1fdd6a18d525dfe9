import type { Folder } from '@caretrail/application';
import { effectiveData, type Recorded, type RecordLog } from '@caretrail/domain';

/** A record's state as it reads now (corrections applied) beside the state as recorded. */
export interface CorrectedRecord<S> {
  /** The state folded from the events as recorded (what commands decide on). */
  recorded: S;
  /** The same state folded from the entries as corrected; the very same object while nothing is corrected. */
  corrected: S;
}

/** One field of a corrected entry: what it first said and what it says now. */
export interface CorrectedField {
  field: string;
  before: unknown;
  after: unknown;
}

/** A corrected entry, as the record read marks it: which entry, each changed field before and after, and why. */
export interface CorrectionMark {
  eventId: string;
  entryType: string;
  /** When the corrected entry happened. */
  occurredAt: string;
  fields: CorrectedField[];
  reasons: string[];
  /** The standing corrections, oldest first. */
  correctionEventIds: string[];
  correctedAt: string;
}

/** A withdrawn entry: it stays in the record, marked, with the reason. */
export interface RetractionMark {
  eventId: string;
  entryType: string;
  occurredAt: string;
  reason: string;
  retractedAt: string;
  retractionEventId: string;
}

type WithLog = { log: RecordLog };

const isRetracted = (log: RecordLog, eventId: string) => Object.hasOwn(log.retractions, eventId);

/** Whether the log holds a standing (not withdrawn) correction of any entry. */
export const anyStandingCorrection = (log: RecordLog): boolean => Object.values(log.corrections).some((list) => list.some((c) => !isRetracted(log, c.eventId)));

/**
 * Folds the stream's entries as they read now: each entry's data with its standing corrections applied
 * (the domain's effectiveData, as the timeline reads it). Folds read only an event's type, id, data,
 * occurredAt and organisation, which the log keeps for every entry.
 */
function foldCorrected<S extends WithLog>(folder: Folder<S>, log: RecordLog): S {
  let state = folder.initialState();
  let version = 0;
  for (const entry of Object.values(log.entries)) {
    version += 1;
    const event = {
      type: entry.type,
      eventId: entry.eventId,
      data: effectiveData(log, entry.eventId) ?? entry.data,
      occurredAt: entry.occurredAt,
      recordedAt: entry.occurredAt,
      streamVersion: version,
      actor: { organisationId: entry.organisationId, userId: '', role: '' },
    } as unknown as Recorded;
    state = folder.evolve(state, event);
  }
  return state;
}

const cache = new WeakMap<object, Folder<CorrectedRecord<never>>>();

/**
 * A folder for the executor's stream states (held, verified, only new events folded) that keeps the
 * record as recorded and as corrected side by side. A new event that is no correction or retraction is
 * folded into both (one evolve each); a correction or retraction refolds the corrected side from the
 * log once. So reading a corrected record costs the same however long it is.
 */
export function correctedFolder<S extends WithLog>(folder: Folder<S>): Folder<CorrectedRecord<S>> {
  const known = cache.get(folder);
  if (known) return known as unknown as Folder<CorrectedRecord<S>>;
  const made: Folder<CorrectedRecord<S>> = {
    initialState: () => {
      const initial = folder.initialState();
      return { recorded: initial, corrected: initial };
    },
    evolve: (previous, event) => {
      const recorded = folder.evolve(previous.recorded, event);
      if (event.type === 'EntryCorrected' || event.type === 'EntryRetracted') {
        if (!anyStandingCorrection(recorded.log)) return { recorded, corrected: recorded };
        try {
          return { recorded, corrected: foldCorrected(folder, recorded.log) };
        } catch {
          // A correction the domain's evolve cannot read leaves the record as recorded (the timeline marks it unreadable).
          return { recorded, corrected: recorded };
        }
      }
      if (previous.corrected === previous.recorded) return { recorded, corrected: recorded };
      return { recorded, corrected: folder.evolve(previous.corrected, event) };
    },
  };
  cache.set(folder, made as unknown as Folder<CorrectedRecord<never>>);
  return made;
}

/** The corrected state of a record folded in one go (a replay, a whole stream already read). */
export function correctedStateOf<S extends WithLog>(folder: Folder<S>, recorded: S): S {
  if (!anyStandingCorrection(recorded.log)) return recorded;
  try {
    return foldCorrected(folder, recorded.log);
  } catch {
    return recorded;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const byOccurrence = <T extends { occurredAt: string }>(list: T[]): T[] => list.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));

/** Every corrected entry of the log, oldest entry first, each changed field before and after (walks the corrections, not the log). */
export function correctionMarks(log: RecordLog): CorrectionMark[] {
  const marks: CorrectionMark[] = [];
  for (const targetId of Object.keys(log.corrections)) {
    const entry = log.entries[targetId];
    const standing = (log.corrections[targetId] ?? []).filter((c) => !isRetracted(log, c.eventId));
    if (!entry || standing.length === 0) continue;
    const now = effectiveData(log, entry.eventId) ?? entry.data;
    const names = [
      ...new Set(standing.flatMap((c) => Object.keys((effectiveData(log, c.eventId)?.changes as Record<string, unknown> | undefined) ?? c.changes ?? {}))),
    ];
    const fields = names.filter((f) => !same(entry.data[f], now[f])).map((field) => ({ field, before: entry.data[field] ?? null, after: now[field] ?? null }));
    marks.push({
      eventId: entry.eventId,
      entryType: entry.type,
      occurredAt: entry.occurredAt,
      fields,
      reasons: standing.map((c) => String(effectiveData(log, c.eventId)?.reason ?? c.reason)),
      correctionEventIds: standing.map((c) => c.eventId),
      correctedAt: standing[standing.length - 1].at,
    });
  }
  return byOccurrence(marks);
}

/** Every withdrawn entry of the log, oldest entry first (walks the retractions, not the log). */
export function retractionMarks(log: RecordLog): RetractionMark[] {
  const marks: RetractionMark[] = [];
  for (const targetId of Object.keys(log.retractions)) {
    const entry = log.entries[targetId];
    const r = log.retractions[targetId];
    if (!entry || !r) continue;
    marks.push({
      eventId: entry.eventId,
      entryType: entry.type,
      occurredAt: entry.occurredAt,
      reason: r.reason,
      retractedAt: r.at,
      retractionEventId: r.eventId,
    });
  }
  return byOccurrence(marks);
}
