import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHALLENGE_OUTCOMES, DRAFT_REPORT_TYPES, MAX_CHALLENGE_WINDOW_WORKING_DAYS, MAX_REPORT_FINDINGS, type ChallengeOutcome } from '@caretrail/domain';
import { ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { EvidenceReferenceDto } from '../shared/evidence-reference.dto';
import { IsOptionalQualityTags } from '../shared/quality-tags.decorator';
import { IsLocalDate, IsNestedList, IsText } from '../shared/validation.decorators';

/** One finding of a draft report; findings are numbered from 1 in the order sent. */
export class ReportFindingDto {
  @IsText(10000, 'Medicines records incomplete for 3 of 8 people', 'What was found, as the report will say it')
  text!: string;

  @IsOptionalQualityTags()
  tags?: string[];
}

/** A council monitoring visit report or PAMMS audit recorded as a draft, open to the provider's challenge. */
export class DraftVisitReportDto extends CommandDto {
  @ApiProperty({ enum: DRAFT_REPORT_TYPES })
  @IsIn(DRAFT_REPORT_TYPES)
  visitType!: (typeof DRAFT_REPORT_TYPES)[number];

  @ApiProperty()
  @IsBoolean()
  announced!: boolean;

  @IsLocalDate('The day of the visit')
  visitedOn!: string;

  @IsText(200, 'PAMMS assessor', "The visitor's post (not a name)")
  visitorRole!: string;

  @IsNestedList(() => ReportFindingDto, MAX_REPORT_FINDINGS, 'The findings, numbered from 1 in this order')
  @ArrayMinSize(1, { message: '$property must hold at least one finding' })
  findings!: ReportFindingDto[];

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_CHALLENGE_WINDOW_WORKING_DAYS,
    example: 14,
    description: "The council's window for the provider's challenge, in working days from the day the draft is shared (occurredAt); PAMMS uses 14.",
  })
  @IsInt()
  @Min(1)
  @Max(MAX_CHALLENGE_WINDOW_WORKING_DAYS)
  challengeWindowWorkingDays!: number;
}

/** The provider's challenge to the factual accuracy of one finding. */
export class ChallengeFindingDto extends CommandDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 2, description: 'The finding challenged, by its number in the draft' })
  @IsInt()
  @Min(1)
  findingNo!: number;

  @IsText(10000, 'A fire drill was held on 12 January; the log is attached', 'What the provider says is wrong in the finding')
  whatIsWrong!: string;

  @IsNestedList(() => EvidenceReferenceDto, 20, 'Documents the provider relies on, by name and SHA-256 digest')
  @IsOptional()
  evidence?: EvidenceReferenceDto[];
}

/** A senior reviewer's decision on a challenge. */
export class DecideChallengeDto extends CommandDto {
  @ApiProperty({ enum: CHALLENGE_OUTCOMES })
  @IsIn(CHALLENGE_OUTCOMES)
  outcome!: ChallengeOutcome;

  @IsText(10000, 'The log shows a drill in January, but not for night staff', 'Why')
  reasons!: string;

  @IsText(200, 'Head of Quality Assurance', "The senior reviewer's post (not a name)")
  reviewerRole!: string;

  @ApiPropertyOptional({
    maxLength: 10000,
    nullable: true,
    example: 'No fire drill for night staff since October',
    description: 'The finding as it will be published, when the decision changes it (upheld or partly upheld only)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  amendedFinding?: string | null;
}

/** Publication takes only the common fields. */
export class PublishVisitReportDto extends CommandDto {}
