import { setTimeout as sleep } from 'node:timers/promises';

/** Waits `ms`, or less when the signal aborts: how a stopping projector leaves its waits at once. */
export const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  sleep(ms, undefined, { signal }).catch((error: unknown) => {
    if ((error as { name?: string }).name !== 'AbortError') throw error;
  });
