import type { Backend, Role } from './bench-subject';

/** One line of the table: a measurement for CareTrail, and where it applies for the peer and the ceiling. */
export interface RowResult {
  id: string;
  backend: Backend | 'http' | 'any';
  title: string;
  unit: string;
  /** 'higher' for rates, 'lower' for latencies. */
  better: 'higher' | 'lower';
  values: Partial<Record<Role, number>>;
  /** Extra figures (p99, counts, sizes), all kept in the JSON. */
  extra?: Record<string, number | string>;
  /** Why a subject has no figure (not installed, failed, not applicable). */
  missing?: Partial<Record<Role, string>>;
  target?: string;
  /** Target met: true, false, or undefined when the row has no target or lacks a figure. */
  met?: boolean;
}

/**
 * How many times CareTrail's figure is the other's, as speed: above 1 CareTrail is faster, whatever
 * the unit (for latencies the ratio is inverted), so every ratio column reads the same way.
 */
export function speedRatio(row: RowResult, other: Role): number | undefined {
  const ours = row.values.caretrail;
  const theirs = row.values[other];
  if (ours === undefined || theirs === undefined || !(ours > 0) || !(theirs > 0)) return undefined;
  return row.better === 'higher' ? ours / theirs : theirs / ours;
}
