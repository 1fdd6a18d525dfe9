import {
  eventHash,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllPage,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@caretrail/event-store';

/**
 * The store as a dry run sees it: everything already recorded, read from the real store, and what the
 * dry run "records" kept in memory only, chained and hashed as the store would. The domain decides each
 * row against it exactly as it would for real, and nothing reaches the real store. Each stream is read
 * from the real store once, when first touched, and kept: an import of the same file running at the same
 * moment may record into that stream meanwhile, and the dry run's own events must still follow on from
 * what it read (they would otherwise sit beside the other run's, at the same versions).
 */
export class DryRunStore implements EventStore {
  private readonly pending = new Map<string, RecordedEvent[]>();
  private readonly base = new Map<string, Promise<RecordedEvent[]>>();
  private position = 0;

  constructor(
    private readonly real: EventStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async init(): Promise<void> {}
  async close(): Promise<void> {}

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    const current = await this.streamVersion(streamId);
    if ((expected === 'no_stream' && current !== 0) || (typeof expected === 'number' && expected !== current)) {
      throw new WrongExpectedVersionError(streamId, expected, current);
    }
    if (this.position === 0) this.position = await this.real.headPosition();
    const before = await this.readStream(streamId, { fromVersion: current, toVersion: current });
    let previousHash = before[0]?.hash ?? null;
    const recordedAt = this.clock().toISOString();
    const recorded = events.map((e, i) => {
      const streamVersion = current + i + 1;
      const content = { ...e, causationId: e.causationId ?? null, commandId: e.commandId ?? null, streamId, recordedAt };
      const hash = eventHash(content, previousHash, streamVersion);
      const event: RecordedEvent = { ...content, streamVersion, globalPosition: ++this.position, previousHash, hash };
      previousHash = hash;
      return event;
    });
    this.pending.set(streamId, [...(this.pending.get(streamId) ?? []), ...recorded]);
    const last = recorded[recorded.length - 1];
    return { streamId, nextExpectedVersion: last.streamVersion, lastGlobalPosition: last.globalPosition, events: recorded };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const all = [...(await this.baseOf(streamId)), ...(this.pending.get(streamId) ?? [])];
    return all.filter((e) => e.streamVersion >= (options.fromVersion ?? 1) && e.streamVersion <= (options.toVersion ?? Number.MAX_SAFE_INTEGER));
  }

  async streamVersion(streamId: string): Promise<number> {
    const pending = this.pending.get(streamId);
    if (pending?.length) return pending[pending.length - 1].streamVersion;
    const base = await this.baseOf(streamId);
    return base.length ? base[base.length - 1].streamVersion : 0;
  }

  /** The stream as the real store held it when the dry run first read it. */
  private baseOf(streamId: string): Promise<RecordedEvent[]> {
    let base = this.base.get(streamId);
    if (!base) {
      base = this.real.readStream(streamId);
      this.base.set(streamId, base);
    }
    return base;
  }

  readAll(): Promise<ReadAllPage> {
    throw new Error('A dry run reads streams only');
  }

  async headPosition(): Promise<number> {
    return Math.max(this.position, await this.real.headPosition());
  }

  // eslint-disable-next-line require-yield
  async *subscribe(): AsyncIterable<RecordedEvent> {
    throw new Error('A dry run reads streams only');
  }
}
