import { ApiProperty } from '@nestjs/swagger';

class RecordedEventDto {
  @ApiProperty({ format: 'uuid', description: 'The id of the event recorded.' })
  eventId!: string;

  @ApiProperty({ description: 'What was recorded (the event type, e.g. `ConcernRaised`).', example: 'ConcernRaised' })
  type!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: "The event's version within its record." })
  streamVersion!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Its position in the feed of every record.' })
  globalPosition!: number;
}

/** What every command answers (201): the record it was recorded on, its version now, and where the feed is. */
export class CommandResponseDto {
  @ApiProperty({ format: 'uuid', description: "The record the command was recorded on (a new record's id when it created one). Same as recordId." })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The record the command was recorded on.' })
  recordId!: string;

  @ApiProperty({ enum: ['concern', 'service', 'contract', 'organisation'], description: 'What kind of record it is.' })
  recordType!: string;

  @ApiProperty({ description: "The record's stream in the event store.", example: 'concern-0190a4b2-0000-7000-8000-000000000001' })
  streamId!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: "The record's version after the command: send it as If-Match (or expectedVersion) next time. Also the ETag.",
  })
  version!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'The feed position of the last event recorded: pass it as minPosition to a read that must show it.',
  })
  position!: number;

  @ApiProperty({ type: [RecordedEventDto], description: 'The events recorded, in order.' })
  events!: RecordedEventDto[];
}
