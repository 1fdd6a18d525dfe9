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

/**
 * Successive logs of one fold share their storage, so folding an event costs the same however many
 * came before it (it used to copy every earlier entry: O(n) per event, O(n^2) per fold; issue 12).
 *
 * A `Journal` is append-only and owned by one line of folds. A `MapView` is a log's map as of one of
 * the journal's writes: it sees no key written after it, and for a key written again it sees the value
 * it had then. Folding onto a log whose journal has since moved on (the same log folded twice, with
 * different events) first copies what that log sees into a journal of its own. So a log never changes
 * once built, whatever is folded after it.
 */
class Journal<T> {
  /** Keys in the order first written. */
  readonly keys: string[] = [];
  /** Per key, the write numbers at which it was written (ascending) and the values written. */
  readonly slots = new Map<string, { at: number[]; values: T[] }>();
  writes = 0;
}

class MapView<T> {
  constructor(
    readonly journal: Journal<T>,
    /** The journal's write count when this view was made. */
    readonly writes: number,
    /** How many keys had been written by then (they are the journal's first `size` keys). */
    readonly size: number,
  ) {}

  static empty<T>(): MapView<T> {
    return new MapView(new Journal<T>(), 0, 0);
  }

  static of<T>(record: Record<string, T>): MapView<T> {
    let view = MapView.empty<T>();
    for (const key of Object.keys(record)) view = view.set(key, record[key]);
    return view;
  }

  get(key: string): T | undefined {
    const slot = this.journal.slots.get(key);
    if (!slot) return undefined;
    for (let i = slot.at.length - 1; i >= 0; i -= 1) if (slot.at[i] <= this.writes) return slot.values[i];
    return undefined;
  }

  keys(): string[] {
    return this.journal.keys.slice(0, this.size);
  }

  set(key: string, value: T): MapView<T> {
    const base = this.journal.writes === this.writes ? this : this.fork();
    const journal = base.journal;
    journal.writes += 1;
    const slot = journal.slots.get(key);
    if (slot) {
      slot.at.push(journal.writes);
      slot.values.push(value);
    } else {
      journal.slots.set(key, { at: [journal.writes], values: [value] });
      journal.keys.push(key);
    }
    return new MapView(journal, journal.writes, journal.keys.length);
  }

  /** What this view sees, in a journal of its own (once per fork: O(size)). */
  private fork(): MapView<T> {
    const journal = new Journal<T>();
    for (const key of this.keys()) {
      journal.keys.push(key);
      journal.slots.set(key, { at: [0], values: [this.get(key) as T] });
    }
    return new MapView(journal, 0, journal.keys.length);
  }
}

/** An append-only list shared by successive logs; each sees its first `length` items. */
class ListView<T> {
  constructor(
    private readonly items: T[],
    readonly length: number,
  ) {}

  push(item: T): ListView<T> {
    const items = this.items.length === this.length ? this.items : this.items.slice(0, this.length);
    items.push(item);
    return new ListView(items, this.length + 1);
  }

  toArray(): T[] {
    return this.items.slice(0, this.length);
  }
}

/**
 * A map view as a read-only plain record: `record[key]`, `key in record`, `Object.keys`/`values`,
 * JSON.stringify and jest's equality all see exactly the view's keys and values; writes are refused.
 */
class RecordViewHandler<T> implements ProxyHandler<Record<string, T>> {
  constructor(readonly view: MapView<T>) {}

  get(target: Record<string, T>, key: string | symbol, receiver: unknown): unknown {
    if (typeof key === 'string') {
      const value = this.view.get(key);
      if (value !== undefined) return value;
    }
    return Reflect.get(target, key, receiver);
  }

  has(target: Record<string, T>, key: string | symbol): boolean {
    return (typeof key === 'string' && this.view.get(key) !== undefined) || Reflect.has(target, key);
  }

  ownKeys(): string[] {
    return this.view.keys();
  }

  getOwnPropertyDescriptor(_target: Record<string, T>, key: string | symbol): PropertyDescriptor | undefined {
    const value = typeof key === 'string' ? this.view.get(key) : undefined;
    return value === undefined ? undefined : { value, writable: false, enumerable: true, configurable: true };
  }

  set(): boolean {
    return false;
  }

  defineProperty(): boolean {
    return false;
  }

  deleteProperty(): boolean {
    return false;
  }

  setPrototypeOf(): boolean {
    return false;
  }

  preventExtensions(): boolean {
    return false;
  }
}

const asRecord = <T>(view: MapView<T>): Record<string, T> => new Proxy<Record<string, T>>({}, new RecordViewHandler(view));

interface LogParts {
  entries: MapView<LoggedEntry>;
  comments: ListView<RecordComment>;
  corrections: MapView<RecordCorrection[]>;
  retractions: MapView<RecordRetraction>;
}

/**
 * A RecordLog built by evolveRecordLog: its own enumerable fields are the plain RecordLog's (maps as
 * read-only records, comments as an array made on first read), so readers, JSON and equality see a
 * plain log; the shared parts behind them are what the next fold extends.
 */
class FoldedLog implements RecordLog {
  readonly #parts: LogParts;
  readonly entries: Record<string, LoggedEntry>;
  declare readonly comments: RecordComment[];
  readonly corrections: Record<string, RecordCorrection[]>;
  readonly retractions: Record<string, RecordRetraction>;

  constructor(parts: LogParts, previous?: FoldedLog) {
    this.#parts = parts;
    const reuse = <K extends 'entries' | 'corrections' | 'retractions'>(key: K): RecordLog[K] =>
      previous && previous.#parts[key] === parts[key] ? previous[key] : (asRecord(parts[key] as MapView<never>) as RecordLog[K]);
    let comments: RecordComment[] | undefined;
    // Own fields in the plain log's order; comments become an array only when read.
    this.entries = reuse('entries');
    Object.defineProperty(this, 'comments', { get: () => (comments ??= parts.comments.toArray()), enumerable: true });
    this.corrections = reuse('corrections');
    this.retractions = reuse('retractions');
  }

  static partsOf(log: RecordLog): LogParts {
    if (log instanceof FoldedLog) return log.#parts;
    // A log from elsewhere (a snapshot's JSON, a test): taken in once, in its own order.
    let comments = new ListView<RecordComment>([], 0);
    for (const comment of log.comments) comments = comments.push(comment);
    return {
      entries: MapView.of(log.entries),
      comments,
      corrections: MapView.of(log.corrections),
      retractions: MapView.of(log.retractions),
    };
  }
}

export const initialRecordLog = (): RecordLog =>
  new FoldedLog({ entries: MapView.empty(), comments: new ListView<RecordComment>([], 0), corrections: MapView.empty(), retractions: MapView.empty() });

export const isRetracted = (log: RecordLog, eventId: string): boolean => eventId in log.retractions;

/**
 * Folds any event of the stream into the log; every decider's evolve calls this. O(1) per event: the
 * new log shares storage with the one it was folded from, which still reads exactly as it did.
 */
export function evolveRecordLog(log: RecordLog, event: Recorded): RecordLog {
  const parts = FoldedLog.partsOf(log);
  const entry: LoggedEntry = {
    eventId: event.eventId,
    type: event.type,
    organisationId: event.actor.organisationId,
    occurredAt: event.occurredAt,
    fields: Object.keys(event.data),
    data: event.data as Record<string, unknown>,
  };
  const next: LogParts = { ...parts, entries: parts.entries.set(event.eventId, entry) };
  const by = { eventId: event.eventId, organisationId: event.actor.organisationId, at: event.occurredAt };
  switch (event.type) {
    case 'CommentRecorded':
      next.comments = parts.comments.push({ ...by, ...event.data });
      break;
    // A target that is no event id (data written past the deciders: an import, an old version, a bug)
    // can name no entry: it is kept in the entries as it stands and indexes nothing.
    case 'EntryCorrected': {
      const target = event.data.targetEventId;
      if (typeof target !== 'string') break;
      const correction = { ...by, reason: event.data.reason, changes: event.data.changes };
      next.corrections = parts.corrections.set(target, [...(parts.corrections.get(target) ?? []), correction]);
      break;
    }
    case 'EntryRetracted':
      if (typeof event.data.targetEventId !== 'string') break;
      next.retractions = parts.retractions.set(event.data.targetEventId, { ...by, reason: event.data.reason });
      break;
    default:
      break;
  }
  return new FoldedLog(next, log instanceof FoldedLog ? log : undefined);
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
    .reduce<Record<string, unknown>>(
      (data, c) => {
        const changes = effectiveData(log, c.eventId)?.changes;
        return isObject(changes) ? { ...data, ...changes } : data;
      },
      { ...entry.data },
    );
}
