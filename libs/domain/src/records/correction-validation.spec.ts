import fc from 'fast-check';
import { concernDecider } from '../concern/concern.decider';
import type { CorrectConcernEntry } from '../concern/concern.commands';
import { expectedUpdatePeriods, periodEndingOn } from '../concern/update-periods';
import { organisationDecider } from '../organisation/organisation.decider';
import { serviceDecider } from '../service/service.decider';
import { fold, type Recorded } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import { isLocalDate } from '../shared/local-date';
import { acceptedPlan, updateSubmitted } from '../testing/concern-history';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import { given } from '../testing/given-when-then';
import { CORRECTABLE_FIELDS, correctableFieldsOf } from './correctable-fields';

/**
 * A correction is held to the rules of the command that recorded its target: the shape of each
 * changed field (as the API's request DTO has it) and the command's domain rules on the entry as it
 * would then read. Plan accepted 20 January 2026, weekly: periods end 27 Jan, 3 Feb, 10 Feb, ...
 */
const concernId = IDS.concern;
const meeting = (): Recorded =>
  by(
    ACTORS.council,
    {
      type: 'ReviewMeetingHeld',
      occurredAt: at('2026-02-06'),
      data: { meetingId: 'mtg-1', concernId, heldOn: '2026-02-06', attendees: ['QA officer'], decisions: ['Weekly updates continue'] },
    },
    'evt-meeting',
  );
const visit = (): Recorded =>
  by(
    ACTORS.provider,
    {
      type: 'VisitConducted',
      occurredAt: at('2026-02-07'),
      data: {
        visitId: 'v-1',
        serviceId: IDS.service,
        concernId,
        visitType: 'provider_senior_visit',
        announced: true,
        visitedOn: '2026-02-07',
        visitorRole: 'Chief executive',
        findings: 'Records improving',
      },
    },
    'evt-visit',
  );
const revision = (): Recorded =>
  by(
    ACTORS.provider,
    {
      type: 'ActionDueDateRevised',
      occurredAt: at('2026-02-08'),
      data: { concernId, actionId: 'A2', previousDueOn: '2026-03-01', dueOn: '2026-03-08', basis: 'unilateral', reason: 'Trainer ill' },
    },
    'evt-revision',
  );
const HISTORY: Recorded[] = [
  ...acceptedPlan(),
  updateSubmitted('2026-01-27', at('2026-01-27', '16:00'), 'evt-update-1'),
  updateSubmitted('2026-02-03', at('2026-02-03', '16:00'), 'evt-update-2'),
  meeting(),
  visit(),
  revision(),
];
const history = (): Recorded[] => HISTORY;
const ctx = (actor = ACTORS.provider) => ({ actor, now: NOW, refs: { contract: contractAwarded() } });
const correct = (targetEventId: string, changes: Record<string, unknown>): CorrectConcernEntry => ({
  kind: 'CorrectConcernEntry',
  concernId,
  targetEventId,
  reason: 'Typed wrongly',
  changes,
  occurredAt: at('2026-02-20'),
});
const idOf = (type: string) => history().find((e) => e.type === type)!.eventId;
const recorderOf = (type: string) => (history().find((e) => e.type === type)!.actor.organisationId === IDS.council ? ACTORS.council : ACTORS.provider);
const when = (type: string, changes: Record<string, unknown>) => given(concernDecider, history()).when(correct(idOf(type), changes), ctx(recorderOf(type)));

describe('corrections are validated as strictly as the command that recorded the entry', () => {
  describe.each([
    ['PlanUpdateSubmitted', { periodEnding: 'garbage' }],
    ['PlanUpdateSubmitted', { periodEnding: '2025-02-30' }],
    ['PlanUpdateSubmitted', { actions: 'x' }],
    ['PlanUpdateSubmitted', { actions: [{ actionId: 'A1', status: 'done', note: 'x' }] }],
    ['PlanUpdateSubmitted', { evidence: [{ name: 'Audit.pdf', sha256: 'abc' }] }],
    ['PlanUpdateSubmitted', { summary: '   ' }],
    ['ConcernRaised', { severity: { x: 1 } }],
    ['ConcernRaised', { summary: null }],
    ['ActionPlanRequested', { graceDays: 1e9 }],
    ['ActionPlanRequested', { graceDays: 0.5 }],
    ['ReviewMeetingHeld', { attendees: [] }],
    ['ReviewMeetingHeld', { decisions: ['  '] }],
    ['VisitConducted', { announced: 'yes' }],
  ])('a %s with %j', (type, changes) => {
    it('is refused naming the field (rule correction-field-valid)', () => {
      const field = Object.keys(changes)[0];
      when(type, changes).thenFails('correction-field-valid');
      const refused = (() => {
        try {
          concernDecider.decide(correct(idOf(type), changes), given(concernDecider, history()).state, ctx(recorderOf(type)));
        } catch (e) {
          return e as DomainRuleError;
        }
        return null;
      })();
      expect(refused?.message).toContain(`changes.${field}`);
    });
  });

  it.each([
    ['ActionPlanRequested', { updateCadenceDays: 0 }],
    ['ActionPlanRequested', { updateCadenceDays: 0.0001 }],
    ['ActionPlanSubmitted', { version: 3 }],
    ['ActionPlanAccepted', { version: 2 }],
    ['VisitConducted', { serviceId: 'service-2' }],
  ])('a %s field that no correction may change (%j) is refused: rule correction-field-correctable or correction-cannot-change-ids', (type, changes) => {
    const rule = Object.keys(changes)[0].endsWith('Id') ? 'correction-cannot-change-ids' : 'correction-field-correctable';
    when(type, changes).thenFails(rule);
  });

  describe("the original command's domain rules, on the entry as corrected", () => {
    it('rule period-ending-on-cadence: a period ending is the end of an update period', () => {
      when('PlanUpdateSubmitted', { periodEnding: '2026-01-28' }).thenFails('period-ending-on-cadence');
    });

    it('rule period-ending-on-cadence: no later than the period the update was sent in', () => {
      when('PlanUpdateSubmitted', { periodEnding: '2026-02-10' }).thenFails('period-ending-on-cadence');
    });

    it('rule one-update-per-period: not the period of another standing update', () => {
      given(concernDecider, history())
        .when(correct('evt-update-2', { periodEnding: '2026-01-27' }), ctx())
        .thenFails('one-update-per-period');
    });

    it("rule update-actions-in-accepted-plan: an update reports its plan's actions", () => {
      when('PlanUpdateSubmitted', { actions: [{ actionId: 'A9', status: 'open', note: 'x' }] }).thenFails('update-actions-in-accepted-plan');
    });

    it('rule plan-due-on-after-request', () => {
      when('ActionPlanRequested', { dueOn: '2026-01-01' }).thenFails('plan-due-on-after-request');
    });

    it('rule correction-keeps-action-ids: a corrected plan version keeps its actions', () => {
      when('ActionPlanSubmitted', { actions: [{ actionId: 'A1', description: 'd', owner: 'o', dueOn: '2026-02-15', measure: 'm' }] }).thenFails(
        'correction-keeps-action-ids',
      );
    });

    it('rule due-date-must-change', () => {
      when('ActionDueDateRevised', { dueOn: '2026-03-01' }).thenFails('due-date-must-change');
    });

    it('rule date-not-in-future: a meeting is not held after the day of its correction', () => {
      when('ReviewMeetingHeld', { heldOn: '2026-02-21' }).thenFails('date-not-in-future');
    });

    it('rule visit-type-party: a provider visit stays a provider visit', () => {
      when('VisitConducted', { visitType: 'council_monitoring' }).thenForbidden('visit-type-party');
    });

    it("rule manager-dates-in-order: a start date is not before the previous manager's leaving", () => {
      const service = [
        by(ACTORS.provider, {
          type: 'ServiceRegistered',
          occurredAt: at('2025-01-10'),
          data: { serviceId: IDS.service, providerId: IDS.provider, name: 'Maple Court', serviceType: 'supported_living', regulator: 'CQC', locationId: null },
        }),
        by(ACTORS.provider, {
          type: 'ManagerAppointed',
          occurredAt: at('2025-02-01'),
          data: { serviceId: IDS.service, managerId: 'm-1', managerName: 'Dana Fox', startedOn: '2025-02-01', basis: 'permanent' },
        }),
        by(ACTORS.provider, {
          type: 'ManagerLeft',
          occurredAt: at('2025-06-30'),
          data: { serviceId: IDS.service, managerId: 'm-1', managerName: 'Dana Fox', leftOn: '2025-06-30', reason: 'Resigned' },
        }),
        by(
          ACTORS.provider,
          {
            type: 'ManagerAppointed',
            occurredAt: at('2025-07-07'),
            data: { serviceId: IDS.service, managerId: 'm-2', managerName: 'Lee Grant', startedOn: '2025-07-07', basis: 'interim' },
          },
          'evt-lee',
        ),
      ];
      const fix = (changes: Record<string, unknown>) => ({
        kind: 'CorrectServiceEntry' as const,
        serviceId: IDS.service,
        targetEventId: 'evt-lee',
        reason: 'x',
        changes,
        occurredAt: at('2025-08-01'),
      });
      given(serviceDecider, service)
        .when(fix({ startedOn: '2025-06-01' }), ctx())
        .thenFails('manager-dates-in-order');
      given(serviceDecider, service)
        .when(fix({ startedOn: '2025-07-01' }), ctx())
        .thenMatch([{ type: 'EntryCorrected', data: { changes: { startedOn: '2025-07-01' } } }]);
    });

    it('a correction of a correction has its new changes checked as a correction of the original entry', () => {
      const earlier = by(
        ACTORS.provider,
        {
          type: 'EntryCorrected',
          occurredAt: at('2026-02-10'),
          data: { targetEventId: 'evt-update-2', targetType: 'PlanUpdateSubmitted', reason: 'x', changes: { summary: 'Better' } },
        },
        'evt-fix',
      );
      const state = [...history(), earlier];
      given(concernDecider, state)
        .when(correct('evt-fix', { changes: { periodEnding: 'garbage' } }), ctx())
        .thenFails('correction-field-valid');
      given(concernDecider, state)
        .when(correct('evt-fix', { changes: { periodEnding: '2026-01-27' } }), ctx())
        .thenFails('one-update-per-period');
      given(concernDecider, state)
        .when(correct('evt-fix', { changes: { summary: 'Better still' } }), ctx())
        .thenMatch([{ type: 'EntryCorrected' }]);
    });
  });

  it('records a valid correction as before', () => {
    when('PlanUpdateSubmitted', { summary: 'Audit half done', periodEnding: '2026-01-27' }).thenMatch([
      { type: 'EntryCorrected', data: { targetType: 'PlanUpdateSubmitted', changes: { summary: 'Audit half done', periodEnding: '2026-01-27' } } },
    ]);
  });

  it('lists, per type, only fields the entry has and no ids', () => {
    for (const [type, fields] of Object.entries(CORRECTABLE_FIELDS)) {
      expect(Object.keys(fields).filter((f) => /Ids?$/.test(f))).toEqual([]);
      expect(correctableFieldsOf(type)).toEqual(Object.keys(fields));
    }
  });
});

describe('review meetings and organisations', () => {
  it('rule meeting-attendees-required', () => {
    given(concernDecider, acceptedPlan())
      .when(
        {
          kind: 'RecordReviewMeeting',
          concernId,
          meetingId: 'm',
          heldOn: '2026-02-06',
          attendees: ['  '],
          decisions: ['Carry on'],
          occurredAt: at('2026-02-06'),
        },
        ctx(ACTORS.council),
      )
      .thenFails('meeting-attendees-required');
  });

  it('rule organisation-name-required', () => {
    given(organisationDecider, [])
      .when(
        { kind: 'RegisterOrganisation', organisationId: 'o-1', organisationKind: 'provider', name: '   ', occurredAt: at('2026-01-01') },
        { actor: ACTORS.admin, now: NOW },
      )
      .thenFails('organisation-name-required');
  });
});

/** Values a client might send for any field: well-formed ones of every kind, and hostile ones. */
const anyValue = fc.oneof(
  fc.constantFrom(
    'garbage',
    '2025-02-30',
    '',
    '   ',
    'x',
    null,
    0,
    0.0001,
    1e9,
    -1,
    7,
    14,
    true,
    { x: 1 },
    [],
    ['x'],
    'red',
    'green',
    'open',
    'agreed',
    'council_monitoring',
    'provider_senior_visit',
  ),
  fc.constantFrom('2026-01-27', '2026-02-03', '2026-02-10', '2026-01-28', '2026-02-06', '2026-03-08', '2026-01-22', '2025-12-31'),
  fc.constantFrom(
    [{ actionId: 'A1', status: 'open', note: 'Started' }],
    [
      { actionId: 'A1', status: 'in_progress', note: 'x' },
      { actionId: 'A2', status: 'open', note: 'y' },
    ],
    [
      { actionId: 'A1', status: 'in_progress', note: 'x' },
      { actionId: 'A1', status: 'open', note: 'y' },
    ],
    [{ name: 'Audit.pdf', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }],
    [
      { actionId: 'A1', description: 'Audit', owner: 'RM', dueOn: '2026-02-20', measure: 'Report' },
      { actionId: 'A2', description: 'Train', owner: 'TL', dueOn: '2026-03-01', measure: 'All' },
    ],
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 100 }),
  fc.anything({ maxDepth: 2 }),
);

describe('property: a correction is refused, or its changes fold', () => {
  const base = history();
  const targets = base.filter((e) => correctableFieldsOf(e.type).length > 0 || e.type === 'ActionPlanAccepted');

  it('decideCorrection refuses with a domain error, or yields changes that fold into a readable record', () => {
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.array(fc.tuple(fc.nat(), anyValue), { minLength: 1, maxLength: 3 }), (target, picks) => {
        const fields = [...correctableFieldsOf(target.type), ...Object.keys(target.data)];
        const changes = Object.fromEntries(picks.map(([n, value]) => [fields[n % fields.length], value]));
        const actor = target.actor.organisationId === IDS.council ? ACTORS.council : ACTORS.provider;
        let decided;
        try {
          decided = concernDecider.decide(correct(target.eventId, changes), fold(concernDecider, base), ctx(actor));
        } catch (error) {
          expect(error instanceof DomainRuleError || error instanceof WrongPartyError).toBe(true);
          return;
        }
        // The corrected entry, in place of the original, folds; and what the measures read of it stays readable.
        const applied = base.map((e) =>
          e.eventId === target.eventId ? ({ ...e, data: { ...e.data, ...(decided[0].data as { changes: object }).changes } } as Recorded) : e,
        );
        const state = fold(concernDecider, applied);
        for (const plan of [...state.earlierPlans, state.plan]) {
          if (plan.schedule === null) continue;
          expect(expectedUpdatePeriods(plan.schedule, '2026-03-01').length).toBeLessThan(100);
          for (const update of plan.updates) expect(periodEndingOn(plan.schedule, update.periodEnding)).not.toBeNull();
          for (const version of plan.versions) for (const a of version.actions) expect(isLocalDate(a.dueOn)).toBe(true);
        }
        for (const m of state.meetings) expect(isLocalDate(m.heldOn) && m.attendees.length > 0 && m.decisions.length > 0).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
