import { isMeetingActionOverdue, type ConcernState, type MeetingAction } from '@caretrail/domain';
import { ATTENDANCE_WORDS, MEETING_KIND_WORDS } from '@caretrail/timeline';
import type { Identity } from '../../identity/identity';
import type { ConcernPageRecord } from '../read/concern-record.reader';
import { invitationWords } from './meeting-items';
import { policyAllows, relationTo } from './offered-actions';

const FORM_KEY = 'POST /app/concerns/{concernId}/{form}';

export interface MeetingActionView {
  meetingId: string;
  actionId: string;
  description: string;
  owner: string;
  dueOn: string;
  status: 'Open' | 'Completed';
  overdue: boolean;
  completedOn: string | null;
  completionNote: string | null;
  completeHref: string | null;
}

/** One multi-agency meeting on the case file: who was invited and came, its agenda, its minutes and actions. */
export interface MeetingView {
  meetingId: string;
  kind: string;
  meetingOn: string;
  heldOn: string | null;
  /** Its minutes corrected or withdrawn (shown here, the one place the meeting is shown). */
  heldMarks: { corrected: boolean; retracted: string | null };
  invitees: { words: string; attendance: string | null }[];
  agenda: { sharedOn: string; items: string[] } | null;
  decisions: string[];
  actions: MeetingActionView[];
  agendaHref: string | null;
  minutesHref: string | null;
}

/**
 * The concern's meetings called with invitations (issue 16 item 1), newest first, and every meeting
 * action to track with its status (overdue when open after its due date). Links only to whom the
 * page policy admits, never in a replay.
 */
export function meetingsOnCaseFile(
  record: ConcernPageRecord,
  state: ConcernState,
  who: Identity,
  on: string,
  markOf: (eventId: string | undefined) => MeetingView['heldMarks'] = () => ({ corrected: false, retracted: null }),
): { meetings: MeetingView[]; actions: MeetingActionView[] } {
  const relation = relationTo(who, record.live);
  const may = (form: string) => !record.replay && record.live.status !== 'closed' && policyAllows(FORM_KEY, relation, { form });
  const base = `/app/concerns/${record.id}`;
  const actionView = (a: MeetingAction): MeetingActionView => ({
    meetingId: a.meetingId,
    actionId: a.actionId,
    description: a.description,
    owner: a.owner,
    dueOn: a.dueOn,
    status: a.status === 'open' ? 'Open' : 'Completed',
    overdue: isMeetingActionOverdue(a, on),
    completedOn: a.completion?.completedOn ?? null,
    completionNote: a.completion?.note ?? null,
    completeHref:
      a.status === 'open' && may('complete-meeting-action') && (relation !== 'ownProvider' || a.ownerParty === 'provider')
        ? `${base}/complete-meeting-action?action=${a.actionId}`
        : null,
  });
  const actions = (state.meetingActions ?? []).map(actionView);
  const meetings = [...(state.meetingPlans ?? [])].reverse().map((p): MeetingView => {
    const held = state.meetings.find((m) => m.meetingId === p.meetingId) ?? null;
    const attendanceOf = (inviteeId: string) => {
      const a = held?.attendance.find((x) => x.inviteeId === inviteeId);
      return a ? (ATTENDANCE_WORDS[a.attendance] ?? a.attendance) : null;
    };
    return {
      meetingId: p.meetingId,
      kind: MEETING_KIND_WORDS[p.meetingKind] ?? p.meetingKind,
      meetingOn: p.meetingOn,
      heldOn: held?.heldOn ?? null,
      heldMarks: markOf(held?.eventId),
      invitees: p.invitations.map((i) => ({ words: invitationWords(i as unknown as Record<string, unknown>), attendance: attendanceOf(i.inviteeId) })),
      agenda: p.agenda ? { sharedOn: p.agenda.sharedOn, items: p.agenda.items } : null,
      decisions: held?.decisions ?? [],
      actions: actions.filter((a) => a.meetingId === p.meetingId),
      agendaHref: !held && may('meeting-agenda') ? `${base}/meeting-agenda?meeting=${p.meetingId}` : null,
      minutesHref: !held && may('meeting-minutes') ? `${base}/meeting-minutes?meeting=${p.meetingId}` : null,
    };
  });
  return { meetings, actions };
}
