import { Body, Controller, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { CommandDispatcher } from '../../commands/command-dispatcher';
import { CurrentIdentity } from '../../identity/current-identity.decorator';
import type { Identity } from '../../identity/identity';
import { ApiCommand } from '../../openapi/api-operations';
import { commandFields } from '../shared/command.dto';
import { CompleteMeetingActionDto, MeetingAgendaDto, MeetingMinutesDto, ScheduleMeetingDto } from './meetings.dto';

const Id = (name: string) => Param(name, ParseUUIDPipe);

/** Issue 16 item 1: multi-agency meetings called, their agenda, minutes and decision actions (docs/procedure.md). */
@ApiTags('concerns')
@Controller('concerns')
export class MeetingsController {
  constructor(private readonly commands: CommandDispatcher) {}

  @ApiCommand(
    'Call a multi-agency meeting',
    "The concern's council calls a meeting (provider concerns meeting, large-scale enquiry, findings, closure or review meeting) and invites organisations by kind, name and post; the provider is invited to all or part. The meeting and each invitee's id are in the concern's meetingPlans (GET /concerns/{id}).",
  )
  @Post(':concernId/meetings')
  schedule(@Id('concernId') concernId: string, @Body() dto: ScheduleMeetingDto, @CurrentIdentity() who: Identity, @Req() req: Request) {
    const invitations = dto.invitations.map((i) => ({ inviteeId: uuidv7(), ...i, providerAttendance: i.providerAttendance ?? null }));
    return this.commands.run({ kind: 'ScheduleMeeting', concernId, meetingId: uuidv7(), ...commandFields(dto), invitations }, who, req);
  }

  @ApiCommand(
    'Share a meeting’s agenda',
    'The council records the agenda sent to the invitees; sharedOn must be before the meeting (rule agenda-before-meeting).',
  )
  @Post(':concernId/meetings/:meetingId/agenda')
  agenda(
    @Id('concernId') concernId: string,
    @Id('meetingId') meetingId: string,
    @Body() dto: MeetingAgendaDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    return this.commands.run({ kind: 'ShareMeetingAgenda', concernId, meetingId, ...commandFields(dto) }, who, req);
  }

  @ApiCommand(
    'Record the minutes of a meeting',
    "The council records the meeting as held: every invitee's attendance (attended, apologies, absent), the decisions, and decisions that are actions with an owner and due date (each gets an actionId, in the concern's meetingActions).",
  )
  @Post(':concernId/meetings/:meetingId/minutes')
  minutes(
    @Id('concernId') concernId: string,
    @Id('meetingId') meetingId: string,
    @Body() dto: MeetingMinutesDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    const actions = (dto.actions ?? []).map((a) => ({ actionId: uuidv7(), ...a }));
    return this.commands.run({ kind: 'RecordReviewMeeting', concernId, meetingId, scheduled: true, attendees: [], ...commandFields(dto), actions }, who, req);
  }

  @ApiCommand('Complete a meeting’s action', 'The council records that an action decided at a meeting is done: a new entry; the minutes stay as they were.')
  @Post(':concernId/meetings/:meetingId/actions/:actionId/completion')
  complete(
    @Id('concernId') concernId: string,
    @Id('meetingId') meetingId: string,
    @Id('actionId') actionId: string,
    @Body() dto: CompleteMeetingActionDto,
    @CurrentIdentity() who: Identity,
    @Req() req: Request,
  ) {
    return this.commands.run({ kind: 'CompleteMeetingAction', concernId, meetingId, actionId, ...commandFields(dto) }, who, req);
  }
}
