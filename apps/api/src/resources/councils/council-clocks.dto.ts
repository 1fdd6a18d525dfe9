import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { COUNCIL_CLOCK_RANGES, type CouncilClockName } from '@caretrail/domain';
import { IsInt, Max, Min } from 'class-validator';
import { ReplayQueryDto } from '../../reads/read-query.dto';
import { CommandDto } from '../shared/command.dto';
import { IsText } from '../shared/validation.decorators';

/** A clock: a whole number within the domain's range for it (the domain checks again, naming the rule). */
const IsClock = (name: CouncilClockName, example: number, description: string) => {
  const { min, max, unit } = COUNCIL_CLOCK_RANGES[name];
  return applyDecorators(
    ApiProperty({ type: 'integer', minimum: min, maximum: max, example, description: `${description} (${unit})` }),
    IsInt(),
    Min(min),
    Max(max),
  );
};

/** The full set of a council's clocks: each setting replaces the last one whole, from occurredAt on. */
export class SetCouncilClocksDto extends CommandDto {
  @IsClock('acknowledgeWithinWorkingDays', 5, 'A concern is acknowledged on time within this many working days of notification')
  acknowledgeWithinWorkingDays!: number;

  @IsClock('absenceNoticeWithinWorkingDays', 5, "A registered manager's emergency absence is notified within this many working days")
  absenceNoticeWithinWorkingDays!: number;

  @IsClock('reopenWindowMonths', 12, 'A concern reopened within this many months of closure counts as reopened')
  reopenWindowMonths!: number;

  @IsClock('lateRecordAfterWorkingDays', 2, 'An entry recorded more than this many working days after it happened is recorded late')
  lateRecordAfterWorkingDays!: number;

  @IsClock('managerLookbackDays', 365, 'Look-back of the registered-manager measures')
  managerLookbackDays!: number;

  @IsClock('afterManagerChangeMonths', 6, 'Months after a manager change counted as "after a change"')
  afterManagerChangeMonths!: number;

  @IsText(2000, 'Acknowledgement clock agreed at contract review, March 2026')
  reason!: string;
}

export class CouncilClocksQueryDto extends ReplayQueryDto {}
