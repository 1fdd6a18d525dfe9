import type { ProjectionFault } from './projection-faults';

export interface ProjectionStatus {
  name: string;
  version: number;
  /** The serving generation, or null before the first one exists. */
  generation: number | null;
  /** Version the serving generation was built by; differs from `version` until a rebuild switches. */
  builtByVersion: number | null;
  position: number;
  headPosition: number;
  /** head minus position: positions are not dense, so this bounds the events behind from above. */
  lagPositions: number;
  /** recordedAt of the newest event in the feed minus that of the newest applied (or of the first, when none is); 0 when caught up. */
  lagSeconds: number;
  following: boolean;
  /** The last failure of a page this runner met while following, null once a page succeeds again. */
  lastError: string | null;
  updatedAt: string | null;
  /** Events the serving generation could not apply or read, recorded and passed (see projection-faults.ts). */
  faultCount: number;
  /** The first of them by position (up to 100). */
  faults: ProjectionFault[];
}

export function lagSeconds(appliedRecordedAt: string | null, newestRecordedAt: string | null): number {
  if (newestRecordedAt === null || appliedRecordedAt === null) return 0;
  return Math.max(0, (Date.parse(newestRecordedAt) - Date.parse(appliedRecordedAt)) / 1000);
}
