import { ApiProperty } from '@nestjs/swagger';
import { ENFORCEMENT_ACTIONS, RATINGS, REGULATORS, type EnforcementAction, type Rating, type RegulatorName } from '@caretrail/domain';
import { Type } from 'class-transformer';
import { IsIn, IsObject, ValidateIf, ValidateNested } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { IsLocalDate, IsOptionalText, IsText } from '../shared/validation.decorators';

const RatingOrNull = () => (target: object, key: string) => {
  ApiProperty({ enum: RATINGS, nullable: true })(target, key);
  ValidateIf((_: unknown, v: unknown) => v !== null)(target, key);
  IsIn(RATINGS)(target, key);
};

export class KeyQuestionRatingsDto {
  @RatingOrNull() safe!: Rating | null;
  @RatingOrNull() effective!: Rating | null;
  @RatingOrNull() caring!: Rating | null;
  @RatingOrNull() responsive!: Rating | null;
  @RatingOrNull() well_led!: Rating | null;
}

export class PublishRatingDto extends CommandDto {
  @ApiProperty({ enum: REGULATORS })
  @IsIn(REGULATORS)
  regulator!: RegulatorName;

  @ApiProperty({ enum: RATINGS })
  @IsIn(RATINGS)
  overall!: Rating;

  @ApiProperty({ type: KeyQuestionRatingsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => KeyQuestionRatingsDto)
  keyQuestions!: KeyQuestionRatingsDto;

  @IsLocalDate()
  publishedOn!: string;

  @IsOptionalText(100, 'INS2-123456789')
  reportReference?: string;
}

export class EnforcementActionDto extends CommandDto {
  @ApiProperty({ enum: ENFORCEMENT_ACTIONS })
  @IsIn(ENFORCEMENT_ACTIONS)
  action!: EnforcementAction;

  @IsLocalDate()
  decidedOn!: string;

  @IsText(5000, 'Warning notice: Regulation 17 good governance')
  summary!: string;
}
