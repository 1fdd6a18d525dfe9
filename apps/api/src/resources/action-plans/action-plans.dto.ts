import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { IsOptionalQualityTags } from '../shared/quality-tags.decorator';
import { EvidenceReferenceDto } from '../shared/evidence-reference.dto';
import { IsLocalDate, IsNestedList, IsText, IsTextList } from '../shared/validation.decorators';

export class RequestActionPlanDto extends CommandDto {
  @IsLocalDate('When the plan is due', '2025-03-17')
  dueOn!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 92, example: 7, description: 'Days between expected updates once accepted (7 = weekly)' })
  @IsInt()
  @Min(1)
  @Max(92)
  updateCadenceDays!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 30, example: 2, description: 'Days after a period ends in which its update still counts as on time' })
  @IsInt()
  @Min(0)
  @Max(30)
  graceDays!: number;
}

export class PlannedActionDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Keep an earlier version's id when revising that action; omit for a new one" })
  @IsOptional()
  @IsUUID('all')
  actionId?: string;

  @IsText(2000, 'Audit every care plan and daily record against the template')
  description!: string;

  @IsText(200, 'Registered manager')
  owner!: string;

  @IsLocalDate(undefined, '2025-04-11')
  dueOn!: string;

  @IsText(2000, '100% of care plans reviewed in date')
  measure!: string;

  @IsOptionalQualityTags()
  tags?: string[];
}

export class SubmitActionPlanDto extends CommandDto {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'The next version number (1 for the first)' })
  @IsInt()
  @Min(1)
  version!: number;

  @IsNestedList(() => PlannedActionDto, 100)
  @ArrayMinSize(1)
  actions!: PlannedActionDto[];

  @IsText(5000, 'Plan to restore complete records within eight weeks')
  summary!: string;
}

export class ReturnActionPlanDto extends CommandDto {
  @IsTextList(50, 2000, ['Actions need measurable outcomes'])
  @ArrayMinSize(1)
  reasons!: string[];
}

export class ActionProgressDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  actionId!: string;

  @ApiProperty({ enum: ['open', 'in_progress'] })
  @IsIn(['open', 'in_progress'])
  status!: 'open' | 'in_progress';

  @IsText(2000, 'Twelve of eighteen care plans audited')
  note!: string;
}

export class PlanUpdateDto extends CommandDto {
  @IsLocalDate('The last day of the period this update covers')
  periodEnding!: string;

  @IsNestedList(() => ActionProgressDto, 100)
  actions!: ActionProgressDto[];

  @IsNestedList(() => EvidenceReferenceDto, 100)
  evidence!: EvidenceReferenceDto[];

  @IsText(5000, 'Audit on track; two staff completed recording training')
  summary!: string;
}

export class DueDateRevisionDto extends CommandDto {
  @IsLocalDate('The new due date')
  dueOn!: string;

  @ApiProperty({ enum: ['agreed', 'unilateral'] })
  @IsIn(['agreed', 'unilateral'])
  basis!: 'agreed' | 'unilateral';

  @IsText(2000, 'Training provider cancelled the session')
  reason!: string;
}

export class CompletionClaimDto extends CommandDto {
  @IsText(2000, 'All care plans reviewed; audit attached')
  note!: string;

  @IsNestedList(() => EvidenceReferenceDto, 100)
  evidence!: EvidenceReferenceDto[];
}

export class VerificationDto extends CommandDto {
  @IsText(2000, 'Checked a sample of six care plans on the visit')
  note!: string;
}

export class VerificationRejectionDto extends CommandDto {
  @IsText(2000, 'Two care plans still out of date')
  reason!: string;
}
