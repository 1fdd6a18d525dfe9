import { ApiProperty } from '@nestjs/swagger';
import { COMMENT_TOPICS, type CommentTopic } from '@caretrail/domain';
import { IsIn, IsObject, IsUUID } from 'class-validator';
import { CommandDto } from './command.dto';
import { IsText } from './validation.decorators';

export class CommentDto extends CommandDto {
  @ApiProperty({ enum: COMMENT_TOPICS })
  @IsIn(COMMENT_TOPICS)
  topic!: CommentTopic;

  @IsText(5000, 'We have updated the action plan weekly and senior managers visit monthly.')
  text!: string;
}

export class RetractionDto extends CommandDto {
  @ApiProperty({ format: 'uuid', description: 'The event being withdrawn (it stays in the record, marked retracted)' })
  @IsUUID('all')
  targetEventId!: string;

  @IsText(2000, 'Recorded against the wrong service')
  reason!: string;
}

export class CorrectionDto extends RetractionDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { periodEnding: '2025-03-12' },
    description:
      "Only the corrected fields of the target event's data. Which fields each kind of entry allows, and the rules they are held to (the original request's), are in docs/corrections.md; a bad field is a 400 naming changes.<field>.",
  })
  @IsObject()
  changes!: Record<string, unknown>;
}
