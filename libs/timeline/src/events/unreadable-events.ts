import type { RecordedEvent } from '@caretrail/event-store';
import { compareByPosition } from './event-order';

/**
 * An event a fold could not read: with it the fold throws, without it the fold completes. Typically
 * a correction whose `changes` hold a value of the wrong kind (a date that is no date), or an event
 * written by an older or buggy version, or imported.
 */
export interface UnreadableEvent {
  eventId: string;
  type: string;
  streamId: string;
  globalPosition: number;
  /** What the fold said when it met the event (for administrators; readers see only that it could not be read). */
  error: string;
}

export interface TolerantFold<T> {
  result: T;
  /** The events left out, in the order they were found; empty in the usual case. */
  unreadable: UnreadableEvent[];
}

/** More than this many unreadable events in one fold means the fold itself is broken: its error is thrown. */
export const MAX_UNREADABLE_EVENTS = 100;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs `fold` over `events`, and if it throws, leaves out the events that make it throw rather than
 * failing the whole scope: one bad event must not stop a timeline, a measure or a read model of every
 * other event. The culprit is found by bisecting the events in feed order: the fold over the first k
 * events works and over the first k + 1 it throws, so event k + 1 is what it cannot read (whatever
 * acts on an event, a correction or a retraction, comes after it in the feed). It is left out and the
 * fold is run again, until it completes. Deterministic, so a live view, a replay and an offline check
 * of a bundle leave out the same events. A fold that throws even over no events is not the events'
 * fault: its error is thrown. The usual case costs one fold; each unreadable event about log2(n) more.
 */
export function foldSkippingUnreadable<T>(events: readonly RecordedEvent[], fold: (events: readonly RecordedEvent[]) => T): TolerantFold<T> {
  const unreadable: UnreadableEvent[] = [];
  let kept: readonly RecordedEvent[] = events;
  for (;;) {
    let failure: unknown;
    try {
      return { result: fold(kept), unreadable };
    } catch (error) {
      failure = error;
    }
    if (unreadable.length >= MAX_UNREADABLE_EVENTS) throw failure;
    const inFeedOrder = [...kept].sort(compareByPosition);
    // The fold over the first `k` events in feed order, the input's own order kept: its error, or null.
    const failsWith = (k: number): { error: unknown } | null => {
      const allowed = new Set(inFeedOrder.slice(0, k));
      try {
        fold(kept.filter((e) => allowed.has(e)));
        return null;
      } catch (error) {
        return { error };
      }
    };
    if (failsWith(0)) throw failure;
    let works = 0;
    let fails = inFeedOrder.length;
    let error = failure;
    while (fails - works > 1) {
      const middle = Math.floor((works + fails) / 2);
      const outcome = failsWith(middle);
      if (outcome) {
        fails = middle;
        error = outcome.error;
      } else {
        works = middle;
      }
    }
    const culprit = inFeedOrder[fails - 1];
    unreadable.push({
      eventId: culprit.eventId,
      type: culprit.type,
      streamId: culprit.streamId,
      globalPosition: culprit.globalPosition,
      error: messageOf(error),
    });
    kept = kept.filter((e) => e !== culprit);
  }
}
