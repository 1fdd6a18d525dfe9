import type { ReadAllOptions, ReadAllPage, SubscribeOptions } from './event-store.port';
import type { RecordedEvent } from './recorded-event';

export const DEFAULT_POLL_INTERVAL_MS = 200;
export const DEFAULT_SUBSCRIBE_BATCH = 500;

/**
 * Remembers that something was appended since the subscriber last looked, so a wake-up that lands
 * while a page is being read is not lost (the subscriber reads again at once instead of sleeping).
 */
export class FeedWakeup {
  private pending = false;
  private wake: (() => void) | undefined;

  readonly notify = (): void => {
    this.pending = true;
    this.wake?.();
  };

  /** Forget earlier wake-ups: called just before a read, which will see whatever they announced. */
  clear(): void {
    this.pending = false;
  }

  /** Resolves on the next notify, after `ms`, or when `signal` aborts; leaves no timer behind. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    if (this.pending || signal.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }
}

export interface FeedSource {
  readAll(options: ReadAllOptions): Promise<ReadAllPage>;
  /** Registers a listener for appends this process knows about; returns its removal. */
  onAppend(listener: () => void): () => void;
}

/**
 * Catch up page by page, then follow: sleep until an append is announced or the poll interval passes
 * (appends from other processes are only seen by the poll, or by a database notification the source
 * turns into onAppend). Ends, without error, once `stop` aborts.
 */
export async function* followFeed(
  source: FeedSource,
  options: SubscribeOptions,
  stop: AbortSignal,
  pollIntervalMs: number,
): AsyncGenerator<RecordedEvent, void, undefined> {
  const limit = options.batchSize ?? DEFAULT_SUBSCRIBE_BATCH;
  let after = options.after ?? 0;
  const wakeup = new FeedWakeup();
  const unlisten = source.onAppend(wakeup.notify);
  try {
    while (!stop.aborted) {
      wakeup.clear();
      let page: ReadAllPage;
      try {
        page = await source.readAll({ after, limit });
      } catch (error) {
        // A read cut short by close() or the caller's abort is the end, not a failure.
        if (stop.aborted) return;
        throw error;
      }
      for (const event of page.events) {
        if (stop.aborted) return;
        yield event;
        after = event.globalPosition;
      }
      if (page.isEnd) await wakeup.wait(pollIntervalMs, stop);
    }
  } finally {
    unlisten();
  }
}

/** One signal that aborts when either the caller's signal or the store's own (closed) does. */
export function eitherSignal(own: AbortSignal, caller: AbortSignal | undefined): AbortSignal {
  return caller ? AbortSignal.any([own, caller]) : own;
}
