import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Min } from 'class-validator';

/** Fields every command request may carry. */
export class CommandDto {
  @ApiPropertyOptional({ description: 'When it happened in the world (UTC instant). Defaults to now.', example: '2025-03-03T10:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'The record version you last saw; a stale one is refused with 409. Same as If-Match.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

/** occurredAt as the domain wants it: a full UTC instant, now when the client left it out. */
export const occurredAtOf = (dto: CommandDto, now = new Date()): string =>
  dto.occurredAt === undefined ? now.toISOString() : new Date(dto.occurredAt).toISOString();

/** A DTO's own fields plus its occurredAt as the domain wants it (expectedVersion is read from the request). */
export function commandFields<T extends CommandDto>(dto: T): Omit<T, 'occurredAt' | 'expectedVersion'> & { occurredAt: string } {
  const { occurredAt: _occurredAt, expectedVersion: _expectedVersion, ...fields } = dto;
  return { ...fields, occurredAt: occurredAtOf(dto) };
}
