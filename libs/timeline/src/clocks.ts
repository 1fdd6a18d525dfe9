import type { CouncilClocks } from '@caretrail/domain';

/**
 * The clocks measures and flags are judged against. Typical values are the defaults; councils
 * configure their own (DESIGN.md: "configurable per council, never hard-wired") by recording
 * CouncilClocksSet, whose shape and ranges the domain owns.
 */
export type Clocks = CouncilClocks;

export const DEFAULT_CLOCKS: Readonly<Clocks> = Object.freeze({
  acknowledgeWithinWorkingDays: 5,
  absenceNoticeWithinWorkingDays: 5,
  reopenWindowMonths: 12,
  lateRecordAfterWorkingDays: 2,
  managerLookbackDays: 365,
  afterManagerChangeMonths: 6,
});

export const withDefaultClocks = (clocks: Partial<Clocks> = {}): Clocks => ({ ...DEFAULT_CLOCKS, ...clocks });
