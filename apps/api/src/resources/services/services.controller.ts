import { ReadAuditLog } from '../../audit/read-audit.log';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { serviceDecider, serviceStream } from '@caretrail/domain';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { readAccess } from '../../access/read-access.policy';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { commandFields } from '../shared/command.dto';
import { assertNoCorrectionErrors, correctionRequestErrors } from '../shared/correction-changes';
import { CorrectionDto, RetractionDto } from '../shared/record-entries.dto';
import { ReplayQueryDto } from '../../reads/read-query.dto';
import { RecordReader } from '../shared/record-reader';
import {
  AppointManagerDto,
  ManagerAbsenceDto,
  ManagerLeftDto,
  ManagerRegisteredDto,
  RegisterServiceDto,
  ServiceCommentDto,
  ServiceVisitDto,
} from './services.dto';

const Id = () => Param('serviceId', ParseUUIDPipe);
const ManagerId = () => Param('managerId', ParseUUIDPipe);

@ApiTags('services')
@Controller('services')
export class ServicesController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly records: RecordReader,
    private readonly audit: ReadAuditLog,
  ) {}

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
  @Get(':serviceId')
  async get(@Id() id: string, @Query() asOf: ReplayQueryDto, @CurrentIdentity() who: Identity) {
    const view = await this.records.read('service', id, serviceStream(id), serviceDecider, asOf);
    readAccess.service(who, view.state);
    this.audit.record(who, 'read', { kind: 'services', id }, view.state.providerId);
    const { log: _log, ...state } = view.state;
    return { id, version: view.version, asOf: asOf.asOf ?? null, basis: asOf.asOf ? (asOf.basis ?? 'recorded') : null, ...state };
  }

  @Post(':serviceId/managers')
  appointManager(@Id() serviceId: string, @Body() dto: AppointManagerDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { managerId, ...rest } = dto;
    return this.commands.run({ kind: 'AppointManager', serviceId, managerId: managerId ?? uuidv7(), ...commandFields(rest) }, who, req);
  }

  @Post(':serviceId/managers/:managerId/departure')
  managerLeft(@Id() serviceId: string, @ManagerId() managerId: string, @Body() dto: ManagerLeftDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordManagerLeft', serviceId, managerId, ...commandFields(dto) }, who, req);
  }

  @Post(':serviceId/managers/:managerId/registration')
  managerRegistered(@Id() serviceId: string, @ManagerId() managerId: string, @Body() dto: ManagerRegisteredDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordManagerRegistered', serviceId, managerId, ...commandFields(dto) }, who, req);
  }

  @Post(':serviceId/managers/:managerId/absences')
  managerAbsence(@Id() serviceId: string, @ManagerId() managerId: string, @Body() dto: ManagerAbsenceDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { expectedReturnOn, ...dtoFields } = dto;
    return this.commands.run({ kind: 'NotifyManagerAbsence', serviceId, managerId, ...commandFields(dtoFields), expectedReturnOn: expectedReturnOn ?? null }, who, req);
  }

  @Post(':serviceId/visits')
  visit(@Id() serviceId: string, @Body() dto: ServiceVisitDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { contractId, ...dtoFields } = dto;
    return this.commands.run({ kind: 'RecordServiceVisit', serviceId, visitId: uuidv7(), contractId: contractId ?? null, ...commandFields(dtoFields) }, who, req);
  }

  @Post(':serviceId/comments')
  comment(@Id() serviceId: string, @Body() dto: ServiceCommentDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { contractId, ...dtoFields } = dto;
    return this.commands.run({ kind: 'RecordServiceComment', serviceId, commentId: uuidv7(), contractId: contractId ?? null, ...commandFields(dtoFields) }, who, req);
  }

  @Post(':serviceId/corrections')
  async correct(@Id() serviceId: string, @Body() dto: CorrectionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { state } = await this.records.read('service', serviceId, serviceStream(serviceId), serviceDecider);
    assertNoCorrectionErrors(await correctionRequestErrors(state.log, dto, who.organisationId));
    return this.commands.run({ kind: 'CorrectServiceEntry', serviceId, ...commandFields(dto) }, who, req);
  }

  @Post(':serviceId/retractions')
  retract(@Id() serviceId: string, @Body() dto: RetractionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RetractServiceEntry', serviceId, ...commandFields(dto) }, who, req);
  }
}
