import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';

/** A calendar date in Europe/London, `YYYY-MM-DD`, that exists (no 30 February). */
export const IsLocalDate = (description?: string, example = '2025-03-14') =>
  applyDecorators(
    ApiProperty({ format: 'date', example, description }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date written YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );

/** Free text a person types: required, not blank, bounded. */
export const IsText = (max: number, example?: string, description?: string) =>
  applyDecorators(
    ApiProperty({ example, description, maxLength: max }),
    IsString(),
    IsNotEmpty(),
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(max),
  );

export const IsOptionalText = (max: number, example?: string) =>
  applyDecorators(ApiPropertyOptional({ example, maxLength: max }), IsOptional(), IsString(), MaxLength(max));

export const IsRecordId = (description: string) =>
  applyDecorators(ApiProperty({ format: 'uuid', description }), IsUUID('all', { message: '$property must be a record id (UUID)' }));

/** A list of nested DTOs, each validated. */
export const IsNestedList = (type: () => new () => object, max: number, description?: string) =>
  applyDecorators(ApiProperty({ type, isArray: true, description }), IsArray(), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));

export const IsTextList = (max: number, itemMax: number, example?: string[]) =>
  applyDecorators(
    ApiProperty({ type: String, isArray: true, example }),
    IsArray(),
    ArrayMaxSize(max),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(itemMax, { each: true }),
  );
