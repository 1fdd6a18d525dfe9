import { InvalidAppendError } from './event-store.errors';
import type { AppendResult } from './event-store.port';
import type { NewEvent, RecordedEvent } from './recorded-event';

/**
 * A batch whose first event is already stored in `streamId` is a retry: it must match the stored
 * events id for id, at consecutive versions, and then gets the first append's result back.
 * `stored` holds the stream's events from the first id's version on, at most `batch.length` of them.
 */
export function resultOfRepeat(streamId: string, batch: readonly NewEvent[], stored: readonly RecordedEvent[]): AppendResult {
  for (let i = 0; i < batch.length; i++) {
    if (stored[i]?.eventId !== batch[i].eventId) {
      throw new InvalidAppendError(
        `Event ${batch[i].eventId} does not match the events already stored in ${streamId} ` +
          `(the batch repeats ${batch[0].eventId} but differs from it at position ${i + 1})`,
      );
    }
  }
  const last = stored[batch.length - 1];
  return {
    streamId,
    nextExpectedVersion: last.streamVersion,
    lastGlobalPosition: last.globalPosition,
    events: stored.slice(0, batch.length),
  };
}

export function storedElsewhereError(eventId: string, streamId: string, storedIn: string): InvalidAppendError {
  return new InvalidAppendError(`Event ${eventId} cannot be appended to ${streamId}: it is already stored in ${storedIn}`);
}
