import type { ReplayBasis, ReplayPoint } from '@caretrail/timeline';

/**
 * Where a read stands: live (null) or a past view of the record (as of the end of a day, on a basis).
 * The function is the timeline library's (`readPointOf`, beside `basisOrDefault` and `basisOf`, the one
 * default basis); re-exported here for the reads that import it from the application layer.
 */
export { readPointOf } from '@caretrail/timeline';

/** The fields every read's answer carries, saying which view it is: both null for the live record. */
export const readPointFields = (point: ReplayPoint | null): { asOf: string | null; basis: ReplayBasis | null } => ({
  asOf: point?.asOf ?? null,
  basis: point?.basis ?? null,
});
