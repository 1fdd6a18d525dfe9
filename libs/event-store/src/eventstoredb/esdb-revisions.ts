import { EXPECT_ANY, type ExpectedVersionCode } from '../append-batch';

/**
 * CareTrail versions count from 1; ESDB revisions count from 0. So version n is revision n - 1, and
 * a stream at version 0 (no events) is ESDB's "no stream".
 */

export const NO_STREAM = 'no_stream' as const;
export const ANY = 'any' as const;
/** What ESDB accepts as the expected state of a stream for an append. */
export type EsdbExpectedRevision = typeof NO_STREAM | typeof ANY | bigint;
/** What ESDB reports as the current state of a stream. */
export type EsdbCurrentRevision = typeof NO_STREAM | bigint;

/** The port's expectation (as its code: -1 any, 0 no stream, n exact) in ESDB's terms. */
export function toExpectedRevision(code: ExpectedVersionCode): EsdbExpectedRevision {
  if (code === EXPECT_ANY) return ANY;
  if (code === 0) return NO_STREAM;
  return BigInt(code - 1);
}

/**
 * The exact revision to append at once the stream is known to be at `version`. Appends always send
 * this, even for 'any': the hash chain was computed from the event read at that version, so a
 * writer that slipped in between must make ESDB refuse the append rather than fork the chain.
 */
export function revisionAtVersion(version: number): EsdbExpectedRevision {
  return version === 0 ? NO_STREAM : BigInt(version - 1);
}

/** The CareTrail version of a stream ESDB reports at `current`. */
export function versionOfRevision(current: EsdbCurrentRevision | bigint | undefined): number {
  if (current === undefined || current === NO_STREAM) return 0;
  if (current < 0n) return 0; // some servers report -1 for "no stream"
  return Number(current) + 1;
}

/** The CareTrail version of the event at ESDB revision `revision`. */
export const versionOfEvent = (revision: bigint): number => Number(revision) + 1;

/** The ESDB revision of CareTrail version `version` (>= 1). */
export const revisionOfVersion = (version: number): bigint => BigInt(version - 1);
