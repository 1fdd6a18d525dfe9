import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REGULATORS, SERVICE_TYPES, type RegulatorName, type ServiceType } from '@caretrail/domain';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { IsLocalDate, IsRecordId, IsText } from '../shared/validation.decorators';
import { CommentDto } from '../shared/record-entries.dto';
import { VisitDto } from '../shared/visit.dto';
import { IsOptionalLocationId, IsOptionalOdsCode } from './identifier.decorators';

export class RegisterServiceDto extends CommandDto {
  @IsRecordId('The provider that runs the service')
  providerId!: string;

  @IsText(200, 'Maple Court')
  name!: string;

  @ApiProperty({ enum: SERVICE_TYPES })
  @IsIn(SERVICE_TYPES)
  serviceType!: ServiceType;

  @ApiProperty({ enum: REGULATORS })
  @IsIn(REGULATORS)
  regulator!: RegulatorName;

  @IsOptionalLocationId()
  locationId?: string;

  @IsOptionalOdsCode()
  odsCode?: string;
}

/** The identifiers as they now are: one left out (or null) is cleared. */
export class ServiceIdentifiersDto extends CommandDto {
  @IsOptionalLocationId()
  locationId?: string;

  @IsOptionalOdsCode()
  odsCode?: string;

  @IsText(2000, 'ODS site code issued after registration')
  reason!: string;
}

export class AppointManagerDto extends CommandDto {
  @ApiPropertyOptional({ format: 'uuid', description: "The manager's id for later steps (departure, registration); generated when left out" })
  @IsOptional()
  @IsUUID('all')
  managerId?: string;

  @IsText(200, 'Dana Fox', 'Personal data: the manager’s name')
  managerName!: string;

  @IsLocalDate('First day in post')
  startedOn!: string;

  @ApiProperty({ enum: ['interim', 'permanent'] })
  @IsIn(['interim', 'permanent'])
  basis!: 'interim' | 'permanent';
}

export class ManagerLeftDto extends CommandDto {
  @IsLocalDate('Last day in post')
  leftOn!: string;

  @IsText(1000, 'Resigned')
  reason!: string;
}

export class ManagerRegisteredDto extends CommandDto {
  @IsLocalDate('Day the registration with the regulator took effect')
  registeredOn!: string;
}

export class ManagerAbsenceDto extends CommandDto {
  @IsLocalDate()
  absenceStartedOn!: string;

  @IsLocalDate('Day the regulator was notified')
  notifiedOn!: string;

  @ApiProperty()
  @IsBoolean()
  emergency!: boolean;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsLocalDate()
  expectedReturnOn?: string;
}

export class ManagerReturnDto extends CommandDto {
  @IsLocalDate('First day back at work after the absence')
  returnedOn!: string;
}

export class ServiceVisitDto extends VisitDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A council names the live contract it visits under' })
  @IsOptional()
  @IsUUID('all')
  contractId?: string;
}

export class ServiceCommentDto extends CommentDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A council names the live contract it speaks under' })
  @IsOptional()
  @IsUUID('all')
  contractId?: string;
}
