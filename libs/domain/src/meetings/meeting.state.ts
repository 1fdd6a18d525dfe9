import type { MeetingDecisionAction, MeetingInvitation, MeetingKind } from '../events/meeting.events';
import type { Recorded } from '../shared/decider';
import type { Instant, LocalDate } from '../shared/primitives';

/** A meeting the council has called: its invitations, the agenda once shared, and whether it has been held. */
export interface MeetingPlan {
  eventId: string;
  meetingId: string;
  meetingKind: MeetingKind;
  meetingOn: LocalDate;
  invitations: MeetingInvitation[];
  agenda: { eventId: string; sharedOn: LocalDate; items: string[]; at: Instant } | null;
  /** The ReviewMeetingHeld event that minuted it; null until held. */
  heldEventId: string | null;
  at: Instant;
}

/** A decision of a meeting that is an action to track: open until a completion is recorded. */
export interface MeetingAction extends MeetingDecisionAction {
  meetingId: string;
  meetingKind: MeetingKind;
  heldOn: LocalDate;
  status: 'open' | 'completed';
  /** Who is to do it: the provider when the owner names the provider invited to the meeting, otherwise the council. */
  ownerParty: MeetingActionOwnerParty;
  completion: { eventId: string; completedOn: LocalDate; note: string; at: Instant } | null;
}

export type MeetingActionOwnerParty = 'council' | 'provider';

/**
 * An action is the provider's when its owner names the organisation invited as the provider to the
 * meeting ("Hollybank Support Trust" or "Registered manager, Hollybank Support Trust"); every other
 * owner (a council post, another agency, a meeting minuted without invitations) is the council's to follow up.
 */
export function meetingActionOwnerParty(owner: string, plan: Pick<MeetingPlan, 'invitations'> | null | undefined): MeetingActionOwnerParty {
  const said = owner.trim().toLowerCase();
  const names = (plan?.invitations ?? []).filter((i) => i.organisationKind === 'provider').map((i) => i.organisationName.trim().toLowerCase());
  return names.some((n) => n !== '' && (said === n || said.endsWith(`, ${n}`))) ? 'provider' : 'council';
}

export interface MeetingsState {
  plans: MeetingPlan[];
  actions: MeetingAction[];
}

export const initialMeetingsState = (): MeetingsState => ({ plans: [], actions: [] });

/** Folds the meeting events of a concern; events from before schema 2 carry no kind or actions and read as a review meeting. */
export function evolveMeetings(state: MeetingsState, event: Recorded): MeetingsState {
  const at = event.occurredAt;
  switch (event.type) {
    case 'MeetingScheduled': {
      const { meetingId, meetingKind, meetingOn, invitations } = event.data;
      return {
        ...state,
        plans: [...state.plans, { eventId: event.eventId, meetingId, meetingKind, meetingOn, invitations, agenda: null, heldEventId: null, at }],
      };
    }
    case 'MeetingAgendaShared': {
      const { meetingId, sharedOn, items } = event.data;
      return { ...state, plans: state.plans.map((p) => (p.meetingId === meetingId ? { ...p, agenda: { eventId: event.eventId, sharedOn, items, at } } : p)) };
    }
    case 'ReviewMeetingHeld': {
      const { meetingId, heldOn } = event.data;
      const meetingKind = event.data.meetingKind ?? 'review_meeting';
      const plan = state.plans.find((p) => p.meetingId === meetingId);
      const actions: MeetingAction[] = (event.data.actions ?? []).map((a) => ({
        ...a,
        meetingId,
        meetingKind,
        heldOn,
        status: 'open',
        ownerParty: meetingActionOwnerParty(a.owner, plan),
        completion: null,
      }));
      return {
        plans: state.plans.map((p) => (p.meetingId === meetingId ? { ...p, heldEventId: event.eventId } : p)),
        actions: [...state.actions, ...actions],
      };
    }
    case 'MeetingActionCompleted': {
      const { meetingId, actionId, completedOn, note } = event.data;
      return {
        ...state,
        actions: state.actions.map((a) =>
          a.meetingId === meetingId && a.actionId === actionId
            ? { ...a, status: 'completed', completion: { eventId: event.eventId, completedOn, note, at } }
            : a,
        ),
      };
    }
    default:
      return state;
  }
}

/** An open action past its due date (the day after dueOn, Europe/London, is late). */
export const isMeetingActionOverdue = (action: MeetingAction, today: LocalDate): boolean => action.status === 'open' && action.dueOn < today;
