import type { Recorded } from '../shared/decider';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';
import type { RecordServiceComment, RecordServiceVisit } from './service.commands';
import { serviceDecider } from './service.decider';

const serviceId = IDS.service;
const history = (): Recorded[] => [
  by(ACTORS.provider, {
    type: 'ServiceRegistered',
    occurredAt: at('2025-01-10'),
    data: { serviceId, providerId: IDS.provider, name: '5 Fengates', serviceType: 'supported_living', regulator: 'CQC', locationId: '1-123' },
  }),
];
const liveContract = { 'contract:contract-1': contractAwarded() };

const visit = (change: Partial<RecordServiceVisit> = {}): RecordServiceVisit => ({
  kind: 'RecordServiceVisit',
  serviceId,
  contractId: null,
  visitId: 'v-1',
  visitType: 'provider_senior_visit',
  announced: false,
  visitedOn: '2026-02-10',
  visitorRole: 'Chief executive',
  findings: 'Records improving',
  occurredAt: at('2026-02-10'),
  ...change,
});
const councilVisit = (change: Partial<RecordServiceVisit> = {}) =>
  visit({ visitType: 'council_monitoring', contractId: IDS.contract, visitorRole: 'QA officer', ...change });
const comment = (change: Partial<RecordServiceComment> = {}): RecordServiceComment => ({
  kind: 'RecordServiceComment',
  serviceId,
  contractId: null,
  commentId: 'c-1',
  topic: 'context',
  text: 'New manager starts Monday',
  occurredAt: at('2026-02-11'),
  ...change,
});

describe('service decider: visits', () => {
  it("records the provider's own senior visit", () => {
    given(serviceDecider, history())
      .when(visit(), { actor: ACTORS.provider, now: NOW, refs: {} })
      .then([
        {
          type: 'VisitConducted',
          occurredAt: at('2026-02-10'),
          data: {
            visitId: 'v-1',
            serviceId,
            concernId: null,
            visitType: 'provider_senior_visit',
            announced: false,
            visitedOn: '2026-02-10',
            visitorRole: 'Chief executive',
            findings: 'Records improving',
            tags: [],
          },
        },
      ]);
  });

  it('rule service-provider-only: another provider cannot record a senior visit here', () => {
    given(serviceDecider, history()).when(visit(), { actor: ACTORS.otherProvider, now: NOW, refs: {} }).thenForbidden('service-provider-only');
  });

  it('rule visit-type-party: a provider cannot record a council monitoring visit', () => {
    given(serviceDecider, history()).when(councilVisit(), { actor: ACTORS.provider, now: NOW, refs: liveContract }).thenForbidden('visit-type-party');
  });

  it('records a council monitoring visit under a live contract covering the service', () => {
    given(serviceDecider, history())
      .when(councilVisit(), { actor: ACTORS.council, now: NOW, refs: liveContract })
      .thenMatch([{ type: 'VisitConducted', data: { visitType: 'council_monitoring', concernId: null } }]);
  });

  it('rule council-needs-live-contract: a council visit names its contract', () => {
    given(serviceDecider, history())
      .when(councilVisit({ contractId: null }), { actor: ACTORS.council, now: NOW, refs: {} })
      .thenForbidden('council-needs-live-contract');
  });

  it("rule contract-council-only: another council cannot visit under this council's contract", () => {
    given(serviceDecider, history()).when(councilVisit(), { actor: ACTORS.otherCouncil, now: NOW, refs: liveContract }).thenForbidden('contract-council-only');
  });

  it('rule occurred-at-within-contract-term: the contract ended before the visit', () => {
    const ended = contractAwarded([
      by(ACTORS.council, {
        type: 'ContractEnded',
        occurredAt: at('2026-01-31'),
        data: { contractId: IDS.contract, endedOn: '2026-01-31', how: 'terminated', reason: 'Re-procured' },
      }),
    ]);
    given(serviceDecider, history())
      .when(councilVisit(), { actor: ACTORS.council, now: NOW, refs: { 'contract:contract-1': ended } })
      .thenFails('occurred-at-within-contract-term');
  });

  it('rule contract-must-cover-service', () => {
    given(serviceDecider, history())
      .when(councilVisit(), { actor: ACTORS.council, now: NOW, refs: { 'contract:contract-1': contractAwarded([], [IDS.otherService]) } })
      .thenForbidden('contract-must-cover-service');
  });

  it('records a regulator inspection', () => {
    given(serviceDecider, history())
      .when(visit({ visitType: 'regulator_inspection', visitorRole: 'Inspector' }), { actor: ACTORS.regulator, now: NOW, refs: {} })
      .thenMatch([{ type: 'VisitConducted', data: { visitType: 'regulator_inspection' } }]);
  });

  it('rule visit-type-party: a council cannot record a regulator inspection', () => {
    given(serviceDecider, history())
      .when(visit({ visitType: 'regulator_inspection', contractId: IDS.contract }), { actor: ACTORS.council, now: NOW, refs: liveContract })
      .thenForbidden('visit-type-party');
  });

  it('rule date-not-in-future: visitedOn after today', () => {
    given(serviceDecider, history())
      .when(visit({ visitedOn: '2026-03-05' }), { actor: ACTORS.provider, now: NOW, refs: {} })
      .thenFails('date-not-in-future');
  });

  it('rule visit-details-required: findings', () => {
    given(serviceDecider, history())
      .when(visit({ findings: '' }), { actor: ACTORS.provider, now: NOW, refs: {} })
      .thenFails('visit-details-required');
  });

  it('folds visits into the service with who recorded them', () => {
    const state = given(serviceDecider, [
      ...history(),
      by(
        ACTORS.provider,
        {
          type: 'VisitConducted',
          occurredAt: at('2026-02-10'),
          data: {
            visitId: 'v-1',
            serviceId,
            concernId: null,
            visitType: 'provider_senior_visit',
            announced: false,
            visitedOn: '2026-02-10',
            visitorRole: 'Chief executive',
            findings: 'ok',
          },
        },
        'evt-v',
      ),
    ]).state;
    expect(state.visits).toEqual([
      {
        eventId: 'evt-v',
        visitId: 'v-1',
        concernId: null,
        visitType: 'provider_senior_visit',
        announced: false,
        visitedOn: '2026-02-10',
        visitorRole: 'Chief executive',
        findings: 'ok',
        tags: [],
        organisationId: IDS.provider,
        at: at('2026-02-10'),
      },
    ]);
  });
});

describe('service decider: comments', () => {
  it("records the provider's comment", () => {
    given(serviceDecider, history())
      .when(comment(), { actor: ACTORS.provider, now: NOW, refs: {} })
      .then([
        {
          type: 'CommentRecorded',
          occurredAt: at('2026-02-11'),
          data: { commentId: 'c-1', party: 'provider', topic: 'context', text: 'New manager starts Monday' },
        },
      ]);
  });

  it("records a regulator's comment", () => {
    given(serviceDecider, history())
      .when(comment(), { actor: ACTORS.regulator, now: NOW, refs: {} })
      .thenMatch([{ data: { party: 'regulator' } }]);
  });

  it('records a council comment under its live contract', () => {
    given(serviceDecider, history())
      .when(comment({ contractId: IDS.contract }), { actor: ACTORS.council, now: NOW, refs: liveContract })
      .thenMatch([{ data: { party: 'council' } }]);
  });

  it('rule council-needs-live-contract: a council without a contract named', () => {
    given(serviceDecider, history()).when(comment(), { actor: ACTORS.council, now: NOW, refs: {} }).thenForbidden('council-needs-live-contract');
  });

  it("rule service-provider-only: another provider cannot comment on this provider's service", () => {
    given(serviceDecider, history()).when(comment(), { actor: ACTORS.otherProvider, now: NOW, refs: {} }).thenForbidden('service-provider-only');
  });

  it('rule comment-party: an administrator speaks for no side', () => {
    given(serviceDecider, history()).when(comment(), { actor: ACTORS.admin, now: NOW, refs: {} }).thenForbidden('comment-party');
  });

  it('rule comment-text-required', () => {
    given(serviceDecider, history())
      .when(comment({ text: ' ' }), { actor: ACTORS.provider, now: NOW, refs: {} })
      .thenFails('comment-text-required');
  });
});
