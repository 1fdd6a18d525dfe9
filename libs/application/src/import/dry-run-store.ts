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
 * row against it exactly as it would for real, and nothing reaches the real store.
 */
export class DryRunStore implements EventStore {
  private readonly pending = new Map<string, RecordedEvent[]>();
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
    const all = [...(await this.real.readStream(streamId)), ...(this.pending.get(streamId) ?? [])];
    return all.filter((e) => e.streamVersion >= (options.fromVersion ?? 1) && e.streamVersion <= (options.toVersion ?? Number.MAX_SAFE_INTEGER));
  }

  async streamVersion(streamId: string): Promise<number> {
    const pending = this.pending.get(streamId);
    return pending?.length ? pending[pending.length - 1].streamVersion : this.real.streamVersion(streamId);
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
