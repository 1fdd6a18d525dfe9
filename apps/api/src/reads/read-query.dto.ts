import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { CONCERN_CATEGORIES, type ConcernCategory } from '@caretrail/domain';
import { decodeCursor } from '@caretrail/timeline';
import { isQualityTagFilter, QUALITY_TAG_FILTER_DESCRIPTION } from '../resources/shared/quality-tags.decorator';
import { IsAsOfDate, IsLocalDate } from '../resources/shared/validation.decorators';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value);
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

/** A timeline cursor that decodes (the right alphabet alone lets `AAAA` through to a RangeError). */
const IsTimelineCursor = () =>
  ValidateBy({
    name: 'isTimelineCursor',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        try {
          decodeCursor(value);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: (args) => `${args?.property ?? 'after'} must be a cursor returned by a previous page (nextCursor)`,
    },
  });

/** Any read may ask to wait until it shows a position the client has written. */
export class FreshnessQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'A position a command returned: the answer waits (bounded) until it includes it' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  minPosition?: number;
}

/** Timelines, records and measures may be asked as of a date, on either basis. */
export class ReplayQueryDto extends FreshnessQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Show the record as of the end of this day (Europe/London): YYYY-MM-DD from 2000-01-01 to tomorrow' })
  @IsOptional()
  @IsAsOfDate()
  asOf?: string;

  @ApiPropertyOptional({
    enum: ['recorded', 'occurred'],
    description: 'recorded: what the record showed then; occurred: what had happened by then, late records included',
  })
  @IsOptional()
  @IsIn(['recorded', 'occurred'])
  basis?: 'recorded' | 'occurred';
}

export class TimelineQueryDto extends ReplayQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Entries that occurred on or after this day' })
  @IsOptional()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Entries that occurred on or before this day' })
  @IsOptional()
  @IsLocalDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Comma-separated event kinds, e.g. ConcernRaised,PlanUpdateSubmitted' })
  @IsOptional()
  @Transform(toList)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  kinds?: string[];

  @ApiPropertyOptional({ description: 'Comma-separated parties: council, provider, regulator, admin' })
  @IsOptional()
  @Transform(toList)
  @IsIn(['council', 'provider', 'regulator', 'admin'], { each: true })
  parties?: ('council' | 'provider' | 'regulator' | 'admin')[];

  @ApiPropertyOptional({ description: 'Comma-separated concern categories' })
  @IsOptional()
  @Transform(toList)
  @IsIn(CONCERN_CATEGORIES, { each: true })
  categories?: ConcernCategory[];

  @ApiPropertyOptional({ description: QUALITY_TAG_FILTER_DESCRIPTION, example: 'pamms:safeguarding-and-safety,cqc:safe/medicines-optimisation' })
  @IsOptional()
  @Transform(toList)
  @ValidateBy({
    name: 'isQualityTagFilter',
    validator: {
      validate: isQualityTagFilter,
      defaultMessage: () => 'tags must be tags from the reference data: pamms:<domain>[/<standard>] or cqc:<key-question>[/<quality statement>]',
    },
  })
  tags?: string[];

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: '$property must be a cursor returned by a previous page' })
  @IsTimelineCursor()
  after?: string;

  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ enum: ['asc', 'desc'] })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Or send Accept: text/csv' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
