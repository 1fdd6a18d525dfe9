/**
 * A sleep that a signal cuts short. A signal that lands while nobody sleeps is remembered, so a
 * poke during a page's transaction makes the next wait return at once instead of being lost.
 */
export class WakeupSignal {
  private pending = false;
  private waiters = new Set<() => void>();

  readonly notify = (): void => {
    this.pending = true;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  };

  /** Forget earlier signals: called just before looking, which sees whatever they announced. */
  clear(): void {
    this.pending = false;
  }

  /** Resolves on the next notify, after `ms`, or when `stop` aborts; leaves no timer behind. */
  wait(ms: number, stop?: AbortSignal): Promise<void> {
    if (this.pending || stop?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        stop?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stop?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
