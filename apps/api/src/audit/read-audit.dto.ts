import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class ReadAuditQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The provider whose records were read' })
  @IsUUID()
  providerId!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, description: 'How many of the latest reads (default 100, at most 1000)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
