import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { CommentDto } from '../shared/record-entries.dto';
import { IsText } from '../shared/validation.decorators';

/** A comment on a concern, which may be restricted to named organisations when recorded (docs/restricted-entries.md). */
export class ConcernCommentDto extends CommentDto {
  @ApiPropertyOptional({
    type: String,
    isArray: true,
    format: 'uuid',
    description:
      "Organisations the comment is restricted to (police material, a whistleblower's account); the recording organisation is always one of them. Others see that the entry exists, its dates, kind and party, never its content.",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  restrictedTo?: string[];
}

/** Lifting a restricted entry's restriction for more organisations: the disclosure log (docs/restricted-entries.md). */
export class LiftRestrictionDto extends CommandDto {
  @ApiProperty({ format: 'uuid', description: 'The restricted entry (its event id) whose restriction is lifted; it stays as it was recorded' })
  @IsUUID('all')
  targetEventId!: string;

  @ApiProperty({
    type: String,
    isArray: true,
    format: 'uuid',
    description: 'The organisations the entry is disclosed to (at least one that cannot read it yet, at most 20); they read its content from now on.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  disclosedTo!: string[];

  @IsText(2000, 'Police have closed the investigation and agree to disclosure')
  reason!: string;
}
