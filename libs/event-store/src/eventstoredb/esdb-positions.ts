/**
 * How ESDB's transaction-log positions become the port's global positions, and back.
 *
 * An event appended through gRPC is written as a "self-committed" prepare record: ESDB reports its
 * position in $all as { commit: P, prepare: P }, P being the byte offset of the record in the log,
 * even for the second and later events of a multi-event append (each has its own record and offset).
 * So for CareTrail's events commit === prepare, and that one number is the global position:
 * unique, strictly increasing in $all order, not dense (it grows by each record's size), and the
 * same number is a valid place to resume reading from.
 *
 * Limits: the number is exact up to 2^53 - 1 bytes of log (8 PiB); beyond that, or for an event
 * whose commit and prepare differ (written through the legacy TCP API's explicit transactions,
 * which CareTrail never uses), toGlobalPosition refuses rather than guess.
 */

export interface EsdbPosition {
  commit: bigint;
  prepare: bigint;
}

export const START = 'start' as const;
export const END = 'end' as const;
export type EsdbReadFrom = typeof START | typeof END | EsdbPosition;

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

export class UnmappablePositionError extends Error {
  override readonly name = 'UnmappablePositionError';
}

/** The port's global position of an event ESDB reported at `position`. */
export function toGlobalPosition(position: EsdbPosition | undefined, what = 'event'): number {
  if (!position) {
    throw new UnmappablePositionError(`ESDB reported no position for ${what} (EventStoreDB 22.6 or later is required)`);
  }
  const { commit, prepare } = position;
  if (commit !== prepare) {
    throw new UnmappablePositionError(
      `ESDB position of ${what} has commit ${commit} and prepare ${prepare}: only self-committed events ` +
        '(gRPC appends) map to one global position; was the stream written through an explicit transaction?',
    );
  }
  if (commit <= 0n) throw new UnmappablePositionError(`ESDB position ${commit} of ${what} is not a log position`);
  if (commit > MAX) throw new UnmappablePositionError(`ESDB position ${commit} of ${what} is beyond 2^53 - 1`);
  return Number(commit);
}

/** Where in $all to start a forward read that must include the event at `globalPosition` (0: the start). */
export function toReadPosition(globalPosition: number): EsdbReadFrom {
  if (!Number.isSafeInteger(globalPosition) || globalPosition < 0) {
    throw new RangeError(`Global position must be a whole number >= 0, got ${String(globalPosition)}`);
  }
  if (globalPosition === 0) return START;
  const p = BigInt(globalPosition);
  return { commit: p, prepare: p };
}
