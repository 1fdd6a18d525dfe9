import { ReadAuditLog } from '../../audit/read-audit.log';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { concernDecider, concernStream } from '@caretrail/domain';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { readAccess } from '../../access/read-access.policy';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { commandFields } from '../shared/command.dto';
import { assertNoCorrectionErrors, correctionRequestErrors } from '../shared/correction-changes';
import { CommentDto, CorrectionDto, RetractionDto } from '../shared/record-entries.dto';
import { ReplayQueryDto } from '../../reads/read-query.dto';
import { RecordReader } from '../shared/record-reader';
import { VisitDto } from '../shared/visit.dto';
import {
  AcknowledgeConcernDto,
  CloseConcernDto,
  EscalationDto,
  NotifyConcernDto,
  RaiseConcernDto,
  ReasonDto,
  ReviewMeetingDto,
} from './concerns.dto';

const Id = () => Param('concernId', ParseUUIDPipe);

@ApiTags('concerns')
@Controller('concerns')
export class ConcernsController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly records: RecordReader,
    private readonly audit: ReadAuditLog,
  ) {}

  @Post()
  raise(@Body() dto: RaiseConcernDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RaiseConcern', concernId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  /** The concern with its escalations, plan versions, actions and updates, folded from its stream. */
  @Get(':concernId')
  async get(@Id() id: string, @Query() asOf: ReplayQueryDto, @CurrentIdentity() who: Identity) {
    const view = await this.records.read('concern', id, concernStream(id), concernDecider, asOf);
    readAccess.concern(who, view.state);
    this.audit.record(who, 'read', { kind: 'concerns', id }, view.state.providerId);
    const { log: _log, ...state } = view.state;
    return { id, version: view.version, asOf: asOf.asOf ?? null, basis: asOf.asOf ? (asOf.basis ?? 'recorded') : null, ...state };
  }

  @Post(':concernId/notification')
  notify(@Id() concernId: string, @Body() dto: NotifyConcernDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'NotifyConcernToProvider', concernId, ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/acknowledgement')
  acknowledge(@Id() concernId: string, @Body() dto: AcknowledgeConcernDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { note, ...rest } = dto;
    return this.commands.run({ kind: 'AcknowledgeConcern', concernId, ...commandFields(rest), note: note ?? '' }, who, req);
  }

  @Post(':concernId/escalations')
  escalate(@Id() concernId: string, @Body() dto: EscalationDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'EscalateConcern', concernId, ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/deescalations')
  deescalate(@Id() concernId: string, @Body() dto: EscalationDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'DeescalateConcern', concernId, ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/placement-suspensions')
  suspendPlacements(@Id() concernId: string, @Body() dto: ReasonDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'SuspendPlacements', concernId, ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/placement-resumptions')
  resumePlacements(@Id() concernId: string, @Body() dto: ReasonDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ResumePlacements', concernId, ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/closure')
  close(@Id() concernId: string, @Body() dto: CloseConcernDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { overrideReason, ...rest } = dto;
    return this.commands.run({ kind: 'CloseConcern', concernId, ...commandFields(rest), overrideReason: overrideReason ?? null }, who, req);
  }

  @Post(':concernId/reopening')
  reopen(@Id() concernId: string, @Body() dto: ReasonDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ReopenConcern', concernId, ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/visits')
  visit(@Id() concernId: string, @Body() dto: VisitDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordConcernVisit', concernId, visitId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/review-meetings')
  meeting(@Id() concernId: string, @Body() dto: ReviewMeetingDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordReviewMeeting', concernId, meetingId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/comments')
  comment(@Id() concernId: string, @Body() dto: CommentDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordConcernComment', concernId, commentId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/corrections')
  async correct(@Id() concernId: string, @Body() dto: CorrectionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { state } = await this.records.read('concern', concernId, concernStream(concernId), concernDecider);
    assertNoCorrectionErrors(await correctionRequestErrors(state.log, dto, who.organisationId));
    return this.commands.run({ kind: 'CorrectConcernEntry', concernId, ...commandFields(dto) }, who, req);
  }

  @Post(':concernId/retractions')
  retract(@Id() concernId: string, @Body() dto: RetractionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RetractConcernEntry', concernId, ...commandFields(dto) }, who, req);
  }
}
