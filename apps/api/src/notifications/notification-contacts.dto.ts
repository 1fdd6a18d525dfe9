import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsText } from '../resources/shared/validation.decorators';
import { MESSAGE_KINDS } from '@caretrail/config';

const KIND_CHOICES = ['*', ...MESSAGE_KINDS];

/** Someone an organisation wants e-mailed. Names and addresses are personal data: kept out of the events. */
export class AddNotificationContactDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An administrator names the organisation; others add contacts to their own (leave it out)' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @IsText(200, 'Quality team', 'Who this is: a person or a shared mailbox')
  name!: string;

  @ApiProperty({ example: 'quality@northshire.example.gov.uk', maxLength: 320 })
  @IsEmail({}, { message: 'emailAddress must be an e-mail address' })
  emailAddress!: string;

  @ApiProperty({ isArray: true, enum: KIND_CHOICES, example: ['*'], description: 'Kinds of message wanted; "*" for every kind of the organisation' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(KIND_CHOICES.length)
  @IsIn(KIND_CHOICES, { each: true, message: `each of kinds must be one of: ${KIND_CHOICES.join(', ')}` })
  kinds!: string[];
}
