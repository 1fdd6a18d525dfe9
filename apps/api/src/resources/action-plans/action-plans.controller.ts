import { Body, Controller, Param, ParseIntPipe, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { commandFields } from '../shared/command.dto';
import {
  CompletionClaimDto,
  DueDateRevisionDto,
  PlanUpdateDto,
  RequestActionPlanDto,
  ReturnActionPlanDto,
  SubmitActionPlanDto,
  VerificationDto,
  VerificationRejectionDto,
} from './action-plans.dto';
import { CommandDto } from '../shared/command.dto';
import { ApiCommand } from '../../openapi/api-operations';

const Id = () => Param('concernId', ParseUUIDPipe);
const Version = () => Param('version', ParseIntPipe);
const ActionId = () => Param('actionId', ParseUUIDPipe);

/** A concern's action plan: request, versions, review, updates and each action's progress. */
@ApiTags('action plans')
@Controller('concerns/:concernId/action-plan')
export class ActionPlansController {
  constructor(private readonly commands: CommandDispatcher) {}

  @ApiCommand(
    'Request an action plan',
    'The council asks the provider for an action plan by a due date, and sets the cadence of updates and their grace days once it is accepted.',
  )
  @Post(['requests', 'request'])
  request(@Id() concernId: string, @Body() dto: RequestActionPlanDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RequestActionPlan', concernId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Submit an action plan version',
    'The provider submits the next version of its action plan: the summary and its actions (description, owner, due date, measure of success).',
  )
  @Post('versions')
  submit(@Id() concernId: string, @Body() dto: SubmitActionPlanDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { actions, ...rest } = dto;
    return this.commands.run(
      {
        kind: 'SubmitActionPlan',
        concernId,
        ...commandFields(rest),
        actions: actions.map(({ actionId, ...action }) => ({ actionId: actionId ?? uuidv7(), ...action })),
      },
      who,
      req,
    );
  }

  @ApiCommand('Return an action plan version', 'The council returns a submitted version to the provider with its reasons; the provider submits a new version.')
  @Post(['versions/:version/returns', 'versions/:version/return'])
  return(@Id() concernId: string, @Version() version: number, @Body() dto: ReturnActionPlanDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ReturnActionPlan', concernId, version, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Accept an action plan version', 'The council accepts a submitted version; its actions are then in force and updates fall due at the cadence.')
  @Post(['versions/:version/acceptances', 'versions/:version/acceptance'])
  accept(@Id() concernId: string, @Version() version: number, @Body() dto: CommandDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'AcceptActionPlan', concernId, version, ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Send a plan update',
    "The provider's update for a period: a summary, each action's progress and evidence references. One update per period (rule one-update-per-period).",
  )
  @Post('updates')
  update(@Id() concernId: string, @Body() dto: PlanUpdateDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { actions, evidence, ...rest } = dto;
    return this.commands.run(
      { kind: 'SubmitPlanUpdate', concernId, ...commandFields(rest), actions: actions.map((a) => ({ ...a })), evidence: evidence.map((e) => ({ ...e })) },
      who,
      req,
    );
  }

  @ApiCommand("Revise an action's due date", 'Records a new due date for an action, agreed with the council or decided by the provider alone, with the reason.')
  @Post('actions/:actionId/due-date-revisions')
  reviseDueDate(@Id() concernId: string, @ActionId() actionId: string, @Body() dto: DueDateRevisionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ReviseActionDueDate', concernId, actionId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Claim an action complete',
    'The provider claims an action is complete, with a note and evidence references; the council then verifies or rejects the claim.',
  )
  @Post('actions/:actionId/completion-claims')
  claimCompletion(
    @Id() concernId: string,
    @ActionId() actionId: string,
    @Body() dto: CompletionClaimDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    const { evidence, ...rest } = dto;
    return this.commands.run(
      { kind: 'ClaimActionCompletion', concernId, actionId, ...commandFields(rest), evidence: evidence.map((e) => ({ ...e })) },
      who,
      req,
    );
  }

  @ApiCommand('Verify a completed action', "The council verifies a provider's completion claim, with what it checked.")
  @Post(['actions/:actionId/verifications', 'actions/:actionId/verification'])
  verify(@Id() concernId: string, @ActionId() actionId: string, @Body() dto: VerificationDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'VerifyAction', concernId, actionId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand('Reject a completion claim', "The council rejects a provider's completion claim, with the reason; the action is open again.")
  @Post('actions/:actionId/verification-rejections')
  rejectVerification(
    @Id() concernId: string,
    @ActionId() actionId: string,
    @Body() dto: VerificationRejectionDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    return this.commands.run({ kind: 'RejectActionVerification', concernId, actionId, ...commandFields(dto) }, who, req);
  }
}
