import { concernDecider } from '../concern/concern.decider';
import { openConcern } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import { addWorkingDays } from '@caretrail/timeline';
import { addDays } from '../shared/local-date';
import { challengeClosesOn } from './challenge-window';
import type { ChallengeVisitFinding, DecideFindingChallenge, DraftVisitReport, PublishVisitReport } from './visit-report.commands';

const concernId = IDS.concern;
const ctx = (actor = ACTORS.council, now = NOW) => ({ actor, now, refs: { contract: contractAwarded() } });
/** Another officer of the same council: the senior reviewer. */
const REVIEWER = { ...ACTORS.council, userId: 'u-head-of-qa', role: 'commissioner' as const };
const DIGEST = 'a'.repeat(64);

const draft = (change: Partial<DraftVisitReport> = {}): DraftVisitReport => ({
  kind: 'DraftVisitReport',
  concernId,
  visitId: 'v-1',
  visitType: 'pamms_audit',
  announced: true,
  visitedOn: '2026-02-16',
  visitorRole: 'PAMMS assessor',
  findings: [{ text: 'Medicines records incomplete for 3 of 8 people', tags: ['pamms:safeguarding-and-safety'] }, { text: 'No fire drill since October' }],
  challengeWindowWorkingDays: 14,
  occurredAt: at('2026-02-18'),
  ...change,
});
const challenge = (change: Partial<ChallengeVisitFinding> = {}): ChallengeVisitFinding => ({
  kind: 'ChallengeVisitFinding',
  concernId,
  visitId: 'v-1',
  challengeId: 'ch-1',
  findingNo: 2,
  whatIsWrong: 'A fire drill was held on 12 January',
  evidence: [{ name: 'Fire drill log January', sha256: DIGEST }],
  occurredAt: at('2026-02-25'),
  ...change,
});
const decision = (change: Partial<DecideFindingChallenge> = {}): DecideFindingChallenge => ({
  kind: 'DecideFindingChallenge',
  concernId,
  visitId: 'v-1',
  challengeId: 'ch-1',
  outcome: 'partly_upheld',
  reasons: 'The log shows a drill in January, not for night staff',
  reviewerRole: 'Head of Quality Assurance',
  amendedFinding: 'No fire drill for night staff since October',
  occurredAt: at('2026-02-27'),
  ...change,
});
const publish = (change: Partial<PublishVisitReport> = {}): PublishVisitReport => ({
  kind: 'PublishVisitReport',
  concernId,
  visitId: 'v-1',
  occurredAt: at('2026-03-01'),
  ...change,
});

describe('challenge to factual accuracy (issue 16 item 3)', () => {
  it('counts the window in working days in England: 14 working days from Wednesday 18 February 2026 is Tuesday 10 March', () => {
    expect(challengeClosesOn('2026-02-18', 14)).toBe('2026-03-10');
  });

  it('skips bank holidays: 5 working days from Thursday 2 April 2026 (Good Friday, Easter Monday) is Monday 13 April', () => {
    expect(challengeClosesOn('2026-04-02', 5)).toBe('2026-04-13');
  });

  it("counts as the timeline library's working-day calendar does, every day of 2025 and 2026", () => {
    for (let day = '2025-01-01'; day < '2027-01-01'; day = addDays(day, 1)) {
      for (const n of [1, 5, 14]) expect([day, n, challengeClosesOn(day, n)]).toEqual([day, n, addWorkingDays(day, n)]);
    }
  });

  it('given an open concern, when the council drafts a PAMMS audit report, then the draft records numbered findings and the window', () => {
    given(concernDecider, openConcern())
      .when(draft(), ctx(ACTORS.council, at('2026-02-18', '11:00')))
      .then([
        {
          type: 'VisitReportDrafted',
          occurredAt: at('2026-02-18'),
          data: {
            visitId: 'v-1',
            serviceId: IDS.service,
            concernId,
            visitType: 'pamms_audit',
            announced: true,
            visitedOn: '2026-02-16',
            visitorRole: 'PAMMS assessor',
            findings: [
              { findingNo: 1, text: 'Medicines records incomplete for 3 of 8 people', tags: ['pamms:safeguarding-and-safety'] },
              { findingNo: 2, text: 'No fire drill since October', tags: [] },
            ],
            challengeWindowWorkingDays: 14,
            sharedOn: '2026-02-18',
            challengeClosesOn: '2026-03-10',
          },
        },
      ]);
  });

  it('rules on the draft: window, findings, type, party', () => {
    const open = given(concernDecider, openConcern());
    open.when(draft({ challengeWindowWorkingDays: 0 }), ctx()).thenFails('challenge-window-working-days');
    open.when(draft({ challengeWindowWorkingDays: 61 }), ctx()).thenFails('challenge-window-working-days');
    open.when(draft({ findings: [] }), ctx()).thenFails('report-findings-required');
    open.when(draft({ findings: [{ text: ' ' }] }), ctx()).thenFails('report-findings-required');
    open.when(draft({ findings: [{ text: 'x', tags: ['pamms:nonsense'] }] }), ctx()).thenFails('quality-tags-from-reference-data');
    open.when(draft({ visitType: 'provider_senior_visit' as never }), ctx()).thenFails('draft-report-visit-type');
    open.when(draft({ occurredAt: at('2026-02-15') }), ctx()).thenFails('report-shared-after-visit');
    open.when(draft(), ctx(ACTORS.provider)).thenForbidden('contract-council-only');
    open.when(draft(), ctx(ACTORS.otherCouncil)).thenForbidden('contract-council-only');
  });

  describe('given a drafted report', () => {
    const base = () => [...openConcern(), by(ACTORS.council, draftedEvent())];
    const draftedEvent = () => concernDecider.decide(draft(), given(concernDecider, openConcern()).state, ctx())[0];
    const challenged = () => [
      ...base(),
      by(ACTORS.provider, concernDecider.decide(challenge(), given(concernDecider, base()).state, ctx(ACTORS.provider, at('2026-02-25')))[0]),
    ];
    const decided = () => [...challenged(), by(REVIEWER, concernDecider.decide(decision(), given(concernDecider, challenged()).state, ctx(REVIEWER))[0])];

    it('when the provider challenges a finding within the window, then the challenge names the finding, what is wrong and the evidence', () => {
      given(concernDecider, base())
        .when(challenge(), ctx(ACTORS.provider, at('2026-03-10', '22:00')))
        .then([
          {
            type: 'VisitFindingChallenged',
            occurredAt: at('2026-02-25'),
            data: {
              visitId: 'v-1',
              challengeId: 'ch-1',
              findingNo: 2,
              whatIsWrong: 'A fire drill was held on 12 January',
              evidence: [{ name: 'Fire drill log January', sha256: DIGEST }],
            },
          },
        ]);
    });

    it('rule challenge-within-window: the day after the window closes, a challenge is refused', () => {
      given(concernDecider, base())
        .when(challenge(), ctx(ACTORS.provider, at('2026-03-11', '09:00')))
        .thenFails('challenge-within-window');
    });

    it('rules on a challenge: a finding the report has, one per finding, what is wrong, evidence digests, only the provider', () => {
      const now = at('2026-02-25', '12:00');
      given(concernDecider, base())
        .when(challenge({ findingNo: 3 }), ctx(ACTORS.provider, now))
        .thenFails('challenge-names-a-finding');
      given(concernDecider, challenged())
        .when(challenge({ challengeId: 'ch-2' }), ctx(ACTORS.provider, now))
        .thenFails('one-challenge-per-finding');
      given(concernDecider, base())
        .when(challenge({ whatIsWrong: '' }), ctx(ACTORS.provider, now))
        .thenFails('challenge-says-what-is-wrong');
      given(concernDecider, base())
        .when(challenge({ evidence: [{ name: 'log', sha256: 'nope' }] }), ctx(ACTORS.provider, now))
        .thenFails('evidence-digest-sha256');
      given(concernDecider, base())
        .when(challenge({ visitId: 'v-9' }), ctx(ACTORS.provider, now))
        .thenFails('draft-report-exists');
      given(concernDecider, base()).when(challenge(), ctx(ACTORS.otherProvider, now)).thenForbidden('concern-provider-only');
      given(concernDecider, base()).when(challenge(), ctx(ACTORS.council, now)).thenForbidden('concern-provider-only');
    });

    it('when a senior reviewer decides, then the decision records outcome, reasons, post and the amended finding', () => {
      given(concernDecider, challenged())
        .when(decision(), ctx(REVIEWER))
        .then([
          {
            type: 'FindingChallengeDecided',
            occurredAt: at('2026-02-27'),
            data: {
              visitId: 'v-1',
              challengeId: 'ch-1',
              findingNo: 2,
              outcome: 'partly_upheld',
              reasons: 'The log shows a drill in January, not for night staff',
              reviewerRole: 'Head of Quality Assurance',
              amendedFinding: 'No fire drill for night staff since October',
            },
          },
        ]);
    });

    it('rules on a decision: another officer than the author, once, with reasons, no amendment when not upheld, only the council', () => {
      given(concernDecider, challenged()).when(decision(), ctx(ACTORS.council)).thenForbidden('challenge-decided-by-another-reviewer');
      given(concernDecider, challenged()).when(decision(), ctx(ACTORS.provider)).thenForbidden('contract-council-only');
      given(concernDecider, decided()).when(decision(), ctx(REVIEWER)).thenFails('challenge-decided-once');
      given(concernDecider, challenged())
        .when(decision({ reasons: ' ' }), ctx(REVIEWER))
        .thenFails('decision-reasons-required');
      given(concernDecider, challenged())
        .when(decision({ outcome: 'not_upheld' }), ctx(REVIEWER))
        .thenFails('amendment-only-when-upheld');
      given(concernDecider, challenged())
        .when(decision({ challengeId: 'ch-9' }), ctx(REVIEWER))
        .thenFails('challenge-exists');
    });

    it('rule publish-after-challenge-window: an unchallenged draft waits for its window; after it, it is published as drafted', () => {
      given(concernDecider, base())
        .when(publish(), ctx(ACTORS.council, at('2026-03-10', '12:00')))
        .thenFails('publish-after-challenge-window');
      given(concernDecider, base())
        .when(publish({ occurredAt: at('2026-03-11') }), ctx(ACTORS.council, at('2026-03-11', '12:00')))
        .thenMatch([
          {
            type: 'VisitReportPublished',
            data: {
              findings: [
                { findingNo: 1, challenge: null, decision: null },
                { findingNo: 2, text: 'No fire drill since October' },
              ],
            },
          },
        ]);
    });

    it('rule publish-after-decisions: a challenge awaiting its decision holds publication; once decided the finding is published amended, with the challenge beside it', () => {
      given(concernDecider, challenged())
        .when(publish(), ctx(ACTORS.council, at('2026-03-20')))
        .thenFails('publish-after-decisions');
      given(concernDecider, decided())
        .when(publish(), ctx(ACTORS.council, at('2026-03-01', '12:00')))
        .then([
          {
            type: 'VisitReportPublished',
            occurredAt: at('2026-03-01'),
            data: {
              visitId: 'v-1',
              serviceId: IDS.service,
              concernId,
              visitType: 'pamms_audit',
              visitedOn: '2026-02-16',
              findings: [
                {
                  findingNo: 1,
                  text: 'Medicines records incomplete for 3 of 8 people',
                  draftText: 'Medicines records incomplete for 3 of 8 people',
                  tags: ['pamms:safeguarding-and-safety'],
                  challenge: null,
                  decision: null,
                },
                {
                  findingNo: 2,
                  text: 'No fire drill for night staff since October',
                  draftText: 'No fire drill since October',
                  tags: [],
                  challenge: {
                    challengeId: 'ch-1',
                    whatIsWrong: 'A fire drill was held on 12 January',
                    evidence: [{ name: 'Fire drill log January', sha256: DIGEST }],
                  },
                  decision: {
                    outcome: 'partly_upheld',
                    reasons: 'The log shows a drill in January, not for night staff',
                    reviewerRole: 'Head of Quality Assurance',
                  },
                },
              ],
            },
          },
        ]);
    });

    it('after publication: no challenge, no second publication', () => {
      const published = [
        ...decided(),
        by(ACTORS.council, concernDecider.decide(publish(), given(concernDecider, decided()).state, ctx(ACTORS.council, at('2026-03-01', '12:00')))[0]),
      ];
      given(concernDecider, published)
        .when(challenge({ challengeId: 'ch-3', findingNo: 1 }), ctx(ACTORS.provider, at('2026-03-02')))
        .thenFails('challenge-before-publication');
      given(concernDecider, published)
        .when(publish(), ctx(ACTORS.council, at('2026-03-20')))
        .thenFails('report-published-once');
      expect(given(concernDecider, published).state.reports[0]).toMatchObject({
        publishedAt: at('2026-03-01'),
        challenges: [{ decision: { outcome: 'partly_upheld' } }],
      });
    });
  });
});
