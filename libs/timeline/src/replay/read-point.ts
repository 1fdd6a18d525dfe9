import type { LocalDate } from '@caretrail/domain';
import type { ReplayBasis } from './as-of';
import type { ReplayPoint } from './replay';

/**
 * The one default basis (issue 11): a read, report or bundle that takes a date and names no basis means
 * what the record showed then ('recorded'), unless it asks for what had happened ('occurred'). The only
 * place `basis ?? 'recorded'` is written: the lint rule in eslint.config.mjs refuses it anywhere else.
 */
export function basisOrDefault(basis: ReplayBasis | null | undefined): ReplayBasis {
  return basis ?? 'recorded';
}

/** The basis a view stands on: null for the live view (no date), else the asked basis or the default. */
export function basisOf(asOf: string | null | undefined, basis: ReplayBasis | null | undefined): ReplayBasis | null {
  return asOf ? basisOrDefault(basis) : null;
}

/** Where a read stands: live (null) or a past view of the record, as of the end of a day on a basis. */
export function readPointOf(request: { asOf?: LocalDate | null; basis?: ReplayBasis | null }): ReplayPoint | null {
  if (!request.asOf) return null;
  return { asOf: request.asOf, basis: basisOrDefault(request.basis) };
}
