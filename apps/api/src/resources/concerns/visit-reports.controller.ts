import { Body, Controller, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { ApiCommand } from '../../openapi/api-operations';
import { commandFields } from '../shared/command.dto';
import { ChallengeFindingDto, DecideChallengeDto, DraftVisitReportDto, PublishVisitReportDto } from './visit-reports.dto';

const Id = (name: string) => Param(name, ParseUUIDPipe);

/** Issue 16 item 3: a visit report drafted, challenged by the provider, decided by the council, published (docs/procedure.md). */
@ApiTags('concerns')
@Controller('concerns')
export class VisitReportsController {
  constructor(private readonly commands: CommandDispatcher) {}

  @ApiCommand(
    'Draft a visit report for challenge',
    "The council records a monitoring visit report or PAMMS audit as a draft shared with the provider (occurredAt), with the window in working days in which the provider may challenge its findings (PAMMS uses 14). The draft (its visitId, numbered findings and challengeClosesOn) is in the concern's reports (GET /concerns/{id}), named by the recorded event's eventId.",
  )
  @Post(':concernId/visit-reports')
  draft(@Id('concernId') concernId: string, @Body() dto: DraftVisitReportDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'DraftVisitReport', concernId, visitId: uuidv7(), ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Challenge a finding of a draft report',
    "The concern's provider challenges the factual accuracy of one finding: which finding, what it says is wrong, its evidence. Within the window only (after it: 422 challenge-within-window); one challenge per finding. The challenge (its challengeId) is in the report's challenges, named by the recorded event's eventId.",
  )
  @Post(':concernId/visit-reports/:visitId/challenges')
  challenge(
    @Id('concernId') concernId: string,
    @Id('visitId') visitId: string,
    @Body() dto: ChallengeFindingDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    const { evidence, ...rest } = dto;
    return this.commands.run(
      { kind: 'ChallengeVisitFinding', concernId, visitId, challengeId: uuidv7(), ...commandFields(rest), evidence: evidence ?? [] },
      who,
      req,
    );
  }

  @ApiCommand(
    'Decide a challenge to a finding',
    "A senior reviewer of the concern's council (not the report's author: 403 challenge-decided-by-another-reviewer) decides a challenge: upheld, partly upheld or not upheld, with reasons, and the finding as amended when upheld.",
  )
  @Post(':concernId/visit-reports/:visitId/challenges/:challengeId/decision')
  decide(
    @Id('concernId') concernId: string,
    @Id('visitId') visitId: string,
    @Id('challengeId') challengeId: string,
    @Body() dto: DecideChallengeDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    const { amendedFinding, ...rest } = dto;
    return this.commands.run(
      { kind: 'DecideFindingChallenge', concernId, visitId, challengeId, ...commandFields(rest), amendedFinding: amendedFinding ?? null },
      who,
      req,
    );
  }

  @ApiCommand(
    'Publish a visit report',
    'The council publishes the report once its window has closed, or once the provider has challenged and every challenge is decided (422 publish-after-challenge-window, publish-after-decisions). Each published finding carries its challenge and decision.',
  )
  @Post(':concernId/visit-reports/:visitId/publication')
  publish(
    @Id('concernId') concernId: string,
    @Id('visitId') visitId: string,
    @Body() dto: PublishVisitReportDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    return this.commands.run({ kind: 'PublishVisitReport', concernId, visitId, ...commandFields(dto) }, who, req);
  }
}
