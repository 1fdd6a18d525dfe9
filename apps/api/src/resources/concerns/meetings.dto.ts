import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTENDANCE,
  MEETING_KINDS,
  MEETING_ORGANISATION_KINDS,
  PROVIDER_ATTENDANCE,
  type Attendance,
  type MeetingKind,
  type MeetingOrganisationKind,
  type ProviderAttendance,
} from '@caretrail/domain';
import { ArrayMinSize, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CommandDto } from '../shared/command.dto';
import { IsLocalDate, IsNestedList, IsText, IsTextList } from '../shared/validation.decorators';

/** One invitation: an organisation by kind and name, and the post invited (not a name). */
export class MeetingInvitationDto {
  @ApiProperty({ enum: MEETING_ORGANISATION_KINDS })
  @IsIn(MEETING_ORGANISATION_KINDS)
  organisationKind!: MeetingOrganisationKind;

  @IsText(200, 'Northshire Council', 'The organisation invited')
  organisationName!: string;

  @IsText(200, 'Safeguarding adults manager', 'The post invited (not a name)')
  role!: string;

  @ApiPropertyOptional({ enum: PROVIDER_ATTENDANCE, description: 'The provider only: invited to all of the meeting or part of it' })
  @IsOptional()
  @IsIn(PROVIDER_ATTENDANCE)
  providerAttendance?: ProviderAttendance;
}

/** The council calls a meeting of the procedure and invites organisations to it. */
export class ScheduleMeetingDto extends CommandDto {
  @ApiProperty({ enum: MEETING_KINDS })
  @IsIn(MEETING_KINDS)
  meetingKind!: MeetingKind;

  @IsLocalDate('The day of the meeting', '2025-04-02')
  meetingOn!: string;

  @IsNestedList(() => MeetingInvitationDto, 50, 'Who is invited; each gets an inviteeId (in the concern’s meetingPlans)')
  @ArrayMinSize(1, { message: '$property must invite at least one organisation' })
  invitations!: MeetingInvitationDto[];
}

export class MeetingAgendaDto extends CommandDto {
  @IsLocalDate('The day the agenda was sent to the invitees, before the meeting', '2025-03-28')
  sharedOn!: string;

  @IsTextList(50, 500, ['Findings of the PAMMS audit', 'The provider’s action plan'])
  @ArrayMinSize(1, { message: '$property must hold at least one item' })
  items!: string[];
}

export class MeetingAttendanceDto {
  @ApiProperty({ format: 'uuid', description: 'The invitee, from the meeting’s invitations' })
  @IsUUID('all', { message: '$property must be an invitee id (UUID)' })
  inviteeId!: string;

  @ApiProperty({ enum: ATTENDANCE })
  @IsIn(ATTENDANCE)
  attendance!: Attendance;
}

/** A decision of the minutes that is an action to track. */
export class MeetingDecisionActionDto {
  @IsText(2000, 'Re-audit medication records', 'What is to be done')
  description!: string;

  @IsText(200, 'QA officer, Northshire Council', 'Who owns it: a post or organisation, not a name')
  owner!: string;

  @IsLocalDate('When it is due, on or after the meeting', '2025-04-16')
  dueOn!: string;
}

/** The minutes of a scheduled meeting: attendance of every invitee, decisions, and decisions that are actions. */
export class MeetingMinutesDto extends CommandDto {
  @IsLocalDate('The day the meeting was held')
  heldOn!: string;

  @IsNestedList(() => MeetingAttendanceDto, 50, 'The attendance of every invitee, once each')
  @ArrayMinSize(1, { message: '$property must give the attendance of every invitee' })
  attendance!: MeetingAttendanceDto[];

  @IsTextList(50, 2000, ['Hold a findings meeting after the re-audit'])
  decisions!: string[];

  @IsNestedList(() => MeetingDecisionActionDto, 50, 'Decisions that are actions, each with its owner and due date; each gets an actionId')
  @IsOptional()
  actions?: MeetingDecisionActionDto[];
}

export class CompleteMeetingActionDto extends CommandDto {
  @IsLocalDate('The day the action was completed')
  completedOn!: string;

  @IsText(2000, 'Re-audit done: all records complete', 'How it was completed')
  note!: string;
}
