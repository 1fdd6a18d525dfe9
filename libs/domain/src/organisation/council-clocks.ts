import { DomainRuleError } from '../shared/domain-error';

/**
 * The clocks a council judges responsiveness by (DESIGN.md: "configurable per council, never
 * hard-wired"). Every value is a whole number in the unit its name says.
 */
export interface CouncilClocks {
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

export type CouncilClockName = keyof CouncilClocks;

/** The sane range of each clock, inclusive, and its unit: a value outside it is a typing slip, not a policy. */
export const COUNCIL_CLOCK_RANGES: Readonly<Record<CouncilClockName, { min: number; max: number; unit: string }>> = Object.freeze({
  acknowledgeWithinWorkingDays: { min: 1, max: 60, unit: 'working days' },
  absenceNoticeWithinWorkingDays: { min: 1, max: 60, unit: 'working days' },
  reopenWindowMonths: { min: 1, max: 36, unit: 'months' },
  lateRecordAfterWorkingDays: { min: 1, max: 60, unit: 'working days' },
  managerLookbackDays: { min: 30, max: 730, unit: 'days' },
  afterManagerChangeMonths: { min: 1, max: 36, unit: 'months' },
});

export const COUNCIL_CLOCK_NAMES = Object.keys(COUNCIL_CLOCK_RANGES) as CouncilClockName[];

/** A clock value broke its rule; names the clock so the client can point at the field. Maps to 422. */
export class CouncilClockError extends DomainRuleError {
  constructor(
    readonly field: string,
    rule: 'clock-whole-number-in-range' | 'clock-known',
    message: string,
  ) {
    super(rule, message);
  }
}

/** The full set, each a whole number within its range, and nothing else; returns a clean copy. */
export function assertCouncilClocks(values: Readonly<Record<string, unknown>>): CouncilClocks {
  for (const name of Object.keys(values)) {
    if (!(COUNCIL_CLOCK_NAMES as string[]).includes(name)) {
      throw new CouncilClockError(name, 'clock-known', `${name} is not a clock; the clocks are ${COUNCIL_CLOCK_NAMES.join(', ')}`);
    }
  }
  const clocks = {} as CouncilClocks;
  for (const name of COUNCIL_CLOCK_NAMES) {
    const { min, max, unit } = COUNCIL_CLOCK_RANGES[name];
    const value = values[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new CouncilClockError(name, 'clock-whole-number-in-range', `${name} must be a whole number of ${unit} from ${min} to ${max}, not ${String(value)}`);
    }
    clocks[name] = value;
  }
  return clocks;
}
