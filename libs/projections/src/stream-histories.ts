import type { EventStore, ReadStreamOptions, RecordedEvent } from '@caretrail/event-store';

export type StreamReader = Pick<EventStore, 'readStream'>;

/** Events held at most, across all streams: about 1 KiB each in memory (so about 10 MiB). */
export const DEFAULT_HISTORY_CAPACITY = 10_000;

/**
 * Stream histories kept between pages for projections that fold a whole stream again whenever a page
 * touches it (the timeline and the dashboards). Events are immutable and a stream's versions are
 * dense, so a kept prefix is always true: a page's events extend it without a read when they follow
 * it, and a read asks the store only for the versions not kept. Least recently used streams are
 * dropped first once `capacity` events are held. Several runners (the serving generation and a
 * rebuild) may share one: each asks for the versions it needs and gets exactly those.
 */
export class StreamHistories implements StreamReader {
  private readonly kept = new Map<string, RecordedEvent[]>();
  private held = 0;

  constructor(
    private readonly store: StreamReader,
    private readonly capacity = DEFAULT_HISTORY_CAPACITY,
  ) {}

  /** Wraps a reader, or hands back the one given when it already keeps histories. */
  static over(reader: StreamReader): StreamHistories {
    return reader instanceof StreamHistories ? reader : new StreamHistories(reader);
  }

  /** Extends the kept prefixes with a page of the feed (in feed order). */
  notePage(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      const history = this.kept.get(event.streamId);
      if (history && history.length === event.streamVersion - 1) {
        history.push(event);
        this.held += 1;
      } else if (!history && event.streamVersion === 1) {
        this.keep(event.streamId, [event]);
      }
    }
    this.trim();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion;
    let history = this.kept.get(streamId);
    if (!history || to === undefined || history.length < to) {
      // A copy: notePage may extend the kept array while the read is awaited.
      const prefix = history ? history.slice() : [];
      const missing = await this.store.readStream(streamId, { fromVersion: prefix.length + 1, toVersion: to });
      const joined = prefix.concat(missing);
      // Meanwhile another caller may have kept a longer prefix; both are true, keep the longer.
      const now = this.kept.get(streamId);
      history = now && now.length >= joined.length ? now : joined;
      if (history.length > 0 && history[0].streamVersion === 1 && history[history.length - 1].streamVersion === history.length) {
        this.keep(streamId, history);
        this.trim();
      }
    } else {
      // Most recently used: move to the end of the map's order.
      this.kept.delete(streamId);
      this.kept.set(streamId, history);
    }
    return history.slice(from - 1, to);
  }

  /** Events held now (for tests and the bench). */
  get size(): number {
    return this.held;
  }

  private keep(streamId: string, history: RecordedEvent[]): void {
    this.held -= this.kept.get(streamId)?.length ?? 0;
    this.kept.delete(streamId);
    this.kept.set(streamId, history);
    this.held += history.length;
  }

  private trim(): void {
    for (const [streamId, history] of this.kept) {
      if (this.held <= this.capacity) return;
      this.kept.delete(streamId);
      this.held -= history.length;
    }
  }
}
