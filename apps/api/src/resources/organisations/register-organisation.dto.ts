import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANISATION_KINDS, type OrganisationKind } from '@caretrail/domain';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CommandDto } from '../shared/command.dto';

export class RegisterOrganisationDto extends CommandDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The organisation's id where it already has one (e.g. in the identity provider); generated when left out" })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ example: 'Northshire County Council' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}
