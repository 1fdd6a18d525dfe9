import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { CommentDto } from '../shared/record-entries.dto';

/** A comment on a concern, which may be restricted to named organisations when recorded (docs/restricted-entries.md). */
export class ConcernCommentDto extends CommentDto {
  @ApiPropertyOptional({
    type: String,
    isArray: true,
    format: 'uuid',
    description:
      'Organisations the comment is restricted to (police material, a whistleblower\'s account); the recording organisation is always one of them. Others see that the entry exists, its dates, kind and party, never its content.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  restrictedTo?: string[];
}
