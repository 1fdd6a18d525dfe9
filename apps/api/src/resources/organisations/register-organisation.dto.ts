import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_KINDS, type OrganisationKind } from '@caretrail/domain';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { IsText } from '../shared/validation.decorators';
import { IsOptionalCqcProviderId } from '../services/identifier.decorators';

export class RegisterOrganisationDto extends CommandDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "The organisation's id where it already has one (e.g. in the identity provider); generated when left out",
  })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @IsText(200, 'Northshire County Council')
  name!: string;

  @IsOptionalCqcProviderId()
  cqcProviderId?: string;
}

/** A provider's CQC provider id as it now is: left out (or null) clears it. */
export class ProviderIdentifiersDto extends CommandDto {
  @IsOptionalCqcProviderId()
  cqcProviderId?: string;

  @IsText(2000, 'Registered with CQC after joining CareTrail')
  reason!: string;
}
