import { ApiProperty } from '@nestjs/swagger';
import { MESSAGE_KINDS } from '@caretrail/config';

export class NotificationContactDto {
  @ApiProperty({ format: 'uuid' })
  contactId!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation whose contact this is' })
  organisationId!: string;

  @ApiProperty({ enum: ['council', 'provider', 'regulator', 'admin'] })
  organisationKind!: string;

  @ApiProperty({ description: 'Who this is: a person or a shared mailbox (personal data)' })
  name!: string;

  @ApiProperty({ description: 'Where e-mail goes (personal data)' })
  emailAddress!: string;

  @ApiProperty({ isArray: true, enum: ['*', ...MESSAGE_KINDS] })
  kinds!: string[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class NotificationContactsDto {
  @ApiProperty({ type: [NotificationContactDto] })
  contacts!: NotificationContactDto[];
}

export class NotificationDeliveryDto {
  @ApiProperty({ description: "The e-mail's Notify reference: `<message reference>:<contact id>`" })
  reference!: string;

  @ApiProperty({ enum: MESSAGE_KINDS })
  kind!: string;

  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ format: 'uuid' })
  contactId!: string;

  @ApiProperty({ type: 'integer', minimum: 0 })
  attempts!: number;

  @ApiProperty({ nullable: true, type: String, description: "Notify's last answer, or why it was not sent" })
  error!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When it is tried again (waiting deliveries only)' })
  nextAttemptAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class AdminNotificationsDto {
  @ApiProperty({ enum: ['notify', 'log'], description: "'log': no CARETRAIL_NOTIFY_API_KEY, e-mails are written to the log" })
  sender!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Deliveries by status: pending, sending, sent, logged, failed, cancelled',
    example: { sent: 12, failed: 1 },
  })
  deliveries!: Record<string, number>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Messages by status: pending, expanded, stale',
    example: { expanded: 9 },
  })
  messages!: Record<string, number>;

  @ApiProperty({ type: [NotificationDeliveryDto], description: 'Given up: refused by Notify (a 400, a 403) or too many temporary failures; newest first' })
  failed!: NotificationDeliveryDto[];

  @ApiProperty({ type: [NotificationDeliveryDto], description: 'Waiting to be tried again after a temporary failure' })
  retrying!: NotificationDeliveryDto[];
}

export class NotificationRetryDto {
  @ApiProperty()
  reference!: string;

  @ApiProperty({ enum: ['pending'] })
  status!: 'pending';
}
