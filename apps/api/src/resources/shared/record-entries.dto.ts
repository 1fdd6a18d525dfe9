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
  @ApiProperty({ type: 'object', additionalProperties: true, description: "Only the corrected fields of the target event's data" })
  @IsObject()
  changes!: Record<string, unknown>;
}
