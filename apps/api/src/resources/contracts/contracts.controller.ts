import { ReadAuditLog } from '../../audit/read-audit.log';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { contractDecider, contractStream } from '@caretrail/domain';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { readAccess } from '../../access/read-access.policy';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { commandFields } from '../shared/command.dto';
import { CommentDto, CorrectionDto, RetractionDto } from '../shared/record-entries.dto';
import { ReplayQueryDto } from '../../reads/read-query.dto';
import { RecordReader } from '../shared/record-reader';
import { AwardContractDto, DefaultNoticeDto, EndContractDto, ExtendContractDto } from './contracts.dto';

const Id = () => Param('contractId', ParseUUIDPipe);

@ApiTags('contracts')
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly records: RecordReader,
    private readonly audit: ReadAuditLog,
  ) {}

  /** A council awards a contract in its own name. */
  @Post()
  award(@Body() dto: AwardContractDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'AwardContract', contractId: uuidv7(), councilId: who.organisationId, ...commandFields(dto) }, who, req);
  }

  @Get(':contractId')
  async get(@Id() id: string, @Query() asOf: ReplayQueryDto, @CurrentIdentity() who: Identity) {
    const view = await this.records.read('contract', id, contractStream(id), contractDecider, asOf);
    readAccess.contract(who, view.state);
    this.audit.record(who, 'read', { kind: 'contracts', id }, view.state.providerId);
    const { log: _log, ...state } = view.state;
    return { id, version: view.version, asOf: asOf.asOf ?? null, basis: asOf.asOf ? (asOf.basis ?? 'recorded') : null, ...state };
  }

  @Post(':contractId/extensions')
  extend(@Id() contractId: string, @Body() dto: ExtendContractDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ExtendContract', contractId, ...commandFields(dto) }, who, req);
  }

  @Post(':contractId/ending')
  end(@Id() contractId: string, @Body() dto: EndContractDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'EndContract', contractId, ...commandFields(dto) }, who, req);
  }

  @Post(':contractId/default-notices')
  defaultNotice(@Id() contractId: string, @Body() dto: DefaultNoticeDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { concernId, remedyBy, ...rest } = dto;
    return this.commands.run(
      { kind: 'IssueDefaultNotice', contractId, ...commandFields(rest), concernId: concernId ?? null, remedyBy: remedyBy ?? null },
      who,
      req,
    );
  }

  @Post(':contractId/comments')
  comment(@Id() contractId: string, @Body() dto: CommentDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordContractComment', contractId, commentId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  @Post(':contractId/corrections')
  correct(@Id() contractId: string, @Body() dto: CorrectionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'CorrectContractEntry', contractId, ...commandFields(dto) }, who, req);
  }

  @Post(':contractId/retractions')
  retract(@Id() contractId: string, @Body() dto: RetractionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RetractContractEntry', contractId, ...commandFields(dto) }, who, req);
  }
}
