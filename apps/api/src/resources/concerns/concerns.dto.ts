import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONCERN_CATEGORIES,
  CONCERN_SOURCES,
  RAG_SEVERITIES,
  type ConcernCategory,
  type ConcernSource,
  type EscalationLevel,
  type RagSeverity,
} from '@caretrail/domain';
import { ArrayMinSize, IsIn, IsInt, Max, Min } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { IsLocalDate, IsOptionalText, IsRecordId, IsText, IsTextList } from '../shared/validation.decorators';

export class RaiseConcernDto extends CommandDto {
  @IsRecordId('The service the concern is about')
  serviceId!: string;

  @IsRecordId('The live contract under which the council raises it')
  contractId!: string;

  @ApiProperty({ enum: CONCERN_CATEGORIES })
  @IsIn(CONCERN_CATEGORIES)
  category!: ConcernCategory;

  @ApiProperty({ enum: RAG_SEVERITIES, description: 'RAG severity' })
  @IsIn(RAG_SEVERITIES)
  severity!: RagSeverity;

  @ApiProperty({ enum: CONCERN_SOURCES })
  @IsIn(CONCERN_SOURCES)
  source!: ConcernSource;

  @IsText(5000, 'Daily records and care plan reviews lapsed after three changes of manager')
  summary!: string;
}

export class NotifyConcernDto extends CommandDto {
  @ApiProperty({ enum: ['email', 'letter', 'meeting', 'portal'] })
  @IsIn(['email', 'letter', 'meeting', 'portal'])
  method!: 'email' | 'letter' | 'meeting' | 'portal';
}

export class AcknowledgeConcernDto extends CommandDto {
  @IsOptionalText(5000, 'Received; our regional manager is visiting on Thursday')
  note?: string;
}

export class EscalationDto extends CommandDto {
  @ApiProperty({
    type: 'integer',
    enum: [0, 1, 2, 3],
    description: '0 routine, 1 enhanced monitoring, 2 placements suspended, 3 contract default or regulator referral',
  })
  @IsInt()
  @Min(0)
  @Max(3)
  toLevel!: EscalationLevel;

  @IsText(5000, 'No improvement at the four-week review')
  reason!: string;
}

export class ReasonDto extends CommandDto {
  @IsText(5000, 'Records audit found gaps in medication administration')
  reason!: string;
}

export class CloseConcernDto extends CommandDto {
  @IsText(5000, 'Re-audit found records complete and care plans reviewed')
  outcome!: string;

  @ApiPropertyOptional({ description: 'Needed when actions of the accepted plan are still unverified' })
  @IsOptionalText(5000)
  overrideReason?: string;
}

export class ReviewMeetingDto extends CommandDto {
  @IsLocalDate('The day of the meeting')
  heldOn!: string;

  @IsTextList(50, 200, ['QA officer', 'Registered manager', 'Chief executive'])
  @ArrayMinSize(1, { message: '$property must name at least one post or organisation present' })
  attendees!: string[];

  @IsTextList(50, 2000, ['Move to fortnightly updates'])
  @ArrayMinSize(1, { message: '$property must record at least one decision' })
  decisions!: string[];
}
