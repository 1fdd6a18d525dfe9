import { ATTENDANCE, MEETING_KINDS, MEETING_ORGANISATION_KINDS, PROVIDER_ATTENDANCE, type MeetingInvitation } from '../events/meeting.events';
import type { RecordReviewMeeting } from '../concern/concern.commands';
import { assertDateNotInFuture, assertLocalDate } from '../shared/date-rules';
import type { DomainActor, Occurred } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import { compareLocalDates } from '../shared/local-date';
import type { Instant } from '../shared/primitives';
import { isBlank } from '../shared/text-rules';
import type { CompleteMeetingAction, ScheduleMeeting, ShareMeetingAgenda } from './meeting.commands';
import type { MeetingPlan, MeetingsState } from './meeting.state';

const fail = (rule: string, message: string): never => {
  throw new DomainRuleError(rule, message);
};

function planOf(meetings: MeetingsState, meetingId: string): MeetingPlan {
  return meetings.plans.find((p) => p.meetingId === meetingId) ?? fail('meeting-known', `No meeting ${meetingId} has been scheduled on this concern`);
}

/** Invitations name an organisation kind, its name and the post invited; only the provider says whether it attends all or part. */
export function decideScheduleMeeting(command: ScheduleMeeting, meetings: MeetingsState): Occurred[] {
  if (!MEETING_KINDS.includes(command.meetingKind)) fail('meeting-kind', `meetingKind must be one of ${MEETING_KINDS.join(', ')}`);
  assertLocalDate(command.meetingOn, 'meetingOn');
  if (meetings.plans.some((p) => p.meetingId === command.meetingId)) fail('meeting-unique', `Meeting ${command.meetingId} is already scheduled`);
  if ((command.invitations ?? []).length === 0) fail('meeting-invitations-required', 'A meeting invites at least one organisation');
  const ids = new Set<string>();
  const invitations: MeetingInvitation[] = command.invitations.map((i) => {
    if (!MEETING_ORGANISATION_KINDS.includes(i.organisationKind))
      fail('meeting-organisation-kind', `organisationKind must be one of ${MEETING_ORGANISATION_KINDS.join(', ')}`);
    if (isBlank(i.organisationName) || isBlank(i.role)) fail('meeting-invitation-named', 'Each invitation names the organisation and the post invited');
    if (ids.has(i.inviteeId)) fail('meeting-invitee-unique', `Invitee ${i.inviteeId} is listed twice`);
    ids.add(i.inviteeId);
    const providerAttendance = i.providerAttendance ?? null;
    if (i.organisationKind === 'provider' && (providerAttendance === null || !PROVIDER_ATTENDANCE.includes(providerAttendance))) {
      fail('meeting-provider-attendance', 'The provider is invited to all of the meeting or part of it (providerAttendance all or part)');
    }
    if (i.organisationKind !== 'provider' && providerAttendance !== null) {
      fail('meeting-provider-attendance', 'providerAttendance is said only of the provider');
    }
    return {
      inviteeId: i.inviteeId,
      organisationKind: i.organisationKind,
      organisationName: i.organisationName.trim(),
      role: i.role.trim(),
      providerAttendance,
    };
  });
  const { meetingId, concernId, meetingKind, meetingOn } = command;
  return [{ type: 'MeetingScheduled', occurredAt: command.occurredAt, data: { meetingId, concernId, meetingKind, meetingOn, invitations } }];
}

/** The agenda goes out in advance: shared before the meeting's day, and not after it has been held. */
export function decideShareAgenda(command: ShareMeetingAgenda, meetings: MeetingsState, now: Instant): Occurred[] {
  const plan = planOf(meetings, command.meetingId);
  assertDateNotInFuture(command.sharedOn, now, 'sharedOn');
  if (plan.heldEventId !== null) fail('meeting-already-held', 'The meeting has been held; its agenda can no longer be shared');
  if (compareLocalDates(command.sharedOn, plan.meetingOn) >= 0) {
    fail('agenda-before-meeting', `The agenda is shared before the meeting: sharedOn ${command.sharedOn} is not before ${plan.meetingOn}`);
  }
  const items = (command.items ?? []).filter((i) => !isBlank(i)).map((i) => i.trim());
  if (items.length === 0) fail('agenda-items-required', 'An agenda has at least one item');
  const { meetingId, concernId, sharedOn } = command;
  return [{ type: 'MeetingAgendaShared', occurredAt: command.occurredAt, data: { meetingId, concernId, sharedOn, items } }];
}

/**
 * The minutes of a meeting. A scheduled meeting (its meetingId known) records the attendance of every
 * invitee, once each, and its attendees are the posts that attended; an unscheduled review meeting
 * names its attendees as before. Either may record decisions that are actions, each with an owner
 * (a post or organisation) and a due date on or after the meeting.
 */
export function decideMeetingMinutes(command: RecordReviewMeeting, meetings: MeetingsState, now: Instant): Occurred[] {
  assertDateNotInFuture(command.heldOn, now, 'heldOn');
  const plan = command.scheduled ? planOf(meetings, command.meetingId) : (meetings.plans.find((p) => p.meetingId === command.meetingId) ?? null);
  if (plan?.heldEventId) fail('meeting-already-held', 'The minutes of this meeting are already recorded');
  if (command.meetingKind !== undefined && !MEETING_KINDS.includes(command.meetingKind))
    fail('meeting-kind', `meetingKind must be one of ${MEETING_KINDS.join(', ')}`);
  if (plan && command.meetingKind !== undefined && command.meetingKind !== plan.meetingKind) {
    fail('meeting-kind', `The meeting was scheduled as ${plan.meetingKind}`);
  }
  const meetingKind = plan?.meetingKind ?? command.meetingKind ?? 'review_meeting';
  const attendance = (command.attendance ?? []).map((a) => ({ inviteeId: a.inviteeId, attendance: a.attendance }));
  let attendees = (command.attendees ?? []).filter((a) => !isBlank(a));
  if (plan) {
    if (plan.agenda && compareLocalDates(plan.agenda.sharedOn, command.heldOn) >= 0) {
      fail('agenda-before-meeting', `The agenda was shared on ${plan.agenda.sharedOn}, not before heldOn ${command.heldOn}`);
    }
    const invited = new Set(plan.invitations.map((i) => i.inviteeId));
    const seen = new Set<string>();
    for (const a of attendance) {
      if (!invited.has(a.inviteeId)) fail('meeting-attendance-invitees', `Invitee ${a.inviteeId} was not invited to this meeting`);
      if (seen.has(a.inviteeId)) fail('meeting-attendance-invitees', `Invitee ${a.inviteeId} is listed twice`);
      if (!ATTENDANCE.includes(a.attendance)) fail('meeting-attendance', `attendance must be one of ${ATTENDANCE.join(', ')}`);
      seen.add(a.inviteeId);
    }
    const missing = plan.invitations.filter((i) => !seen.has(i.inviteeId));
    if (missing.length > 0)
      fail('meeting-attendance-invitees', `Record the attendance of every invitee: ${missing.map((i) => `${i.role}, ${i.organisationName}`).join('; ')}`);
    const present = plan.invitations.filter((i) => attendance.some((a) => a.inviteeId === i.inviteeId && a.attendance === 'attended'));
    if (present.length === 0) fail('meeting-attendees-required', 'At least one invitee attended the meeting');
    if (attendees.length === 0) attendees = present.map((i) => `${i.role}, ${i.organisationName}`);
  } else if (attendance.length > 0) {
    fail('meeting-attendance-invitees', 'Attendance by invitee is recorded for a scheduled meeting; name the attendees instead');
  }
  if (attendees.length === 0) fail('meeting-attendees-required', 'A review meeting records who attended (posts or organisations)');
  const decisions = (command.decisions ?? []).filter((d) => !isBlank(d));
  const actions = (command.actions ?? []).map((a) => {
    if (isBlank(a.description)) fail('meeting-action-described', 'Each action says what is to be done');
    if (isBlank(a.owner)) fail('meeting-action-owner', 'Each action has an owner (a post or organisation)');
    assertLocalDate(a.dueOn, 'dueOn');
    if (compareLocalDates(a.dueOn, command.heldOn) < 0)
      fail('meeting-action-due-after-meeting', `An action's due date ${a.dueOn} is before the meeting (${command.heldOn})`);
    return { actionId: a.actionId, description: a.description.trim(), owner: a.owner.trim(), dueOn: a.dueOn };
  });
  if (decisions.length + actions.length === 0) fail('meeting-decisions-required', 'A review meeting records at least one decision');
  const { concernId, meetingId, heldOn } = command;
  const data = { meetingId, concernId, heldOn, attendees, decisions, meetingKind, attendance, actions };
  return [{ type: 'ReviewMeetingHeld', occurredAt: command.occurredAt, data }];
}

/**
 * Completing a meeting's action is a new event; done once, not before the meeting, not in the future.
 * The council records any action as completed; the provider only an action it owns (the parties are
 * checked by the concern's decider before this).
 */
export function decideCompleteMeetingAction(command: CompleteMeetingAction, meetings: MeetingsState, now: Instant, actor?: DomainActor): Occurred[] {
  const action =
    meetings.actions.find((a) => a.meetingId === command.meetingId && a.actionId === command.actionId) ??
    fail('meeting-action-known', `No action ${command.actionId} in the minutes of meeting ${command.meetingId}`);
  if (actor?.organisationKind === 'provider' && (action.ownerParty ?? 'council') !== 'provider') {
    throw new WrongPartyError(
      'meeting-action-owner-party',
      `The action is owned by ${action.owner}; the provider records as completed only the actions it owns`,
    );
  }
  if (action.status === 'completed') fail('meeting-action-open', 'The action is already completed');
  assertDateNotInFuture(command.completedOn, now, 'completedOn');
  if (compareLocalDates(command.completedOn, action.heldOn) < 0)
    fail('meeting-action-after-meeting', `completedOn ${command.completedOn} is before the meeting (${action.heldOn})`);
  if (isBlank(command.note)) fail('meeting-action-note', 'Say how the action was completed');
  const { meetingId, concernId, actionId, completedOn } = command;
  return [{ type: 'MeetingActionCompleted', occurredAt: command.occurredAt, data: { meetingId, concernId, actionId, completedOn, note: command.note.trim() } }];
}
