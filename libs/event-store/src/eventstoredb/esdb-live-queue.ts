/**
 * Hands a push-based subscription's events to an async iterator one at a time, without relying on
 * the stream's own end events (a cancelled gRPC stream may never emit 'end'). Pauses the source
 * above `highWater` queued events and resumes it once the consumer has taken them.
 */
export class LiveQueue<T> {
  private readonly items: T[] = [];
  private failure: { error: unknown } | undefined;
  private ended = false;
  private paused = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly highWater: number,
    private readonly pause: () => void,
    private readonly resume: () => void,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (!this.paused && this.items.length >= this.highWater) {
      this.paused = true;
      this.pause();
    }
    this.wake?.();
  }

  fail(error: unknown): void {
    this.failure ??= { error };
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * The next event; `undefined` once the source ended or `signal` aborted. Events already queued
   * come before a failure or the end; a failure is thrown once they are taken.
   */
  async next(signal: AbortSignal): Promise<T | undefined> {
    for (;;) {
      if (signal.aborted) return undefined;
      if (this.items.length > 0) {
        const item = this.items.shift() as T;
        if (this.paused && this.items.length <= this.highWater / 2) {
          this.paused = false;
          this.resume();
        }
        return item;
      }
      if (this.failure) throw this.failure.error;
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          this.wake = undefined;
          resolve();
        };
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }
}
