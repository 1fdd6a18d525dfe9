import { randomUUID } from 'node:crypto';
import type {
  EsdbAllRead,
  EsdbAppendOutcome,
  EsdbGateway,
  EsdbLiveHandlers,
  EsdbLiveSubscription,
  EsdbProposedEvent,
  EsdbStoredEvent,
  EsdbStreamRead,
} from '../esdb-gateway';
import type { EsdbPosition } from '../esdb-positions';
import type { EsdbExpectedRevision } from '../esdb-revisions';

/**
 * A test double of one EventStoreDB node, for running the adapter's logic (and the contract suite)
 * where no server is available. It follows the server where the adapter depends on it:
 * - positions are byte offsets of records in one log (not dense), commit === prepare per event;
 * - appends check the expected revision as the server's CheckCommit does, including its idempotency:
 *   an append at an older revision whose ids match the events stored after it succeeds, writing
 *   nothing (reported without a position); a partial match is a wrong expected version;
 * - forward reads of $all include the event at the start position, backward reads stop before it;
 *   a position that is not a record's start fails, as the server's InvalidPosition does;
 * - subscriptions start after their position, then follow live;
 * - other writers' records (statistics, here) share the log and must be filtered out.
 * It is a double, not a proof: the contract suite also runs against a real server where one exists.
 */
export interface InMemoryEsdbOptions {
  /** Writes a system record after every append, as a busy server's other streams would. Default true. */
  noise?: boolean;
}

interface LogRecord {
  streamName: string;
  id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  position: bigint;
}

interface Subscriber {
  prefixes: readonly string[];
  next: number;
  paused: boolean;
  closed: boolean;
  scheduled: boolean;
  handlers: EsdbLiveHandlers;
}

const errorOf = (type: string, message: string, extra: Record<string, unknown> = {}): Error => Object.assign(new Error(message), { type, ...extra });

export class InMemoryEsdbServer {
  /** Appends the server wrote. */
  writes = 0;
  /** Appends the server recognised as repeats of stored events and so did not write. */
  idempotentRepeats = 0;
  /** While true every call fails as an unreachable server's would. */
  unavailable = false;
  private readonly log: LogRecord[] = [];
  private readonly streams = new Map<string, number[]>();
  private readonly byPosition = new Map<bigint, number>();
  private end = 0n;
  private readonly subscribers = new Set<Subscriber>();

  constructor(private readonly options: InMemoryEsdbOptions = {}) {
    // The log never starts with a user event: the server writes its own records first.
    this.write('$epoch', [{ id: '00000000-0000-4000-8000-000000000001', type: '$epoch-information', data: {}, metadata: {} }]);
  }

  connect(): EsdbGateway {
    return new InMemoryEsdbGateway(this);
  }

  /** Every stored record of a stream, as the server holds it (for tests that inspect ESDB directly). */
  streamNames(): string[] {
    return [...this.streams.keys()];
  }

  append(streamName: string, events: readonly EsdbProposedEvent[], expected: EsdbExpectedRevision): EsdbAppendOutcome {
    this.check();
    const indexes = this.streams.get(streamName) ?? [];
    const current = BigInt(indexes.length - 1); // -1: no stream
    const ids = events.map((e) => e.id.toLowerCase());
    const wrong = () =>
      errorOf('wrong-expected-version', `Wrong expected version for ${streamName}`, {
        streamName,
        expectedVersion: expected,
        actualVersion: current < 0n ? 'no_stream' : current,
      });

    if (expected === 'any') {
      const at = indexes.findIndex((i) => this.log[i].id === ids[0]);
      if (at >= 0) {
        const matches = ids.every((id, k) => indexes[at + k] !== undefined && this.log[indexes[at + k]].id === id);
        if (!matches) throw wrong();
        this.idempotentRepeats += 1;
        return { nextExpectedRevision: BigInt(at + ids.length - 1) };
      }
    } else {
      const revision = expected === 'no_stream' ? -1n : expected;
      if (revision > current) throw wrong();
      if (revision < current) {
        // CheckCommit: the ids must be the events stored right after the expected revision.
        const start = Number(revision) + 1;
        const matches = ids.every((id, k) => indexes[start + k] !== undefined && this.log[indexes[start + k]].id === id);
        if (!matches) throw wrong();
        this.idempotentRepeats += 1;
        return { nextExpectedRevision: BigInt(start + ids.length - 1) };
      }
    }
    const written = this.write(streamName, events);
    this.writes += 1;
    if (this.options.noise ?? true) {
      this.write('$stats-127.0.0.1:2113', [{ id: randomUUID(), type: '$statsCollected', data: { n: this.writes }, metadata: {} }]);
    }
    const last = written[written.length - 1];
    this.notify();
    return { nextExpectedRevision: last.revision, position: { commit: last.position, prepare: last.position } };
  }

  readStream(streamName: string, read: EsdbStreamRead): EsdbStoredEvent[] {
    this.check();
    const records = (this.streams.get(streamName) ?? []).map((i) => this.log[i]);
    if (records.length === 0) return [];
    let selected: LogRecord[];
    if (read.direction === 'forwards') {
      const from = read.from === 'start' ? 0n : read.from === 'end' ? BigInt(records.length) : read.from;
      selected = records.filter((r) => r.revision >= from);
    } else {
      const from = read.from === 'end' ? BigInt(records.length - 1) : read.from === 'start' ? 0n : read.from;
      selected = records.filter((r) => r.revision <= from).reverse();
    }
    return selected.slice(0, read.maxCount).map(toStored);
  }

  readAll(read: EsdbAllRead): EsdbStoredEvent[] {
    this.check();
    const matching = (r: LogRecord) => read.prefixes.some((p) => r.streamName.startsWith(p));
    if (read.direction === 'forwards') {
      const start = read.from === 'start' ? 0 : read.from === 'end' ? this.log.length : this.indexAt(read.from);
      return this.log.slice(start).filter(matching).slice(0, read.maxCount).map(toStored);
    }
    const stop = read.from === 'end' || read.from === 'start' ? (read.from === 'end' ? this.log.length : 0) : this.indexAt(read.from);
    return this.log.slice(0, stop).reverse().filter(matching).slice(0, read.maxCount).map(toStored);
  }

  subscribeAll(from: 'start' | EsdbPosition, prefixes: readonly string[], handlers: EsdbLiveHandlers): EsdbLiveSubscription {
    this.check();
    const next = from === 'start' ? 0 : this.indexAt(from) + 1;
    const subscriber: Subscriber = { prefixes, next, paused: false, closed: false, scheduled: false, handlers };
    this.subscribers.add(subscriber);
    this.schedule(subscriber);
    return {
      pause: () => {
        subscriber.paused = true;
      },
      resume: () => {
        subscriber.paused = false;
        this.schedule(subscriber);
      },
      close: async () => {
        subscriber.closed = true;
        this.subscribers.delete(subscriber);
      },
    };
  }

  /** Ends every live subscription with the error a dropped connection gives. */
  dropSubscriptions(): void {
    for (const s of [...this.subscribers]) {
      this.subscribers.delete(s);
      s.closed = true;
      s.handlers.error(errorOf('unavailable', 'Connection dropped'));
    }
  }

  private check(): void {
    if (this.unavailable) throw errorOf('unavailable', 'No connection established');
  }

  /** Index of the record starting at `position`; the log's end is allowed; anything else is invalid. */
  private indexAt(position: EsdbPosition): number {
    if (position.commit !== position.prepare) throw errorOf('unknown', 'Invalid position: commit and prepare differ');
    if (position.commit === this.end) return this.log.length;
    if (position.commit > this.end) return this.log.length;
    const index = this.byPosition.get(position.commit);
    if (index === undefined) throw errorOf('unknown', `Invalid position ${position.commit}: not the start of a record`);
    return index;
  }

  private write(streamName: string, events: readonly EsdbProposedEvent[]): LogRecord[] {
    const indexes = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, indexes);
    return events.map((e) => {
      const data = JSON.stringify(e.data);
      const metadata = JSON.stringify(e.metadata);
      const record: LogRecord = {
        streamName,
        id: e.id.toLowerCase(),
        revision: BigInt(indexes.length),
        type: e.type,
        data,
        metadata,
        position: this.end,
      };
      this.end += BigInt(80 + streamName.length + e.type.length + Buffer.byteLength(data) + Buffer.byteLength(metadata));
      this.byPosition.set(record.position, this.log.length);
      indexes.push(this.log.length);
      this.log.push(record);
      return record;
    });
  }

  private notify(): void {
    for (const s of this.subscribers) this.schedule(s);
  }

  private schedule(s: Subscriber): void {
    if (s.scheduled) return;
    s.scheduled = true;
    setImmediate(() => {
      s.scheduled = false;
      while (!s.closed && !s.paused && s.next < this.log.length) {
        const record = this.log[s.next++];
        if (s.prefixes.some((p) => record.streamName.startsWith(p))) s.handlers.event(toStored(record));
      }
    });
  }
}

function toStored(r: LogRecord): EsdbStoredEvent {
  return {
    streamName: r.streamName,
    id: r.id,
    revision: r.revision,
    type: r.type,
    data: JSON.parse(r.data),
    metadata: JSON.parse(r.metadata),
    position: { commit: r.position, prepare: r.position },
  };
}

/** One connection to the double; disposing it leaves the server (and other connections) running. */
class InMemoryEsdbGateway implements EsdbGateway {
  private disposed = false;
  private readonly subscriptions = new Set<EsdbLiveSubscription>();

  constructor(private readonly server: InMemoryEsdbServer) {}

  async append(streamName: string, events: readonly EsdbProposedEvent[], expected: EsdbExpectedRevision): Promise<EsdbAppendOutcome> {
    await this.turn();
    return this.server.append(streamName, events, expected);
  }

  async readStream(streamName: string, read: EsdbStreamRead): Promise<EsdbStoredEvent[]> {
    await this.turn();
    return this.server.readStream(streamName, read);
  }

  async readAll(read: EsdbAllRead): Promise<EsdbStoredEvent[]> {
    await this.turn();
    return this.server.readAll(read);
  }

  subscribeAll(from: 'start' | EsdbPosition, prefixes: readonly string[], handlers: EsdbLiveHandlers): EsdbLiveSubscription {
    if (this.disposed) throw errorOf('unavailable', 'Channel has been shut down');
    const subscription = this.server.subscribeAll(from, prefixes, handlers);
    this.subscriptions.add(subscription);
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
  }

  /** Every call crosses an await, as a network call would, so concurrent callers interleave. */
  private async turn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.disposed) throw errorOf('cancelled', 'Channel has been shut down');
  }
}
