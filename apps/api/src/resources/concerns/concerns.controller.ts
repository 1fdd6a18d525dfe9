import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { readPointFields, readPointOf } from '@caretrail/application';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { commandFields } from '../shared/command.dto';
import { assertNoCorrectionErrors, correctionRequestErrors } from '../shared/correction-changes';
import { CorrectionDto, RetractionDto } from '../shared/record-entries.dto';
import { ConcernCommentDto, LiftRestrictionDto } from './concern-comment.dto';
import { ReplayQueryDto } from '../../reads/read-query.dto';
import { ReadRecordQuery } from '../../queries/read-record.query';
import { correctionMarks, retractionMarks } from '../../web/read/corrected-record';
import { VisitDto } from '../shared/visit.dto';
import { AcknowledgeConcernDto, CloseConcernDto, EscalationDto, NotifyConcernDto, RaiseConcernDto, ReasonDto, ReviewMeetingDto } from './concerns.dto';
import { decisionLogOf, EscalateDto, SuspendPlacementsDto } from './decision-log.dto';
import { ApiCommand, ApiRecordRead } from '../../openapi/api-operations';
import { ConcernViewDto } from '../../openapi/read-responses.dto';

const Id = () => Param('concernId', ParseUUIDPipe);

@ApiTags('concerns')
@Controller('concerns')
export class ConcernsController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly queries: QueryBus,
  ) {}

  @ApiCommand(
    'Raise a concern',
    'A council raises a concern about a service it commissions under a confirmed contract. Creates the concern record (its id is in the answer and in Location).',
  )
  @Post()
  raise(@Body() dto: RaiseConcernDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RaiseConcern', concernId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  /** The concern with its escalations, plan versions, actions and updates, folded from its stream. */
  @ApiRecordRead(
    'Read a concern',
    'The concern with its escalations, plan versions, actions, updates, visits and meetings, folded from its stream (chain verified). With asOf, as it stood at the end of that day (basis recorded or occurred). Readable by its two parties, the regulator, auditors and administrators; a stranger gets 404.',
    ConcernViewDto,
  )
  @Get(':concernId')
  async get(@Id() id: string, @Query() asOf: ReplayQueryDto, @CurrentIdentity() who: Identity) {
    const point = readPointOf(asOf);
    // Values as they read now, each corrected entry marked with its fields before and after (docs/pages-read.md).
    const view = await this.queries.execute(ReadRecordQuery.by(who, 'concern', id, { point, audit: 'read', corrected: true }));
    const log = view.state.log;
    const { log: _log, ...state } = view.corrected;
    return {
      id,
      version: view.version,
      ...readPointFields(point),
      ...state,
      corrections: correctionMarks(log),
      retractions: retractionMarks(log),
    };
  }

  @ApiCommand(
    'Notify the provider of a concern',
    "The council records that it told the provider about the concern, and how. Starts the provider's clock to acknowledge.",
  )
  @Post([':concernId/notifications', ':concernId/notification'])
  notify(@Id() concernId: string, @Body() dto: NotifyConcernDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'NotifyConcernToProvider', concernId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Acknowledge a concern', 'The provider acknowledges a concern it was notified of, with an optional note.')
  @Post([':concernId/acknowledgements', ':concernId/acknowledgement'])
  acknowledge(@Id() concernId: string, @Body() dto: AcknowledgeConcernDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { note, ...rest } = dto;
    return this.commands.run({ kind: 'AcknowledgeConcern', concernId, ...commandFields(rest), note: note ?? '' }, who, req);
  }

  @ApiCommand(
    'Escalate a concern',
    'The council raises the escalation level (0 routine to 3 contract default or regulator referral), with its reason and decision.',
  )
  @Post(':concernId/escalations')
  escalate(@Id() concernId: string, @Body() dto: EscalateDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { decision, ...rest } = dto;
    return this.commands.run({ kind: 'EscalateConcern', concernId, ...commandFields(rest), decision: decisionLogOf(decision) }, who, req);
  }

  @ApiCommand('De-escalate a concern', 'The council lowers the escalation level, with its reason.')
  @Post(':concernId/deescalations')
  deescalate(@Id() concernId: string, @Body() dto: EscalationDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'DeescalateConcern', concernId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Suspend placements', 'The council suspends new placements at the service while the concern is open, with its reason.')
  @Post(':concernId/placement-suspensions')
  suspendPlacements(@Id() concernId: string, @Body() dto: SuspendPlacementsDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { decision, ...rest } = dto;
    return this.commands.run({ kind: 'SuspendPlacements', concernId, ...commandFields(rest), decision: decisionLogOf(decision) }, who, req);
  }

  @ApiCommand('Resume placements', 'The council lifts a suspension of placements, with its reason.')
  @Post(':concernId/placement-resumptions')
  resumePlacements(@Id() concernId: string, @Body() dto: ReasonDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ResumePlacements', concernId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Close a concern',
    'The council closes the concern with its outcome. Closing with actions not yet verified needs an overrideReason (rule close-with-unverified-actions-needs-override).',
  )
  @Post([':concernId/closures', ':concernId/closure'])
  close(@Id() concernId: string, @Body() dto: CloseConcernDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { overrideReason, ...rest } = dto;
    return this.commands.run({ kind: 'CloseConcern', concernId, ...commandFields(rest), overrideReason: overrideReason ?? null }, who, req);
  }

  @ApiCommand('Reopen a concern', 'The council reopens a closed concern, with its reason; the status before closure is restored.')
  @Post([':concernId/reopenings', ':concernId/reopening'])
  reopen(@Id() concernId: string, @Body() dto: ReasonDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ReopenConcern', concernId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Record a visit on a concern', 'A party or the regulator records a visit to the service made about this concern, with what was found.')
  @Post(':concernId/visits')
  visit(@Id() concernId: string, @Body() dto: VisitDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordConcernVisit', concernId, visitId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Record a review meeting', 'The council records a review meeting on the concern: when, who attended and what was decided.')
  @Post(':concernId/review-meetings')
  meeting(@Id() concernId: string, @Body() dto: ReviewMeetingDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordReviewMeeting', concernId, meetingId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Comment on a concern',
    'A party or the regulator adds a comment to the record of the concern; with restrictedTo, only the named organisations (and the recorder) read its content (docs/restricted-entries.md).',
  )
  @Post(':concernId/comments')
  comment(@Id() concernId: string, @Body() dto: ConcernCommentDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RecordConcernComment', concernId, commentId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Lift the restriction of a restricted entry',
    'The organisation that recorded a restricted entry discloses it to more organisations, with a reason: the disclosure log (who, when, to whom). The entry itself never changes (docs/restricted-entries.md). 403 for any other organisation.',
  )
  @Post(':concernId/restriction-lifts')
  liftRestriction(@Id() concernId: string, @Body() dto: LiftRestrictionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'LiftConcernEntryRestriction', concernId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Correct an entry of a concern',
    "Records a correction of an earlier entry's fields (the entry itself is never edited). Each changed field is validated as the original request validated it; 400 names each field.",
  )
  @Post(':concernId/corrections')
  async correct(@Id() concernId: string, @Body() dto: CorrectionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { state } = await this.queries.execute(ReadRecordQuery.unchecked('concern', concernId));
    assertNoCorrectionErrors(await correctionRequestErrors(state.log, dto, who.organisationId));
    return this.commands.run({ kind: 'CorrectConcernEntry', concernId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Retract an entry of a concern',
    'Records that an earlier entry is withdrawn, with the reason. The entry stays in the record, shown as retracted.',
  )
  @Post(':concernId/retractions')
  retract(@Id() concernId: string, @Body() dto: RetractionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RetractConcernEntry', concernId, ...commandFields(dto) }, who, req);
  }
}
