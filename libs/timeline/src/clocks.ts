/**
 * The clocks measures and flags are judged against. Typical values are the defaults; councils
 * configure their own (DESIGN.md: "configurable per council, never hard-wired").
 */
export interface Clocks {
  /** Acknowledgement of a concern: working days after notification. */
  acknowledgeWithinWorkingDays: number;
  /** Notice of a registered manager's emergency absence: working days after it began. */
  absenceNoticeWithinWorkingDays: number;
  /** A concern reopened within this many months of its closure counts as reopened. */
  reopenWindowMonths: number;
  /** An entry recorded more than this many working days after it happened is flagged as recorded late. */
  lateRecordAfterWorkingDays: number;
  /** The look-back of the registered-manager measures (days, ending on the evaluation date). */
  managerLookbackDays: number;
  /** Months after a manager change that count as "after a change" in turnover and concerns. */
  afterManagerChangeMonths: number;
}

export const DEFAULT_CLOCKS: Readonly<Clocks> = Object.freeze({
  acknowledgeWithinWorkingDays: 5,
  absenceNoticeWithinWorkingDays: 5,
  reopenWindowMonths: 12,
  lateRecordAfterWorkingDays: 2,
  managerLookbackDays: 365,
  afterManagerChangeMonths: 6,
});

export const withDefaultClocks = (clocks: Partial<Clocks> = {}): Clocks => ({ ...DEFAULT_CLOCKS, ...clocks });
