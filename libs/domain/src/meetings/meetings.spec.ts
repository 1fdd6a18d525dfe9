import { upcastEventData } from '../events/upcasting';
import { EVENT_SCHEMAS } from '../events/event-catalogue';
import { closed, openConcern } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import type { Recorded } from '../shared/decider';
import type { RecordReviewMeeting } from '../concern/concern.commands';
import { concernDecider } from '../concern/concern.decider';
import type { CompleteMeetingAction, ScheduleMeeting, ShareMeetingAgenda } from './meeting.commands';
import { isMeetingActionOverdue } from './meeting.state';

const concernId = IDS.concern;
const ctx = (actor = ACTORS.council) => ({ actor, now: NOW, refs: { contract: contractAwarded() } });

const INVITATIONS: ScheduleMeeting['invitations'] = [
  { inviteeId: 'i-qa', organisationKind: 'commissioning_and_qa', organisationName: 'Northshire Council', role: 'QA officer' },
  { inviteeId: 'i-sg', organisationKind: 'safeguarding', organisationName: 'Northshire Council', role: 'Safeguarding lead' },
  { inviteeId: 'i-icb', organisationKind: 'integrated_care_board', organisationName: 'Northshire ICB', role: 'Quality lead' },
  { inviteeId: 'i-prov', organisationKind: 'provider', organisationName: 'Sunrise Care Ltd', role: 'Registered manager', providerAttendance: 'part' },
];
const schedule = (change: Partial<ScheduleMeeting> = {}): ScheduleMeeting => ({
  kind: 'ScheduleMeeting',
  concernId,
  meetingId: 'mtg-1',
  meetingKind: 'provider_concerns_meeting',
  meetingOn: '2026-02-10',
  invitations: INVITATIONS,
  occurredAt: at('2026-02-02'),
  ...change,
});
const agenda = (change: Partial<ShareMeetingAgenda> = {}): ShareMeetingAgenda => ({
  kind: 'ShareMeetingAgenda',
  concernId,
  meetingId: 'mtg-1',
  sharedOn: '2026-02-05',
  items: ['Medication audit findings', 'Next steps'],
  occurredAt: at('2026-02-05'),
  ...change,
});
const ATTENDANCE: RecordReviewMeeting['attendance'] = [
  { inviteeId: 'i-qa', attendance: 'attended' },
  { inviteeId: 'i-sg', attendance: 'attended' },
  { inviteeId: 'i-icb', attendance: 'apologies' },
  { inviteeId: 'i-prov', attendance: 'attended' },
];
const ACTIONS: RecordReviewMeeting['actions'] = [
  { actionId: 'a-1', description: 'Re-audit medication records', owner: 'QA officer, Northshire Council', dueOn: '2026-02-24' },
];
const minutes = (change: Partial<RecordReviewMeeting> = {}): RecordReviewMeeting => ({
  kind: 'RecordReviewMeeting',
  concernId,
  meetingId: 'mtg-1',
  heldOn: '2026-02-10',
  attendees: [],
  decisions: ['Hold a findings meeting in March'],
  attendance: ATTENDANCE,
  actions: ACTIONS,
  occurredAt: at('2026-02-10', '16:00'),
  ...change,
});
const complete = (change: Partial<CompleteMeetingAction> = {}): CompleteMeetingAction => ({
  kind: 'CompleteMeetingAction',
  concernId,
  meetingId: 'mtg-1',
  actionId: 'a-1',
  completedOn: '2026-02-20',
  note: 'Re-audit done: 6 of 6 records complete',
  occurredAt: at('2026-02-20'),
  ...change,
});

/** The history up to a point, each step decided by the decider itself. */
function history(...commands: (ScheduleMeeting | ShareMeetingAgenda | RecordReviewMeeting | CompleteMeetingAction)[]): Recorded[] {
  const events: Recorded[] = openConcern();
  commands.forEach((command, n) => {
    const state = given(concernDecider, events).state;
    for (const e of concernDecider.decide(command, state, ctx())) events.push(by(ACTORS.council, e, `evt-m${n}`));
  });
  return events;
}

describe('multi-agency meetings (issue 16 item 1)', () => {
  describe('invitations', () => {
    it('schedules a provider concerns meeting inviting organisations by kind and post, the provider for part', () => {
      given(concernDecider, openConcern())
        .when(schedule(), ctx())
        .then([
          {
            type: 'MeetingScheduled',
            occurredAt: at('2026-02-02'),
            data: {
              meetingId: 'mtg-1',
              concernId,
              meetingKind: 'provider_concerns_meeting',
              meetingOn: '2026-02-10',
              invitations: INVITATIONS.map((i) => ({ ...i, providerAttendance: i.providerAttendance ?? null })),
            },
          },
        ]);
    });

    it('rule meeting-provider-attendance: the provider is invited to all or part', () => {
      given(concernDecider, openConcern())
        .when(schedule({ invitations: [{ inviteeId: 'p', organisationKind: 'provider', organisationName: 'Sunrise', role: 'Director' }] }), ctx())
        .thenFails('meeting-provider-attendance');
      given(concernDecider, openConcern())
        .when(
          schedule({
            invitations: [{ inviteeId: 'p', organisationKind: 'police', organisationName: 'Northshire Police', role: 'DS', providerAttendance: 'all' }],
          }),
          ctx(),
        )
        .thenFails('meeting-provider-attendance');
    });

    it('rule meeting-invitations-required and meeting-kind', () => {
      given(concernDecider, openConcern())
        .when(schedule({ invitations: [] }), ctx())
        .thenFails('meeting-invitations-required');
      given(concernDecider, openConcern())
        .when(schedule({ meetingKind: 'coffee' as never }), ctx())
        .thenFails('meeting-kind');
    });

    it("rule contract-council-only: only the concern's council calls the meeting", () => {
      given(concernDecider, openConcern()).when(schedule(), ctx(ACTORS.provider)).thenForbidden('contract-council-only');
    });
  });

  describe('agenda', () => {
    it('shares the agenda before the meeting', () => {
      given(concernDecider, history(schedule()))
        .when(agenda(), ctx())
        .then([
          {
            type: 'MeetingAgendaShared',
            occurredAt: at('2026-02-05'),
            data: { meetingId: 'mtg-1', concernId, sharedOn: '2026-02-05', items: ['Medication audit findings', 'Next steps'] },
          },
        ]);
    });

    it('rule agenda-before-meeting: not on the day or after', () => {
      given(concernDecider, history(schedule()))
        .when(agenda({ sharedOn: '2026-02-10' }), ctx())
        .thenFails('agenda-before-meeting');
    });

    it('rule meeting-known: an agenda for a meeting never scheduled', () => {
      given(concernDecider, history(schedule()))
        .when(agenda({ meetingId: 'nope' }), ctx())
        .thenFails('meeting-known');
    });
  });

  describe('minutes', () => {
    it('records attendance per invitee, the attendees who came and the decision actions, of the scheduled kind', () => {
      given(concernDecider, history(schedule(), agenda()))
        .when(minutes(), ctx())
        .then([
          {
            type: 'ReviewMeetingHeld',
            occurredAt: at('2026-02-10', '16:00'),
            data: {
              meetingId: 'mtg-1',
              concernId,
              heldOn: '2026-02-10',
              attendees: ['QA officer, Northshire Council', 'Safeguarding lead, Northshire Council', 'Registered manager, Sunrise Care Ltd'],
              decisions: ['Hold a findings meeting in March'],
              meetingKind: 'provider_concerns_meeting',
              attendance: ATTENDANCE,
              actions: ACTIONS,
            },
          },
        ]);
    });

    it('rule meeting-attendance-invitees: every invitee once, nobody else', () => {
      given(concernDecider, history(schedule()))
        .when(minutes({ attendance: ATTENDANCE!.slice(1) }), ctx())
        .thenFails('meeting-attendance-invitees');
      given(concernDecider, history(schedule()))
        .when(minutes({ attendance: [...ATTENDANCE!, { inviteeId: 'x', attendance: 'absent' }] }), ctx())
        .thenFails('meeting-attendance-invitees');
    });

    it('rule meeting-attendees-required: nobody attended', () => {
      const none = ATTENDANCE!.map((a) => ({ ...a, attendance: 'absent' as const }));
      given(concernDecider, history(schedule()))
        .when(minutes({ attendance: none }), ctx())
        .thenFails('meeting-attendees-required');
    });

    it('rule meeting-action-due-after-meeting and meeting-action-owner', () => {
      given(concernDecider, history(schedule()))
        .when(minutes({ actions: [{ ...ACTIONS![0], dueOn: '2026-02-09' }] }), ctx())
        .thenFails('meeting-action-due-after-meeting');
      given(concernDecider, history(schedule()))
        .when(minutes({ actions: [{ ...ACTIONS![0], owner: ' ' }] }), ctx())
        .thenFails('meeting-action-owner');
    });

    it('rule meeting-already-held: minutes once', () => {
      given(concernDecider, history(schedule(), minutes())).when(minutes(), ctx()).thenFails('meeting-already-held');
    });

    it('an unscheduled review meeting names its attendees and may carry actions; decisions may all be actions', () => {
      given(concernDecider, openConcern())
        .when(minutes({ meetingId: 'mtg-9', attendance: [], attendees: ['QA officer'], decisions: [] }), ctx())
        .thenMatch([{ type: 'ReviewMeetingHeld', data: { meetingKind: 'review_meeting', attendees: ['QA officer'], attendance: [], actions: ACTIONS } }]);
      given(concernDecider, openConcern())
        .when(minutes({ meetingId: 'mtg-9', attendees: ['QA officer'] }), ctx())
        .thenFails('meeting-attendance-invitees');
    });
  });

  describe('decision actions', () => {
    it('shows each action on the concern, open, and overdue once its day has passed', () => {
      const state = given(concernDecider, history(schedule(), minutes())).state;
      expect(state.meetingActions).toEqual([
        {
          ...ACTIONS![0],
          meetingId: 'mtg-1',
          meetingKind: 'provider_concerns_meeting',
          heldOn: '2026-02-10',
          status: 'open',
          ownerParty: 'council',
          completion: null,
        },
      ]);
      expect(isMeetingActionOverdue(state.meetingActions[0], '2026-02-24')).toBe(false);
      expect(isMeetingActionOverdue(state.meetingActions[0], '2026-02-25')).toBe(true);
      expect(state.meetingPlans[0]).toMatchObject({ meetingId: 'mtg-1', heldEventId: 'evt-m1' });
    });

    it('completing an action is a new event; the minutes stay as they were', () => {
      given(concernDecider, history(schedule(), minutes()))
        .when(complete(), ctx())
        .then([
          {
            type: 'MeetingActionCompleted',
            occurredAt: at('2026-02-20'),
            data: { meetingId: 'mtg-1', concernId, actionId: 'a-1', completedOn: '2026-02-20', note: 'Re-audit done: 6 of 6 records complete' },
          },
        ]);
      const state = given(concernDecider, history(schedule(), minutes(), complete())).state;
      expect(state.meetingActions[0]).toMatchObject({ status: 'completed', completion: { completedOn: '2026-02-20' } });
      expect(state.meetings[0].actions).toEqual(ACTIONS);
    });

    it('rules meeting-action-open, meeting-action-known, meeting-action-after-meeting', () => {
      given(concernDecider, history(schedule(), minutes(), complete()))
        .when(complete(), ctx())
        .thenFails('meeting-action-open');
      given(concernDecider, history(schedule(), minutes()))
        .when(complete({ actionId: 'a-9' }), ctx())
        .thenFails('meeting-action-known');
      given(concernDecider, history(schedule(), minutes()))
        .when(complete({ completedOn: '2026-02-01' }), ctx())
        .thenFails('meeting-action-after-meeting');
    });

    it('an action owned by the provider invited is the provider’s to complete; the council completes any, the provider none of the others', () => {
      const both = [...ACTIONS, { actionId: 'a-2', description: 'Send the revised rota', owner: 'Registered manager, Sunrise Care Ltd', dueOn: '2026-02-17' }];
      const held = history(schedule(), minutes({ actions: both }));
      const state = given(concernDecider, held).state;
      expect(state.meetingActions.map((a) => [a.actionId, a.ownerParty])).toEqual([
        ['a-1', 'council'],
        ['a-2', 'provider'],
      ]);
      given(concernDecider, held)
        .when(complete({ actionId: 'a-2', note: 'Rota sent' }), ctx(ACTORS.provider))
        .then([
          {
            type: 'MeetingActionCompleted',
            occurredAt: at('2026-02-20'),
            data: { meetingId: 'mtg-1', concernId, actionId: 'a-2', completedOn: '2026-02-20', note: 'Rota sent' },
          },
        ]);
      given(concernDecider, held).when(complete(), ctx(ACTORS.provider)).thenForbidden('meeting-action-owner-party');
      given(concernDecider, held)
        .when(complete({ actionId: 'a-2' }), ctx(ACTORS.otherProvider))
        .thenForbidden('concern-provider-only');
      given(concernDecider, held)
        .when(complete({ actionId: 'a-2' }), ctx())
        .then([
          {
            type: 'MeetingActionCompleted',
            occurredAt: at('2026-02-20'),
            data: { meetingId: 'mtg-1', concernId, actionId: 'a-2', completedOn: '2026-02-20', note: 'Re-audit done: 6 of 6 records complete' },
          },
        ]);
      // A review meeting recorded without invitations: its actions are the council's to follow up.
      const unscheduled = history(minutes({ meetingId: 'mtg-9', attendance: [], attendees: ['QA officer'], actions: [{ ...both[1], actionId: 'a-9' }] }));
      expect(given(concernDecider, unscheduled).state.meetingActions[0].ownerParty).toBe('council');
    });

    it('a closed concern takes no meeting commands', () => {
      given(concernDecider, [...history(schedule()), closed(at('2026-02-08'))])
        .when(agenda(), ctx())
        .thenFails('concern-closed');
    });
  });

  describe('older review meetings', () => {
    const v1 = { meetingId: 'mtg-old', concernId, heldOn: '2026-01-30', attendees: ['QA officer'], decisions: ['Carry on'] };

    it('ReviewMeetingHeld is at schema 2; a version-1 event is upcast to a review meeting with no attendance or actions, the stored object untouched', () => {
      expect(EVENT_SCHEMAS.ReviewMeetingHeld.schemaVersion).toBe(2);
      const stored = Object.freeze({ ...v1 });
      expect(upcastEventData('ReviewMeetingHeld', 1, stored)).toEqual({ ...v1, meetingKind: 'review_meeting', attendance: [], actions: [] });
      expect(stored).toEqual(v1);
    });

    it('a version-1 event folds as a review meeting, with no actions to track', () => {
      const old = by(ACTORS.council, { type: 'ReviewMeetingHeld', occurredAt: at('2026-01-30'), data: v1 }, 'evt-old');
      const state = given(concernDecider, [...openConcern(), old]).state;
      const { concernId: _concern, ...held } = v1;
      expect(state.meetings).toEqual([{ eventId: 'evt-old', ...held, meetingKind: 'review_meeting', attendance: [], actions: [], at: at('2026-01-30') }]);
      expect(state.meetingActions).toEqual([]);
    });
  });
});
