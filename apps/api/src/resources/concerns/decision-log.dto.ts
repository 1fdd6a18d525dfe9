import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { PLACEMENT_CONSEQUENCES, type DecisionLog, type PlacementConsequence } from '@caretrail/domain';
import { IsLocalDate, IsOptionalText, IsText, IsTextList } from '../shared/validation.decorators';
import { EscalationDto, ReasonDto } from './concerns.dto';

/** Counts only: never who the residents are. */
export class ResidentReviewsDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100000, description: 'People living at or supported by the service when the decision was taken' })
  @IsInt()
  @Min(0)
  @Max(100000)
  currentResidents!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100000, description: 'Of them, how many have had their care reviewed since' })
  @IsInt()
  @Min(0)
  @Max(100000)
  reviewsDone!: number;
}

export class BrokerageNoticeDto {
  @IsLocalDate('The day brokerage was told of the decision')
  notifiedOn!: string;

  @IsOptionalText(100, 'BRK-2025-041')
  reference?: string;
}

/** The decision log of an escalation or a placement suspension (docs/procedure.md). */
export class DecisionLogDto {
  @IsText(200, 'Director of Adult Social Services', 'The post that took the decision (a post, not a name)')
  decidedByRole!: string;

  @IsText(200, 'Sam Okafor', 'Personal data: the lead officer’s name')
  leadOfficer!: string;

  @IsLocalDate('When the decision is next reviewed: after the day of the decision')
  reviewOn!: string;

  @ApiProperty({ enum: PLACEMENT_CONSEQUENCES, description: 'red: no new placements; amber: cautious admissions; none: placements unaffected' })
  @IsIn(PLACEMENT_CONSEQUENCES)
  consequence!: PlacementConsequence;

  @IsText(100, 'RA-2025-017', 'The risk assessment the decision rests on')
  riskAssessmentReference!: string;

  @IsTextList(20, 2000, ['Medication records complete for four consecutive weeks'])
  @ArrayMinSize(1)
  liftingCriteria!: string[];

  @ApiPropertyOptional({ type: ResidentReviewsDto, description: "Counts of current residents and of their reviews done; never residents' details" })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResidentReviewsDto)
  residentReviews?: ResidentReviewsDto;

  @ApiPropertyOptional({ type: BrokerageNoticeDto, description: 'The notice that told brokerage of the decision' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BrokerageNoticeDto)
  brokerageNotice?: BrokerageNoticeDto;
}

const IsOptionalDecisionLog = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: DecisionLogDto,
      description:
        'The decision log: who decided, the lead officer, review date, consequence, risk assessment, criteria for lifting, reviews done, notice to brokerage',
    }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => DecisionLogDto),
  );

/** An escalation (up) may carry its decision log; a de-escalation keeps EscalationDto. */
export class EscalateDto extends EscalationDto {
  @IsOptionalDecisionLog()
  decision?: DecisionLogDto;
}

export class SuspendPlacementsDto extends ReasonDto {
  @IsOptionalDecisionLog()
  decision?: DecisionLogDto;
}

/** The command's decision log, as plain data with "none yet" as null. */
export const decisionLogOf = (dto: DecisionLogDto | undefined): DecisionLog | null =>
  dto
    ? {
        decidedByRole: dto.decidedByRole,
        leadOfficer: dto.leadOfficer,
        reviewOn: dto.reviewOn,
        consequence: dto.consequence,
        riskAssessmentReference: dto.riskAssessmentReference,
        liftingCriteria: [...dto.liftingCriteria],
        residentReviews: dto.residentReviews ? { currentResidents: dto.residentReviews.currentResidents, reviewsDone: dto.residentReviews.reviewsDone } : null,
        brokerageNotice: dto.brokerageNotice ? { notifiedOn: dto.brokerageNotice.notifiedOn, reference: dto.brokerageNotice.reference ?? null } : null,
      }
    : null;
