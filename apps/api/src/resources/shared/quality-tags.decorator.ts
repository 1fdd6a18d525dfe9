import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { MAX_QUALITY_TAGS, qualityTagProblem, qualityTagsProblem } from '@caretrail/domain';

const TAGS_DESCRIPTION =
  'PAMMS domains and standards and CQC quality statements (reference data, docs/procedure.md): ' +
  'pamms:<domain>[/<standard>] or cqc:<key-question>[/<quality statement>]';

/** A list of tags from the reference data, checked by the domain's own rule so the 400 says the same. */
export const IsOptionalQualityTags = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      isArray: true,
      maxItems: MAX_QUALITY_TAGS,
      example: ['pamms:safeguarding-and-safety/management-of-medicines', 'cqc:safe/medicines-optimisation'],
      description: TAGS_DESCRIPTION,
    }),
    IsOptional(),
    ValidateBy({
      name: 'isQualityTags',
      validator: {
        validate: (value: unknown) => qualityTagsProblem(value) === null,
        defaultMessage: (args) => `${args?.property ?? 'tags'} ${(args && qualityTagsProblem(args.value)) ?? 'is not valid'}`,
      },
    }),
  );

/** One tag of a query's comma-separated list. */
export const isQualityTagFilter = (value: unknown): boolean => Array.isArray(value) && value.every((t) => qualityTagProblem(t) === null);
export const QUALITY_TAG_FILTER_DESCRIPTION = `Comma-separated tags; a domain or key question also matches the tags under it. ${TAGS_DESCRIPTION}`;
