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

const Id = () => Param('concernId', ParseUUIDPipe);
const Version = () => Param('version', ParseIntPipe);
const ActionId = () => Param('actionId', ParseUUIDPipe);

/** A concern's action plan: request, versions, review, updates and each action's progress. */
@ApiTags('action plans')
@Controller('concerns/:concernId/action-plan')
export class ActionPlansController {
  constructor(private readonly commands: CommandDispatcher) {}

  @Post('request')
  request(@Id() concernId: string, @Body() dto: RequestActionPlanDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RequestActionPlan', concernId, ...commandFields(dto) }, who, req);
  }

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

  @Post('versions/:version/return')
  return(@Id() concernId: string, @Version() version: number, @Body() dto: ReturnActionPlanDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ReturnActionPlan', concernId, version, ...commandFields(dto) }, who, req);
  }

  @Post('versions/:version/acceptance')
  accept(@Id() concernId: string, @Version() version: number, @Body() dto: CommandDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'AcceptActionPlan', concernId, version, ...commandFields(dto) }, who, req);
  }

  @Post('updates')
  update(@Id() concernId: string, @Body() dto: PlanUpdateDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { actions, evidence, ...rest } = dto;
    return this.commands.run(
      { kind: 'SubmitPlanUpdate', concernId, ...commandFields(rest), actions: actions.map((a) => ({ ...a })), evidence: evidence.map((e) => ({ ...e })) },
      who,
      req,
    );
  }

  @Post('actions/:actionId/due-date-revisions')
  reviseDueDate(@Id() concernId: string, @ActionId() actionId: string, @Body() dto: DueDateRevisionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'ReviseActionDueDate', concernId, actionId, ...commandFields(dto) }, who, req);
  }

  @Post('actions/:actionId/completion-claims')
  claimCompletion(@Id() concernId: string, @ActionId() actionId: string, @Body() dto: CompletionClaimDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const { evidence, ...rest } = dto;
    return this.commands.run({ kind: 'ClaimActionCompletion', concernId, actionId, ...commandFields(rest), evidence: evidence.map((e) => ({ ...e })) }, who, req);
  }

  @Post('actions/:actionId/verification')
  verify(@Id() concernId: string, @ActionId() actionId: string, @Body() dto: VerificationDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'VerifyAction', concernId, actionId, ...commandFields(dto) }, who, req);
  }

  @Post('actions/:actionId/verification-rejections')
  rejectVerification(@Id() concernId: string, @ActionId() actionId: string, @Body() dto: VerificationRejectionDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    return this.commands.run({ kind: 'RejectActionVerification', concernId, actionId, ...commandFields(dto) }, who, req);
  }
}
