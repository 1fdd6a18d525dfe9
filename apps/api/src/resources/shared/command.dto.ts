import { ApiPropertyOptional } from '@nestjs/swagger';
import { BadRequestException } from '@nestjs/common';
import { IsInt, IsOptional, Min } from 'class-validator';
import { parseInstantInput } from '@caretrail/domain';
import { IsInstant } from './validation.decorators';

/** Fields every command request may carry. */
export class CommandDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it happened in the world: YYYY-MM-DDTHH:MM[:SS[.fraction]] with Z or an offset (docs/dates-and-times.md). Defaults to now.',
    example: '2025-03-03T10:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'The record version you last saw; a stale one is refused with 409. Same as If-Match.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

/** occurredAt as the domain wants it: a full UTC instant, now when the client left it out. */
export function occurredAtOf(dto: CommandDto, now = new Date()): string {
  if (dto.occurredAt === undefined) return now.toISOString();
  const parsed = parseInstantInput(dto.occurredAt);
  // The DTO's validation has refused these already; a caller that skipped it still gets a 400, not a RangeError.
  if (!parsed.ok)
    throw new BadRequestException({
      message: `Invalid request: occurredAt (occurredAt ${parsed.problem})`,
      fields: [{ field: 'occurredAt', messages: [`occurredAt ${parsed.problem}`] }],
    });
  return parsed.value;
}

/** A DTO's own fields plus its occurredAt as the domain wants it (expectedVersion is read from the request). */
export function commandFields<T extends CommandDto>(dto: T): Omit<T, 'occurredAt' | 'expectedVersion'> & { occurredAt: string } {
  const { occurredAt: _occurredAt, expectedVersion: _expectedVersion, ...fields } = dto;
  return { ...fields, occurredAt: occurredAtOf(dto) };
}
