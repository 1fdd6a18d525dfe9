import type { EventStore, RecordedEvent, SubscribeOptions } from '@caretrail/event-store';

/** Runs a subscription in the background and keeps what it delivers, for tests to wait on. */
export class FeedRecorder {
  readonly events: RecordedEvent[] = [];
  /** Settles when the subscription's loop has ended (rejects if the iterator threw). */
  readonly done: Promise<void>;
  private readonly controller = new AbortController();
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(store: EventStore, options: Omit<SubscribeOptions, 'signal'> = {}) {
    this.done = (async () => {
      for await (const event of store.subscribe({ ...options, signal: this.controller.signal })) {
        this.events.push(event);
        this.waiters = this.waiters.filter((w) => (this.events.length >= w.count ? (w.resolve(), false) : true));
      }
    })();
    // Surfaced through waitFor/stop; never an unhandled rejection.
    this.done.catch(() => undefined);
  }

  /** Resolves once `count` events have arrived; rejects after `timeoutMs` or if the subscription fails. */
  waitFor(count: number, timeoutMs: number): Promise<void> {
    if (this.events.length >= count) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Subscription delivered ${this.events.length} of ${count} events within ${timeoutMs} ms`)), timeoutMs);
      const waiter = {
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
      this.done.then(
        () => {
          clearTimeout(timer);
          if (this.events.length < count) reject(new Error(`Subscription ended after ${this.events.length} of ${count} events`));
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /** Aborts the subscription and waits for its loop to end. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
