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
  lastError: string | null;
  updatedAt: string | null;
}

export function lagSeconds(appliedRecordedAt: string | null, newestRecordedAt: string | null): number {
  if (newestRecordedAt === null || appliedRecordedAt === null) return 0;
  return Math.max(0, (Date.parse(newestRecordedAt) - Date.parse(appliedRecordedAt)) / 1000);
}
