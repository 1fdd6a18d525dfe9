import type { ReplayBasis, ReplayPoint } from '@caretrail/timeline';

/**
 * Where a read stands: live (null) or a past view of the record (as of the end of a day, on a basis).
 * The one place a request's `asOf` and `basis` become a point, and the only `basis ?? 'recorded'`:
 * a read that takes a date means what the record showed then unless it asks for what had happened.
 */
export function readPointOf(request: { asOf?: string | null; basis?: ReplayBasis | null }): ReplayPoint | null {
  if (!request.asOf) return null;
  return { asOf: request.asOf, basis: request.basis ?? 'recorded' };
}

/** The fields every read's answer carries, saying which view it is: both null for the live record. */
export const readPointFields = (point: ReplayPoint | null): { asOf: string | null; basis: ReplayBasis | null } => ({
  asOf: point?.asOf ?? null,
  basis: point?.basis ?? null,
});
