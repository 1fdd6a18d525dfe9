import { ATTENDANCE, MEETING_KINDS, MEETING_ORGANISATION_KINDS, type MeetingAction, type MeetingPlan } from '@caretrail/domain';
import { ATTENDANCE_WORDS, MEETING_KIND_WORDS, MEETING_ORGANISATION_WORDS } from '@caretrail/timeline';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { v7 as uuidv7 } from 'uuid';
import { CompleteMeetingActionDto, MeetingAgendaDto, MeetingMinutesDto, ScheduleMeetingDto } from '../../resources/concerns/meetings.dto';
import { commandFields } from '../../resources/shared/command.dto';
import { invitationWords } from '../pages/meeting-items';
import type { ConcernRecord } from '../read/concern-record.reader';
import type { Identity } from '../../identity/identity';
import { formatDate } from '../rendering/date-format';
import { backToConcern } from './concern-lifecycle.forms';
import { dateFromParts } from './date-parts';
import { isBlankRow, lines, options, rows, text } from './form-values';
import type { FormScope, FormValues, WebForm } from './web-form';

/** Issue 16 item 1 on the pages: call a meeting, share its agenda, record its minutes, complete its actions (docs/procedure.md). */
type ConcernForm<D extends object> = WebForm<ConcernRecord, D>;

const INVITATION_KEYS = ['organisationKind', 'organisationName', 'role', 'providerAttendance'];
const blankInvitation = () => ({ organisationKind: '', organisationName: '', role: '', providerAttendance: '' });
const ACTION_KEYS = ['description', 'owner', 'dueOn-day', 'dueOn-month', 'dueOn-year'];
const blankAction = () => ({ description: '', owner: '', 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' });

export const meetingName = (p: Pick<MeetingPlan, 'meetingKind' | 'meetingOn'>) =>
  `${MEETING_KIND_WORDS[p.meetingKind] ?? p.meetingKind} on ${formatDate(p.meetingOn)}`;

/** Meetings called and not yet minuted. */
export const unheldMeetings = (plans: readonly MeetingPlan[]) => plans.filter((p) => p.heldEventId === null);
/** Meeting actions still open. */
export const openMeetingActions = (actions: readonly MeetingAction[]) => actions.filter((a) => a.status === 'open');

/** The open actions this reader may record as completed: a provider only those it owns, the council any. */
export const completableMeetingActions = (actions: readonly MeetingAction[], who: Pick<Identity, 'organisationKind'>) =>
  openMeetingActions(actions).filter((a) => who.organisationKind !== 'provider' || a.ownerParty === 'provider');

export const meetingOptions = (plans: readonly MeetingPlan[]) =>
  unheldMeetings(plans).map((p) => ({
    value: p.meetingId,
    text: meetingName(p),
    hint: `${p.invitations.length} invited${p.agenda ? `; agenda shared ${formatDate(p.agenda.sharedOn)}` : '; no agenda shared yet'}`,
  }));

/** The agenda form chooses the meeting on the form itself. */
class MeetingAgendaFormDto extends MeetingAgendaDto {
  @ApiProperty()
  @IsUUID('all', { message: 'Choose the meeting' })
  meetingId!: string;
}

/** The completion form chooses the action on the form itself (`<meetingId>:<actionId>`). */
class CompleteMeetingActionFormDto extends CompleteMeetingActionDto {
  @ApiProperty()
  @IsUUID('all', { message: 'Choose the action' })
  actionId!: string;
}

export const scheduleMeetingForm: ConcernForm<ScheduleMeetingDto> = {
  slug: 'schedule-meeting',
  view: 'forms/schedule-meeting.njk',
  title: () => 'Call a multi-agency meeting',
  dto: ScheduleMeetingDto,
  labels: {
    meetingKind: 'the kind of meeting',
    meetingOn: 'the date of the meeting',
    invitations: 'who is invited',
    'invitations.*.organisationKind': 'the kind of organisation invited {n}',
    'invitations.*.organisationName': 'the name of organisation {n}',
    'invitations.*.role': 'the post invited from organisation {n}',
    'invitations.*.providerAttendance': 'whether the provider attends all or part',
  },
  dateFields: ['meetingOn'],
  fieldOfRule: {
    'meeting-provider-attendance': 'invitations',
    'meeting-invitations-required': 'invitations',
    'meeting-kind': 'meetingKind',
    'meeting-invitation-named': 'invitations',
  },
  defaults: () => ({ invitations: [blankInvitation(), blankInvitation(), blankInvitation(), blankInvitation()] }),
  viewData: (_scope, values) => ({
    kinds: options(MEETING_KINDS, (k) => MEETING_KIND_WORDS[k] ?? k),
    organisationKinds: [{ value: '', text: 'Choose' }, ...options(MEETING_ORGANISATION_KINDS, (k) => MEETING_ORGANISATION_WORDS[k] ?? k)],
    providerParts: [
      { value: '', text: 'Not the provider' },
      { value: 'all', text: 'All of the meeting' },
      { value: 'part', text: 'Part of the meeting' },
    ],
    invitationRows: rows(values, 'invitations').map((_row, i) => i),
  }),
  adjust: (values) => (values.addInvitation ? { ...values, addInvitation: undefined, invitations: [...rows(values, 'invitations'), blankInvitation()] } : null),
  toDto: (values) => ({
    meetingKind: text(values, 'meetingKind'),
    meetingOn: dateFromParts(values, 'meetingOn'),
    invitations: rows(values, 'invitations')
      .filter((row) => !isBlankRow(row, INVITATION_KEYS))
      .map((row) => ({
        organisationKind: text(row, 'organisationKind'),
        organisationName: text(row, 'organisationName'),
        role: text(row, 'role'),
        ...(text(row, 'providerAttendance') ? { providerAttendance: text(row, 'providerAttendance') } : {}),
      })),
  }),
  command: (dto, scope) => ({
    kind: 'ScheduleMeeting',
    concernId: scope.record.id,
    meetingId: uuidv7(),
    ...commandFields(dto),
    invitations: dto.invitations.map((i) => ({ inviteeId: uuidv7(), ...i, providerAttendance: i.providerAttendance ?? null })),
  }),
  done: (scope) => backToConcern(scope, 'meeting-scheduled'),
};

export const meetingAgendaForm: ConcernForm<MeetingAgendaFormDto> = {
  slug: 'meeting-agenda',
  view: 'forms/meeting-agenda.njk',
  title: () => 'Share a meeting’s agenda',
  dto: MeetingAgendaFormDto,
  labels: { meetingId: 'the meeting', sharedOn: 'the date the agenda was shared', items: 'the agenda', 'items.*': 'each agenda item' },
  inputOf: { 'items.*': 'items' },
  dateFields: ['sharedOn'],
  fieldOfRule: {
    'agenda-before-meeting': 'sharedOn',
    'date-not-in-future': 'sharedOn',
    'meeting-known': 'meetingId',
    'meeting-already-held': 'meetingId',
    'agenda-items-required': 'items',
  },
  defaults: (scope) => ({ meetingId: scope.params.meeting ?? '' }),
  viewData: (scope) => ({ meetings: meetingOptions(scope.record.live.meetingPlans ?? []) }),
  toDto: (values) => ({ meetingId: text(values, 'meetingId'), sharedOn: dateFromParts(values, 'sharedOn'), items: lines(values, 'items') }),
  command: (dto, scope) => ({ kind: 'ShareMeetingAgenda', concernId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'meeting-agenda-shared'),
};

/** The meeting the minutes form is about: chosen by `?meeting=` on the link, then carried in a hidden field. */
const minutesMeeting = (scope: FormScope<ConcernRecord>, values: FormValues): MeetingPlan | undefined => {
  const id = text(values, 'meetingId') || scope.params.meeting;
  return (scope.record.live.meetingPlans ?? []).find((p) => p.meetingId === id);
};

export const meetingMinutesForm: ConcernForm<MeetingMinutesDto> = {
  slug: 'meeting-minutes',
  view: 'forms/meeting-minutes.njk',
  title: () => 'Record the minutes of a meeting',
  dto: MeetingMinutesDto,
  labels: {
    heldOn: 'the date the meeting was held',
    attendance: 'the attendance of each invitee',
    'attendance.*.attendance': 'the attendance of invitee {n}',
    'attendance.*.inviteeId': 'invitee {n}',
    decisions: 'the decisions',
    'decisions.*': 'each decision',
    'actions.*.description': 'what action {n} is',
    'actions.*.owner': 'the owner of action {n}',
    'actions.*.dueOn': 'the due date of action {n}',
  },
  inputOf: { 'decisions.*': 'decisions', 'attendance.*.inviteeId': 'attendance' },
  dateFields: ['heldOn', 'actions.*.dueOn'],
  fieldOfRule: {
    'date-not-in-future': 'heldOn',
    'agenda-before-meeting': 'heldOn',
    'meeting-known': 'heldOn',
    'meeting-already-held': 'heldOn',
    'meeting-attendance-invitees': 'attendance',
    'meeting-attendees-required': 'attendance',
    'meeting-decisions-required': 'decisions',
    'meeting-action-due-after-meeting': 'actions.0.dueOn',
    'meeting-action-owner': 'actions.0.owner',
    'meeting-action-described': 'actions.0.description',
  },
  defaults: (scope) => {
    const plan = minutesMeeting(scope, {});
    return {
      meetingId: plan?.meetingId ?? '',
      attendance: (plan?.invitations ?? []).map((i) => ({ inviteeId: i.inviteeId, attendance: '' })),
      actions: [blankAction(), blankAction()],
    };
  },
  viewData: (scope, values) => {
    const plan = minutesMeeting(scope, values);
    return {
      meeting: plan ? { name: meetingName(plan), agenda: plan.agenda?.items ?? [] } : null,
      invitees: (plan?.invitations ?? []).map((i, index) => ({
        index,
        inviteeId: i.inviteeId,
        words: invitationWords(i as unknown as Record<string, unknown>),
      })),
      attendanceChoices: options(ATTENDANCE, (a) => ATTENDANCE_WORDS[a] ?? a),
      actionRows: rows(values, 'actions').map((_row, i) => i),
    };
  },
  adjust: (values) => (values.addAction ? { ...values, addAction: undefined, actions: [...rows(values, 'actions'), blankAction()] } : null),
  toDto: (values) => ({
    heldOn: dateFromParts(values, 'heldOn'),
    attendance: rows(values, 'attendance').map((row) => ({ inviteeId: text(row, 'inviteeId'), attendance: text(row, 'attendance') || undefined })),
    decisions: lines(values, 'decisions') ?? [],
    actions: rows(values, 'actions')
      .filter((row) => !isBlankRow(row, ACTION_KEYS))
      .map((row) => ({ description: text(row, 'description'), owner: text(row, 'owner'), dueOn: dateFromParts(row, 'dueOn') })),
  }),
  command: (dto, scope, values) => ({
    kind: 'RecordReviewMeeting',
    concernId: scope.record.id,
    meetingId: text(values, 'meetingId') ?? '',
    scheduled: true,
    attendees: [],
    ...commandFields(dto),
    actions: (dto.actions ?? []).map((a) => ({ actionId: uuidv7(), ...a })),
  }),
  done: (scope) => backToConcern(scope, 'meeting-minuted'),
};

export const completeMeetingActionForm: ConcernForm<CompleteMeetingActionFormDto> = {
  slug: 'complete-meeting-action',
  view: 'forms/complete-meeting-action.njk',
  title: () => 'Record a meeting’s action as completed',
  dto: CompleteMeetingActionFormDto,
  labels: { actionId: 'the action', completedOn: 'the date it was completed', note: 'how it was completed' },
  dateFields: ['completedOn'],
  fieldOfRule: {
    'date-not-in-future': 'completedOn',
    'meeting-action-after-meeting': 'completedOn',
    'meeting-action-known': 'actionId',
    'meeting-action-open': 'actionId',
    'meeting-action-note': 'note',
    'meeting-action-owner-party': 'actionId',
  },
  defaults: (scope) => ({ actionId: scope.params.action ?? '' }),
  viewData: (scope) => ({
    actions: completableMeetingActions(scope.record.live.meetingActions ?? [], scope.who).map((a) => ({
      value: a.actionId,
      text: a.description,
      hint: `${MEETING_KIND_WORDS[a.meetingKind] ?? a.meetingKind} of ${formatDate(a.heldOn)}; owner ${a.owner}; due ${formatDate(a.dueOn)}`,
    })),
  }),
  toDto: (values) => ({ actionId: text(values, 'actionId'), completedOn: dateFromParts(values, 'completedOn'), note: text(values, 'note') }),
  command: (dto, scope) => {
    const { actionId, ...rest } = dto;
    const meetingId = (scope.record.live.meetingActions ?? []).find((a) => a.actionId === actionId)?.meetingId ?? '';
    return { kind: 'CompleteMeetingAction', concernId: scope.record.id, meetingId, actionId, ...commandFields(rest) };
  },
  done: (scope) => backToConcern(scope, 'meeting-action-completed'),
};

export const meetingForms = [scheduleMeetingForm, meetingAgendaForm, meetingMinutesForm, completeMeetingActionForm];
