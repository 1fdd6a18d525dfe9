import { ApiProperty } from '@nestjs/swagger';
import { VISIT_TYPES, type VisitType } from '@caretrail/domain';
import { IsBoolean, IsIn } from 'class-validator';
import { CommandDto } from './command.dto';
import { IsOptionalQualityTags } from './quality-tags.decorator';
import { IsLocalDate, IsText } from './validation.decorators';

export class VisitDto extends CommandDto {
  @ApiProperty({ enum: VISIT_TYPES })
  @IsIn(VISIT_TYPES)
  visitType!: VisitType;

  @ApiProperty()
  @IsBoolean()
  announced!: boolean;

  @IsLocalDate('The day of the visit')
  visitedOn!: string;

  @IsText(200, 'Chief executive', "The visitor's post (not a name)")
  visitorRole!: string;

  @IsText(10000, 'Residents happy; daily records complete for the last fortnight.')
  findings!: string;

  @IsOptionalQualityTags()
  tags?: string[];
}
