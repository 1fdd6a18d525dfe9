import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { EvidenceReferenceDto } from '../shared/evidence-reference.dto';
import { IsLocalDate, IsRecordId, IsText } from '../shared/validation.decorators';

export class AwardContractDto extends CommandDto {
  @IsRecordId('The provider the contract is awarded to')
  providerId!: string;

  @ApiProperty({ type: String, isArray: true, format: 'uuid', description: 'Services the contract covers' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  serviceIds!: string[];

  @IsText(100, 'NCC-SL-2024-017')
  reference!: string;

  @IsLocalDate(undefined, '2024-04-01')
  startsOn!: string;

  @IsLocalDate(undefined, '2027-03-31')
  endsOn!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Administrators only: the council named on the signed contract (a council awards in its own name and leaves this out)',
  })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a record id (UUID)' })
  councilId?: string;

  @ApiPropertyOptional({
    type: EvidenceReferenceDto,
    description:
      "Administrators only: the signed contract (name and SHA-256 digest), which records the award as confirmed at once. A council's award awaits the provider's confirmation.",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EvidenceReferenceDto)
  signedContract?: EvidenceReferenceDto;
}

/** The provider confirms an award made to it; an administrator confirms from the signed contract. */
export class ConfirmContractDto extends CommandDto {
  @ApiPropertyOptional({
    type: EvidenceReferenceDto,
    description: 'The signed contract (name and SHA-256 digest): optional for the provider, required from an administrator',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EvidenceReferenceDto)
  signedContract?: EvidenceReferenceDto;
}

export class ExtendContractDto extends CommandDto {
  @IsLocalDate('The new end date')
  endsOn!: string;

  @IsText(2000, 'Extended while the re-tender completes')
  reason!: string;
}

export class EndContractDto extends CommandDto {
  @IsLocalDate()
  endedOn!: string;

  @ApiProperty({ enum: ['expired', 'terminated'] })
  @IsIn(['expired', 'terminated'])
  how!: 'expired' | 'terminated';

  @IsText(2000, 'Reached its end date')
  reason!: string;
}

export class DefaultNoticeDto extends CommandDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The concern that led to the notice, if any' })
  @IsOptional()
  @IsUUID('all')
  concernId?: string;

  @IsLocalDate()
  issuedOn!: string;

  @IsText(5000, 'Repeated failure to keep care records')
  reason!: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsLocalDate()
  remedyBy?: string;
}
