import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy, type ValidationArguments } from 'class-validator';
import { cqcIdProblem, locationIdProblem, odsCodeProblem, REGULATORS, type RegulatorName } from '@caretrail/domain';

/**
 * Outside identifiers, checked by the domain's own format rules (reference/identifiers.ts) so the 400
 * names the field and says the format, exactly as the domain would refuse it.
 */
const CheckedBy = (name: string, problem: (value: unknown, args?: ValidationArguments) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => problem(value, args) === null,
      defaultMessage: (args) => `${args?.property ?? 'value'} ${(args && problem(args.value, args)) ?? 'is not valid'}`,
    },
  });

const regulatorOf = (args?: ValidationArguments): RegulatorName => {
  const regulator = (args?.object as { regulator?: unknown } | undefined)?.regulator;
  return (REGULATORS as readonly unknown[]).includes(regulator) ? (regulator as RegulatorName) : 'CQC';
};

export const IsOptionalCqcProviderId = () =>
  applyDecorators(
    ApiPropertyOptional({ example: '1-101641471', pattern: '^1-[0-9]{1,15}$', description: "A provider's CQC provider id: '1-' followed by digits" }),
    IsOptional(),
    CheckedBy('isCqcProviderId', (value) => cqcIdProblem(value)),
  );

/** In the form of the service's regulator: a CQC location id, or an Ofsted unique reference number. */
export const IsOptionalLocationId = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: '1-123456789',
      description: "The regulator's location id: for CQC '1-' followed by digits; for Ofsted 'SC' and 6 digits, or 6 to 7 digits",
    }),
    IsOptional(),
    CheckedBy('isLocationId', (value, args) => locationIdProblem(regulatorOf(args), value)),
  );

export const IsOptionalOdsCode = () =>
  applyDecorators(
    ApiPropertyOptional({ example: 'VLAXL', description: 'NHS ODS code of the service (site): 1 to 9 letters and digits; stored upper case' }),
    IsOptional(),
    CheckedBy('isOdsCode', (value) => odsCodeProblem(value)),
  );
