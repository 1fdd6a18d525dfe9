import type { Recorded } from '../shared/decider';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by } from '../testing/fixtures';
import type { PublishRating, RecordEnforcementAction } from './service.commands';
import { serviceDecider } from './service.decider';

const serviceId = IDS.service;
const ctx = { actor: ACTORS.regulator, now: NOW, refs: {} };
const history = (): Recorded[] => [
  by(ACTORS.provider, {
    type: 'ServiceRegistered',
    occurredAt: at('2025-01-10'),
    data: { serviceId, providerId: IDS.provider, name: '5 Fengates', serviceType: 'supported_living', regulator: 'CQC', locationId: '1-123' },
  }),
];

const keyQuestions = { safe: 'good', effective: 'good', caring: 'outstanding', responsive: 'good', well_led: 'requires_improvement' } as const;
const rating = (change: Partial<PublishRating> = {}): PublishRating => ({
  kind: 'PublishRating',
  serviceId,
  regulator: 'CQC',
  overall: 'good',
  keyQuestions: { ...keyQuestions },
  publishedOn: '2026-02-20',
  reportReference: 'INS2-123',
  occurredAt: at('2026-02-20'),
  ...change,
});
const enforcement = (change: Partial<RecordEnforcementAction> = {}): RecordEnforcementAction => ({
  kind: 'RecordEnforcementAction',
  serviceId,
  action: 'warning_notice',
  decidedOn: '2026-02-21',
  summary: 'Regulation 17 breach',
  occurredAt: at('2026-02-21'),
  ...change,
});

describe('service decider: ratings and enforcement', () => {
  it('publishes a rating for the regulator', () => {
    given(serviceDecider, history())
      .when(rating(), ctx)
      .then([
        {
          type: 'RatingPublished',
          occurredAt: at('2026-02-20'),
          data: { serviceId, regulator: 'CQC', overall: 'good', keyQuestions, publishedOn: '2026-02-20', reportReference: 'INS2-123' },
        },
      ]);
  });

  it('a key question may be not rated (null)', () => {
    given(serviceDecider, history())
      .when(rating({ keyQuestions: { ...keyQuestions, caring: null } }), ctx)
      .thenMatch([{ type: 'RatingPublished' }]);
  });

  it('rule regulator-only: a provider cannot publish a rating', () => {
    given(serviceDecider, history())
      .when(rating(), { ...ctx, actor: ACTORS.provider })
      .thenForbidden('regulator-only');
  });

  it('rule regulator-only: nor can a council', () => {
    given(serviceDecider, history())
      .when(rating(), { ...ctx, actor: ACTORS.council })
      .thenForbidden('regulator-only');
  });

  it('rule rating-regulator-matches-service: Ofsted does not rate a CQC service', () => {
    given(serviceDecider, history())
      .when(rating({ regulator: 'Ofsted' }), ctx)
      .thenFails('rating-regulator-matches-service');
  });

  it('rule rating-key-questions-complete: every key question is present', () => {
    const { well_led: _, ...missing } = keyQuestions;
    given(serviceDecider, history())
      .when(rating({ keyQuestions: missing as PublishRating['keyQuestions'] }), ctx)
      .thenFails('rating-key-questions-complete');
  });

  it('rule rating-values-known', () => {
    given(serviceDecider, history())
      .when(rating({ overall: 'excellent' as never }), ctx)
      .thenFails('rating-values-known');
  });

  it('rule date-not-in-future: publishedOn after today', () => {
    given(serviceDecider, history())
      .when(rating({ publishedOn: '2026-03-02' }), ctx)
      .thenFails('date-not-in-future');
  });

  it('records an enforcement action for the regulator', () => {
    given(serviceDecider, history())
      .when(enforcement(), ctx)
      .then([
        {
          type: 'EnforcementActionRecorded',
          occurredAt: at('2026-02-21'),
          data: { serviceId, action: 'warning_notice', decidedOn: '2026-02-21', summary: 'Regulation 17 breach' },
        },
      ]);
  });

  it('rule regulator-only: a council cannot record enforcement', () => {
    given(serviceDecider, history())
      .when(enforcement(), { ...ctx, actor: ACTORS.council })
      .thenForbidden('regulator-only');
  });

  it('rule enforcement-summary-required', () => {
    given(serviceDecider, history())
      .when(enforcement({ summary: ' ' }), ctx)
      .thenFails('enforcement-summary-required');
  });

  it('rule enforcement-action-known', () => {
    given(serviceDecider, history())
      .when(enforcement({ action: 'fine' as never }), ctx)
      .thenFails('enforcement-action-known');
  });

  it('rule date-not-in-future: decidedOn after today', () => {
    given(serviceDecider, history())
      .when(enforcement({ decidedOn: '2026-04-01' }), ctx)
      .thenFails('date-not-in-future');
  });

  it('folds ratings and enforcement into the service for reading', () => {
    const [ratingEvent] = serviceDecider.decide(rating(), given(serviceDecider, history()).state, ctx);
    const [enforcementEvent] = serviceDecider.decide(enforcement(), given(serviceDecider, history()).state, ctx);
    const state = given(serviceDecider, [...history(), by(ACTORS.regulator, ratingEvent, 'evt-r'), by(ACTORS.regulator, enforcementEvent, 'evt-e')]).state;
    expect(state.ratings).toEqual([
      { eventId: 'evt-r', regulator: 'CQC', overall: 'good', keyQuestions, publishedOn: '2026-02-20', reportReference: 'INS2-123', at: at('2026-02-20') },
    ]);
    expect(state.enforcement).toEqual([
      { eventId: 'evt-e', action: 'warning_notice', decidedOn: '2026-02-21', summary: 'Regulation 17 breach', at: at('2026-02-21') },
    ]);
  });
});
