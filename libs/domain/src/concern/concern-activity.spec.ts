import { openConcern } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import type { RecordConcernComment, RecordConcernVisit, RecordReviewMeeting } from './concern.commands';
import { concernDecider } from './concern.decider';

const concernId = IDS.concern;
const ctx = (actor = ACTORS.council) => ({ actor, now: NOW, refs: { contract: contractAwarded() } });

const visit = (change: Partial<RecordConcernVisit> = {}): RecordConcernVisit => ({
  kind: 'RecordConcernVisit',
  concernId,
  visitId: 'v-1',
  visitType: 'council_monitoring',
  announced: true,
  visitedOn: '2026-02-05',
  visitorRole: 'QA officer',
  findings: 'Records for 4 of 6 people up to date',
  occurredAt: at('2026-02-05', '15:00'),
  ...change,
});
const meeting = (change: Partial<RecordReviewMeeting> = {}): RecordReviewMeeting => ({
  kind: 'RecordReviewMeeting',
  concernId,
  meetingId: 'mtg-1',
  heldOn: '2026-02-06',
  attendees: ['QA officer', 'Registered manager'],
  decisions: ['Move to fortnightly updates'],
  occurredAt: at('2026-02-06'),
  ...change,
});
const comment = (change: Partial<RecordConcernComment> = {}): RecordConcernComment => ({
  kind: 'RecordConcernComment',
  concernId,
  commentId: 'c-1',
  topic: 'proportionality',
  text: 'The chief executive visits monthly; weekly updates feel disproportionate',
  occurredAt: at('2026-02-07'),
  ...change,
});

describe('concern visits', () => {
  it("records the council's monitoring visit on the concern", () => {
    given(concernDecider, openConcern())
      .when(visit(), ctx())
      .then([
        {
          type: 'VisitConducted',
          occurredAt: at('2026-02-05', '15:00'),
          data: {
            visitId: 'v-1',
            serviceId: IDS.service,
            concernId,
            visitType: 'council_monitoring',
            announced: true,
            visitedOn: '2026-02-05',
            visitorRole: 'QA officer',
            findings: 'Records for 4 of 6 people up to date',
            tags: [],
          },
        },
      ]);
  });

  it("records the provider's senior visit", () => {
    given(concernDecider, openConcern())
      .when(visit({ visitType: 'provider_senior_visit', visitorRole: 'Chief executive' }), ctx(ACTORS.provider))
      .thenMatch([{ data: { visitType: 'provider_senior_visit', concernId } }]);
  });

  it("rule concern-provider-only: another provider's visit", () => {
    given(concernDecider, openConcern())
      .when(visit({ visitType: 'independent_person_visit' }), ctx(ACTORS.otherProvider))
      .thenForbidden('concern-provider-only');
  });

  it('records a regulator inspection', () => {
    given(concernDecider, openConcern())
      .when(visit({ visitType: 'regulator_inspection' }), ctx(ACTORS.regulator))
      .thenMatch([{ type: 'VisitConducted' }]);
  });

  it('rule visit-type-party: a provider cannot record a PAMMS audit', () => {
    given(concernDecider, openConcern())
      .when(visit({ visitType: 'pamms_audit' }), ctx(ACTORS.provider))
      .thenForbidden('visit-type-party');
  });

  it('rule contract-council-only: a council visit by another council', () => {
    given(concernDecider, openConcern()).when(visit(), ctx(ACTORS.otherCouncil)).thenForbidden('contract-council-only');
  });

  it('folds visits into the concern', () => {
    const event = by(
      ACTORS.council,
      {
        type: 'VisitConducted',
        occurredAt: at('2026-02-05'),
        data: {
          visitId: 'v-1',
          serviceId: IDS.service,
          concernId,
          visitType: 'pamms_audit',
          announced: false,
          visitedOn: '2026-02-05',
          visitorRole: 'QA officer',
          findings: 'ok',
        },
      },
      'evt-visit',
    );
    expect(given(concernDecider, [...openConcern(), event]).state.visits).toEqual([
      {
        eventId: 'evt-visit',
        visitId: 'v-1',
        concernId,
        visitType: 'pamms_audit',
        announced: false,
        visitedOn: '2026-02-05',
        visitorRole: 'QA officer',
        findings: 'ok',
        tags: [],
        organisationId: IDS.council,
        at: at('2026-02-05'),
      },
    ]);
  });
});

describe('review meetings', () => {
  it("records the council's review meeting with its decisions", () => {
    given(concernDecider, openConcern())
      .when(meeting(), ctx())
      .then([
        {
          type: 'ReviewMeetingHeld',
          occurredAt: at('2026-02-06'),
          data: {
            meetingId: 'mtg-1',
            concernId,
            heldOn: '2026-02-06',
            attendees: ['QA officer', 'Registered manager'],
            decisions: ['Move to fortnightly updates'],
            meetingKind: 'review_meeting',
            attendance: [],
            actions: [],
          },
        },
      ]);
  });

  it('rule meeting-decisions-required', () => {
    given(concernDecider, openConcern())
      .when(meeting({ decisions: [''] }), ctx())
      .thenFails('meeting-decisions-required');
  });

  it('rule date-not-in-future: heldOn after today', () => {
    given(concernDecider, openConcern())
      .when(meeting({ heldOn: '2026-03-09' }), ctx())
      .thenFails('date-not-in-future');
  });

  it("rule contract-council-only: the provider records its view as a comment, not the council's meeting", () => {
    given(concernDecider, openConcern()).when(meeting(), ctx(ACTORS.provider)).thenForbidden('contract-council-only');
  });

  it('folds meetings into the concern', () => {
    const [event] = concernDecider.decide(meeting(), given(concernDecider, openConcern()).state, ctx());
    expect(given(concernDecider, [...openConcern(), by(ACTORS.council, event, 'evt-m')]).state.meetings).toEqual([
      {
        eventId: 'evt-m',
        meetingId: 'mtg-1',
        heldOn: '2026-02-06',
        attendees: ['QA officer', 'Registered manager'],
        decisions: ['Move to fortnightly updates'],
        meetingKind: 'review_meeting',
        attendance: [],
        actions: [],
        at: at('2026-02-06'),
      },
    ]);
  });
});

describe('concern comments', () => {
  it("records the provider's proportionality comment", () => {
    given(concernDecider, openConcern())
      .when(comment(), ctx(ACTORS.provider))
      .then([
        {
          type: 'CommentRecorded',
          occurredAt: at('2026-02-07'),
          data: {
            commentId: 'c-1',
            party: 'provider',
            topic: 'proportionality',
            text: 'The chief executive visits monthly; weekly updates feel disproportionate',
          },
        },
      ]);
  });

  it("records the council's and a regulator's comments", () => {
    given(concernDecider, openConcern())
      .when(comment(), ctx(ACTORS.council))
      .thenMatch([{ data: { party: 'council' } }]);
    given(concernDecider, openConcern())
      .when(comment(), ctx(ACTORS.regulator))
      .thenMatch([{ data: { party: 'regulator' } }]);
  });

  it('rule comment-party: another council', () => {
    given(concernDecider, openConcern()).when(comment(), ctx(ACTORS.otherCouncil)).thenForbidden('comment-party');
  });

  it('rule comment-party: another provider', () => {
    given(concernDecider, openConcern()).when(comment(), ctx(ACTORS.otherProvider)).thenForbidden('comment-party');
  });

  it('rule comment-text-required', () => {
    given(concernDecider, openConcern())
      .when(comment({ text: '' }), ctx(ACTORS.provider))
      .thenFails('comment-text-required');
  });

  it('keeps comments with their party for reading', () => {
    const [event] = concernDecider.decide(comment(), given(concernDecider, openConcern()).state, ctx(ACTORS.provider));
    expect(given(concernDecider, [...openConcern(), by(ACTORS.provider, event, 'evt-c')]).state.log.comments).toEqual([
      {
        eventId: 'evt-c',
        organisationId: IDS.provider,
        at: at('2026-02-07'),
        commentId: 'c-1',
        party: 'provider',
        topic: 'proportionality',
        text: 'The chief executive visits monthly; weekly updates feel disproportionate',
      },
    ]);
  });
});
