import type { LocalDate } from '@caretrail/domain';
import type { ConcernHistory, MeasureContext } from './measure-context';

/** Descriptive statistics of a list of whole-day counts; null figures when the list is empty. */
export interface Summary {
  count: number;
  median: number | null;
  mean: number | null;
  min: number | null;
  max: number | null;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when nothing was due. */
  rate: number | null;
}

/** Every per-concern or per-service figure carries the events it was computed from. */
export interface Evidenced {
  eventIds: string[];
}

export interface ConcernScoped extends Evidenced {
  concernId: string;
  serviceId: string | null;
}

/** A measure per concern, per service (its concerns pooled) and overall (the provider or any scope given). */
export interface ScopedMeasure<C extends ConcernScoped, A extends Evidenced> {
  measure: string;
  on: LocalDate;
  definition: string;
  byConcern: C[];
  byService: (A & { serviceId: string })[];
  overall: A;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function summarise(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, median: null, mean: null, min: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const mean = round2(sorted.reduce((s, v) => s + v, 0) / sorted.length);
  return { count: sorted.length, median, mean, min: sorted[0], max: sorted[sorted.length - 1] };
}

export const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : numerator / denominator,
});

export const unionIds = (items: readonly Evidenced[]): string[] => [...new Set(items.flatMap((i) => i.eventIds))];

/**
 * Runs a per-concern measure over every concern and pools the results per service and overall with
 * the same aggregate function, so the three levels can never disagree about the definition.
 */
export function scopeByConcern<C extends ConcernScoped, A extends Evidenced>(
  context: MeasureContext,
  measure: string,
  definition: string,
  perConcern: (concern: ConcernHistory) => C | null,
  aggregate: (items: C[]) => A,
): ScopedMeasure<C, A> {
  const byConcern = context.concerns.map(perConcern).filter((c): c is C => c !== null);
  const serviceIds = [...new Set(byConcern.map((c) => c.serviceId).filter((s): s is string => s !== null))].sort();
  return {
    measure,
    on: context.on,
    definition,
    byConcern,
    byService: serviceIds.map((serviceId) => ({ serviceId, ...aggregate(byConcern.filter((c) => c.serviceId === serviceId)) })),
    overall: aggregate(byConcern),
  };
}
