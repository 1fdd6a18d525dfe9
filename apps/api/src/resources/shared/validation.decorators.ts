import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { parseAsOfInput, parseDateInput, parseInstantInput, type ParsedInput } from '@caretrail/domain';

/**
 * A field checked by the one parser of dates and instants (@caretrail/domain, date-time-input.ts;
 * docs/dates-and-times.md): the 400 names the field and says what it takes.
 */
const ParsedBy = (name: string, parse: (value: unknown) => ParsedInput<string>) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => parse(value).ok,
      defaultMessage: (args) => {
        const parsed = args ? parse(args.value) : undefined;
        return `${args?.property ?? 'value'} ${parsed && !parsed.ok ? parsed.problem : 'is not valid'}`;
      },
    },
  });

/** A calendar date in Europe/London, `YYYY-MM-DD`, that exists (no 30 February), in the years 1900 to 2999. */
export const IsLocalDate = (description?: string, example = '2025-03-14') =>
  applyDecorators(ApiProperty({ format: 'date', example, description }), ParsedBy('isCalendarDate', parseDateInput));

/** An instant: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z` or an offset (normalise it with parseInstantInput). */
export const IsInstant = () => ParsedBy('isInstant', parseInstantInput);

/** A replay date: a calendar date from 2000-01-01 to tomorrow in Europe/London. */
export const IsAsOfDate = () => ParsedBy('isAsOfDate', (value) => parseAsOfInput(value));

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
  // Swagger takes `type` as a lazy reference only from a function named `type`; a bare parameter's function has no name.
  applyDecorators(ApiProperty({ type: () => type(), isArray: true, description }), IsArray(), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));

export const IsTextList = (max: number, itemMax: number, example?: string[]) =>
  applyDecorators(
    ApiProperty({ type: String, isArray: true, example }),
    IsArray(),
    ArrayMaxSize(max),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    Matches(/\S/, { each: true, message: '$property must not hold blank items' }),
    MaxLength(itemMax, { each: true }),
  );
