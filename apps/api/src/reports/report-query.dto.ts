import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, ValidateBy } from 'class-validator';
import { parseReportPeriod, PERIOD_FORMS } from '@caretrail/reports';
import { ReplayQueryDto } from '../reads/read-query.dto';

const IsReportPeriod = () =>
  ValidateBy({
    name: 'isReportPeriod',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        try {
          parseReportPeriod(value);
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: () => `period must be ${PERIOD_FORMS}`,
    },
  });

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A report's period and view: as of a date on either basis, or the record as it stands. */
export class ReportQueryDto extends ReplayQueryDto {
  @ApiPropertyOptional({ description: `The period: ${PERIOD_FORMS}. Default: the calendar year of the evaluation date`, example: '2025' })
  @IsOptional()
  @IsString()
  @IsReportPeriod()
  period?: string;

  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    description: 'json (default), csv, xlsx (the spreadsheet) or html (the printable committee version); or send Accept',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class PublicReportQueryDto extends ReplayQueryDto {
  @ApiPropertyOptional({ description: `The period: ${PERIOD_FORMS}`, example: '2025' })
  @IsOptional()
  @IsString()
  @IsReportPeriod()
  period?: string;

  @ApiPropertyOptional({ enum: ['json', 'html'], description: 'json (default) or html, fit to publish' })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}

export class BundleReportQueryDto extends ReplayQueryDto {
  @ApiPropertyOptional({ description: `The period: ${PERIOD_FORMS}`, example: '2025' })
  @IsOptional()
  @IsString()
  @IsReportPeriod()
  period?: string;
}
