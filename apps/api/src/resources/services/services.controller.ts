import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { readPointFields, readPointOf } from '@caretrail/application';
import { serviceManagerNotices, toLondonDate } from '@caretrail/timeline';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { commandFields } from '../shared/command.dto';
import { assertNoCorrectionErrors, correctionRequestErrors } from '../shared/correction-changes';
import { CorrectionDto, RetractionDto } from '../shared/record-entries.dto';
import { ReplayQueryDto } from '../../reads/read-query.dto';
import { ReadRecordQuery } from '../../queries/read-record.query';
import {
  AppointManagerDto,
  ManagerAbsenceDto,
  ManagerLeftDto,
  ManagerRegisteredDto,
  ManagerReturnDto,
  RegisterServiceDto,
  ServiceCommentDto,
  ServiceIdentifiersDto,
  ServiceVisitDto,
} from './services.dto';
import { ApiCommand, ApiRecordRead } from '../../openapi/api-operations';
import { ServiceViewDto } from '../../openapi/read-responses.dto';

const Id = () => Param('serviceId', ParseUUIDPipe);
const ManagerId = () => Param('managerId', ParseUUIDPipe);

@ApiTags('services')
@Controller('services')
export class ServicesController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly queries: QueryBus,
  ) {}

  @ApiCommand('Register a service', 'A provider (or an administrator) registers a service it runs: a care home or home care location.')
  @Post()
  register(@Body() dto: RegisterServiceDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { locationId, odsCode, ...dtoFields } = dto;
    return this.commands.run(
      { kind: 'RegisterService', serviceId: uuidv7(), ...commandFields(dtoFields), locationId: locationId ?? null, odsCode: odsCode ?? null },
      who,
      req,
    );
  }

  /** The service with its manager history, ratings, enforcement and visits, folded from its stream. */
  @ApiRecordRead(
    'Read a service',
    'The service with its manager history, ratings, enforcement and visits, folded from its stream. With asOf, as it stood at the end of that day. Other providers get 404.',
    ServiceViewDto,
  )
  @Get(':serviceId')
  async get(@Id() id: string, @Query() asOf: ReplayQueryDto, @CurrentIdentity() who: Identity) {
    const point = readPointOf(asOf);
    const view = await this.queries.execute(ReadRecordQuery.by(who, 'service', id, { point, audit: 'read', corrected: true }));
    const { log: _log, ...state } = view.state;
    // Judged on the record as it reads now (corrections applied), on the day asked.
    const managerNotices = serviceManagerNotices(view.corrected, point?.asOf ?? toLondonDate(new Date()));
    return { id, version: view.version, ...readPointFields(point), ...state, managerNotices };
  }

  @ApiCommand(
    "Record a service's identifiers",
    "The provider (or an administrator) records the service's CQC location id (or Ofsted URN) and NHS ODS code as they now are, with the reason; either left out is cleared. The formats are in docs/procedure.md. The page form: /app/services/{serviceId}/identifiers.",
  )
  @Post(':serviceId/identifiers')
  identifiers(@Id() serviceId: string, @Body() dto: ServiceIdentifiersDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { locationId, odsCode, ...rest } = dto;
    return this.commands.run(
      { kind: 'RecordServiceIdentifiers', serviceId, ...commandFields(rest), locationId: locationId ?? null, odsCode: odsCode ?? null },
      who,
      req,
    );
  }

  @ApiCommand('Appoint a manager', 'The provider records the appointment of a manager at the service.')
  @Post(':serviceId/managers')
  appointManager(@Id() serviceId: string, @Body() dto: AppointManagerDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { managerId, ...rest } = dto;
    return this.commands.run({ kind: 'AppointManager', serviceId, managerId: managerId ?? uuidv7(), ...commandFields(rest) }, who, req);
  }

  @ApiCommand('Record that a manager left', 'The provider records that a manager left the service, on a date.')
  @Post([':serviceId/managers/:managerId/departures', ':serviceId/managers/:managerId/departure'])
  managerLeft(@Id() serviceId: string, @ManagerId() managerId: string, @Body() dto: ManagerLeftDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordManagerLeft', serviceId, managerId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand("Record a manager's registration", "The provider records that a manager's registration with the regulator came through.")
  @Post([':serviceId/managers/:managerId/registrations', ':serviceId/managers/:managerId/registration'])
  managerRegistered(
    @Id() serviceId: string,
    @ManagerId() managerId: string,
    @Body() dto: ManagerRegisteredDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    return this.commands.run({ kind: 'RecordManagerRegistered', serviceId, managerId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand("Record a manager's absence", 'The provider records a period of absence of a manager.')
  @Post(':serviceId/managers/:managerId/absences')
  managerAbsence(
    @Id() serviceId: string,
    @ManagerId() managerId: string,
    @Body() dto: ManagerAbsenceDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    const { expectedReturnOn, ...dtoFields } = dto;
    return this.commands.run(
      { kind: 'NotifyManagerAbsence', serviceId, managerId, ...commandFields(dtoFields), expectedReturnOn: expectedReturnOn ?? null },
      who,
      req,
    );
  }

  @ApiCommand(
    "Record a manager's return from absence",
    "The provider records the day the absent manager came back; it ends the manager's open absence (one return per absence). The page form: /app/services/{serviceId}/manager-return.",
  )
  @Post(':serviceId/managers/:managerId/returns')
  managerReturn(@Id() serviceId: string, @ManagerId() managerId: string, @Body() dto: ManagerReturnDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordManagerReturn', serviceId, managerId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Record a visit to a service', 'A party or the regulator records a visit to the service, with what was found.')
  @Post(':serviceId/visits')
  visit(@Id() serviceId: string, @Body() dto: ServiceVisitDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { contractId, ...dtoFields } = dto;
    return this.commands.run(
      { kind: 'RecordServiceVisit', serviceId, visitId: uuidv7(), contractId: contractId ?? null, ...commandFields(dtoFields) },
      who,
      req,
    );
  }

  @ApiCommand('Comment on a service', 'A party or the regulator adds a comment to the record of the service.')
  @Post(':serviceId/comments')
  comment(@Id() serviceId: string, @Body() dto: ServiceCommentDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { contractId, ...dtoFields } = dto;
    return this.commands.run(
      { kind: 'RecordServiceComment', serviceId, commentId: uuidv7(), contractId: contractId ?? null, ...commandFields(dtoFields) },
      who,
      req,
    );
  }

  @ApiCommand(
    'Correct an entry of a service',
    "Records a correction of an earlier entry's fields (never an edit); each changed field is validated as the original request validated it.",
  )
  @Post(':serviceId/corrections')
  async correct(@Id() serviceId: string, @Body() dto: CorrectionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { state } = await this.queries.execute(ReadRecordQuery.unchecked('service', serviceId));
    assertNoCorrectionErrors(await correctionRequestErrors(state.log, dto, who.organisationId));
    return this.commands.run({ kind: 'CorrectServiceEntry', serviceId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Retract an entry of a service', 'Records that an earlier entry is withdrawn, with the reason; it stays in the record, shown as retracted.')
  @Post(':serviceId/retractions')
  retract(@Id() serviceId: string, @Body() dto: RetractionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RetractServiceEntry', serviceId, ...commandFields(dto) }, who, req);
  }
}
