import { PLANNED, acceptedPlan, closed, notified, openConcern, raised } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded, registeredService } from '../testing/fixtures';
import type { CloseConcern, RaiseConcern } from './concern.commands';
import { concernDecider } from './concern.decider';

const concernId = IDS.concern;
const contractEnded = (endedOn = '2026-01-31') =>
  contractAwarded([
    by(ACTORS.council, { type: 'ContractEnded', occurredAt: at(endedOn), data: { contractId: IDS.contract, endedOn, how: 'terminated', reason: 'x' } }),
  ]);
const council = { actor: ACTORS.council, now: NOW, refs: { contract: contractAwarded() } };
const provider = { actor: ACTORS.provider, now: NOW, refs: { contract: contractAwarded() } };

const raise = (change: Partial<RaiseConcern> = {}): RaiseConcern => ({
  kind: 'RaiseConcern',
  concernId,
  serviceId: IDS.service,
  contractId: IDS.contract,
  category: 'documentation',
  severity: 'amber',
  source: 'monitoring_visit',
  summary: 'Care records lapsed after manager changes',
  occurredAt: at('2026-01-05'),
  ...change,
});
const raiseRefs = { service: registeredService(), contract: contractAwarded() };
const close = (change: Partial<CloseConcern> = {}): CloseConcern => ({
  kind: 'CloseConcern',
  concernId,
  outcome: 'Records restored',
  overrideReason: null,
  occurredAt: at('2026-02-20'),
  ...change,
});

describe('concern decider: raising', () => {
  it('the council with a live contract covering the service raises a concern', () => {
    given(concernDecider, [])
      .when(raise(), { ...council, refs: raiseRefs })
      .then([
        {
          type: 'ConcernRaised',
          occurredAt: at('2026-01-05'),
          data: {
            concernId,
            serviceId: IDS.service,
            providerId: IDS.provider,
            councilId: IDS.council,
            contractId: IDS.contract,
            category: 'documentation',
            severity: 'amber',
            source: 'monitoring_visit',
            summary: 'Care records lapsed after manager changes',
          },
        },
      ]);
  });

  it('rule contract-council-only: another council cannot raise one under this contract', () => {
    given(concernDecider, [])
      .when(raise(), { ...council, actor: ACTORS.otherCouncil, refs: raiseRefs })
      .thenForbidden('contract-council-only');
  });

  it('rule contract-council-only: a provider cannot raise one', () => {
    given(concernDecider, [])
      .when(raise(), { ...council, actor: ACTORS.provider, refs: raiseRefs })
      .thenForbidden('contract-council-only');
  });

  it('rule contract-awaiting-confirmation: an award the provider has not confirmed gives the council no rights', () => {
    given(concernDecider, [])
      .when(raise(), { ...council, refs: { ...raiseRefs, contract: contractAwarded([], [IDS.service], false) } })
      .thenForbidden('contract-awaiting-confirmation');
  });

  it('rule occurred-at-within-contract-term: not dated after a contract that has ended', () => {
    given(concernDecider, [])
      .when(raise(), { ...council, refs: { ...raiseRefs, contract: contractEnded('2025-12-31') } })
      .thenFails('occurred-at-within-contract-term');
  });

  it('rule occurred-at-within-contract-term: nor before the contract starts (in Europe/London)', () => {
    given(concernDecider, [])
      .when(raise({ occurredAt: '2025-03-31T22:59:00.000Z' }), { ...council, refs: raiseRefs })
      .thenFails('occurred-at-within-contract-term');
  });

  it('rule contract-term-over: not backdated into the term of a contract that has since ended', () => {
    given(concernDecider, [])
      .when(raise({ occurredAt: at('2025-12-01') }), { ...council, refs: { ...raiseRefs, contract: contractEnded('2025-12-31') } })
      .thenFails('contract-term-over');
  });

  it('a contract starting today is live from the first London minute of the day', () => {
    given(concernDecider, [])
      .when(raise({ occurredAt: '2025-03-31T23:30:00.000Z' }), { ...council, refs: raiseRefs })
      .thenMatch([{ type: 'ConcernRaised' }]);
  });

  it('rule contract-must-cover-service', () => {
    given(concernDecider, [])
      .when(raise(), { ...council, refs: { ...raiseRefs, contract: contractAwarded([], [IDS.otherService]) } })
      .thenForbidden('contract-must-cover-service');
  });

  it('rule concern-summary-required', () => {
    given(concernDecider, [])
      .when(raise({ summary: '' }), { ...council, refs: raiseRefs })
      .thenFails('concern-summary-required');
  });

  it('rule occurred-at-not-before-record: not before the contract was recorded (awarded 1 Feb 2025)', () => {
    const backdatedTerm = { ...contractAwarded(), startsOn: '2025-01-01' };
    given(concernDecider, [])
      .when(raise({ occurredAt: at('2025-01-20') }), { ...council, refs: { ...raiseRefs, contract: backdatedTerm } })
      .thenFails('occurred-at-not-before-record');
  });

  it('rule occurred-at-not-in-future', () => {
    given(concernDecider, [])
      .when(raise({ occurredAt: '2026-03-01T13:00:00.000Z' }), { ...council, refs: raiseRefs })
      .thenFails('occurred-at-not-in-future');
  });
});

describe('concern decider: notification and acknowledgement', () => {
  const notify = { kind: 'NotifyConcernToProvider' as const, concernId, method: 'email' as const, occurredAt: at('2026-01-06') };
  const acknowledge = { kind: 'AcknowledgeConcern' as const, concernId, note: 'We are on it', occurredAt: at('2026-01-08') };

  it('the council notifies the provider of a raised concern', () => {
    given(concernDecider, [raised()])
      .when(notify, council)
      .then([{ type: 'ConcernNotifiedToProvider', occurredAt: at('2026-01-06'), data: { concernId, method: 'email' } }]);
  });

  it('rule notify-raised-concern-only: not twice', () => {
    given(concernDecider, [raised(), notified()]).when(notify, council).thenFails('notify-raised-concern-only');
  });

  it('rule contract-council-only: the provider does not notify itself', () => {
    given(concernDecider, [raised()]).when(notify, provider).thenForbidden('contract-council-only');
  });

  it('the provider acknowledges a notified concern', () => {
    given(concernDecider, [raised(), notified()])
      .when(acknowledge, provider)
      .then([{ type: 'ConcernAcknowledged', occurredAt: at('2026-01-08'), data: { concernId, note: 'We are on it' } }]);
  });

  it('rule acknowledge-after-notification', () => {
    given(concernDecider, [raised()]).when(acknowledge, provider).thenFails('acknowledge-after-notification');
  });

  it('rule acknowledge-once', () => {
    given(concernDecider, openConcern()).when(acknowledge, provider).thenFails('acknowledge-once');
  });

  it('rule concern-provider-only: another provider cannot acknowledge', () => {
    given(concernDecider, [raised(), notified()])
      .when(acknowledge, { ...provider, actor: ACTORS.otherProvider })
      .thenForbidden('concern-provider-only');
  });

  it('rule occurred-at-in-order: not acknowledged before it was notified', () => {
    given(concernDecider, [raised(), notified()])
      .when({ ...acknowledge, occurredAt: at('2026-01-06', '09:00') }, provider)
      .thenFails('occurred-at-in-order');
  });
});

describe('concern decider: closing and reopening', () => {
  it('closes a concern with no plan outstanding', () => {
    given(concernDecider, openConcern())
      .when(close(), council)
      .then([
        {
          type: 'ConcernClosed',
          occurredAt: at('2026-02-20'),
          data: { concernId, outcome: 'Records restored', overrideReason: null, unverifiedActionIds: [] },
        },
      ]);
  });

  it('rule closure-outcome-required', () => {
    given(concernDecider, openConcern())
      .when(close({ outcome: ' ' }), council)
      .thenFails('closure-outcome-required');
  });

  it('rule close-with-unverified-actions-needs-override', () => {
    given(concernDecider, acceptedPlan()).when(close(), council).thenFails('close-with-unverified-actions-needs-override');
  });

  it('closes with unverified actions given an override, listing them', () => {
    given(concernDecider, acceptedPlan())
      .when(close({ overrideReason: 'Provider de-registered the service' }), council)
      .thenMatch([
        { type: 'ConcernClosed', data: { overrideReason: 'Provider de-registered the service', unverifiedActionIds: PLANNED.map((a) => a.actionId) } },
      ]);
  });

  it('rule contract-council-only: the provider cannot close a concern', () => {
    given(concernDecider, openConcern()).when(close(), provider).thenForbidden('contract-council-only');
  });

  it('rule concern-closed: nothing but reopen, comment and correct on a closed concern', () => {
    given(concernDecider, [...openConcern(), closed()])
      .when({ kind: 'EscalateConcern', concernId, toLevel: 1, reason: 'x', occurredAt: at('2026-02-21') }, council)
      .thenFails('concern-closed');
    given(concernDecider, [...openConcern(), closed()])
      .when(
        { kind: 'RecordConcernComment', concernId, commentId: 'c-1', topic: 'proportionality', text: 'We disagree', occurredAt: at('2026-02-21') },
        provider,
      )
      .thenMatch([{ type: 'CommentRecorded' }]);
  });

  it('reopens a closed concern, back to where it stood', () => {
    const reopen = { kind: 'ReopenConcern' as const, concernId, reason: 'Records lapsed again', occurredAt: at('2026-02-25') };
    given(concernDecider, [...openConcern(), closed()])
      .when(reopen, council)
      .then([{ type: 'ConcernReopened', occurredAt: at('2026-02-25'), data: { concernId, reason: 'Records lapsed again' } }]);
    const [event] = concernDecider.decide(reopen, given(concernDecider, [...openConcern(), closed()]).state, council);
    const state = given(concernDecider, [...openConcern(), closed(), by(ACTORS.council, event)]).state;
    expect(state).toMatchObject({ status: 'acknowledged', closedAt: null, reopenings: [{ reason: 'Records lapsed again', at: at('2026-02-25') }] });
    expect(state.closures).toHaveLength(1);
  });

  it('rule reopen-closed-concern-only', () => {
    given(concernDecider, openConcern())
      .when({ kind: 'ReopenConcern', concernId, reason: 'x', occurredAt: at('2026-02-25') }, council)
      .thenFails('reopen-closed-concern-only');
  });

  it('rule reopen-reason-required', () => {
    given(concernDecider, [...openConcern(), closed()])
      .when({ kind: 'ReopenConcern', concernId, reason: '', occurredAt: at('2026-02-25') }, council)
      .thenFails('reopen-reason-required');
  });

  it('rule occurred-at-within-contract-term: a council whose contract has since ended cannot act on the concern', () => {
    given(concernDecider, openConcern())
      .when(
        { kind: 'EscalateConcern', concernId, toLevel: 1, reason: 'No progress', occurredAt: at('2026-02-10') },
        { ...council, refs: { contract: contractEnded('2026-01-31') } },
      )
      .thenFails('occurred-at-within-contract-term');
  });

  it('rule contract-term-over: nor backdate an act into the term once it has ended', () => {
    given(concernDecider, openConcern())
      .when(
        { kind: 'EscalateConcern', concernId, toLevel: 1, reason: 'No progress', occurredAt: at('2026-01-20') },
        { ...council, refs: { contract: contractEnded('2026-01-31') } },
      )
      .thenFails('contract-term-over');
  });

  it('a backdated act is accepted while the term still runs (ended today)', () => {
    given(concernDecider, openConcern())
      .when(
        { kind: 'EscalateConcern', concernId, toLevel: 1, reason: 'No progress', occurredAt: at('2026-01-20') },
        { ...council, now: at('2026-01-31', '18:00'), refs: { contract: contractEnded('2026-01-31') } },
      )
      .thenMatch([{ type: 'ConcernEscalated' }]);
  });

  it('rule contract-awaiting-confirmation: a concern under an unconfirmed award is not acted on by the council', () => {
    given(concernDecider, openConcern())
      .when(
        { kind: 'EscalateConcern', concernId, toLevel: 1, reason: 'No progress', occurredAt: at('2026-02-10') },
        { ...council, refs: { contract: contractAwarded([], [IDS.service], false) } },
      )
      .thenForbidden('contract-awaiting-confirmation');
  });

  it('folds the lifecycle for reading', () => {
    const state = given(concernDecider, [...openConcern(), closed()]).state;
    expect(state).toMatchObject({
      exists: true,
      concernId,
      serviceId: IDS.service,
      providerId: IDS.provider,
      councilId: IDS.council,
      contractId: IDS.contract,
      category: 'documentation',
      severity: 'amber',
      source: 'monitoring_visit',
      status: 'closed',
      raisedAt: at('2026-01-05'),
      notifiedAt: at('2026-01-06'),
      acknowledgedAt: at('2026-01-08'),
      closedAt: at('2026-02-20'),
      recordBeganAt: at('2026-01-05'),
    });
    expect(Object.keys(state.log.entries)).toEqual(['evt-raised', 'evt-notified', 'evt-ack', 'evt-closed']);
  });
});

describe('concern state: the opening event fixes the parties', () => {
  it('a second ConcernRaised (written past the deciders) changes nothing but the log', () => {
    const first = raised();
    const copy = { ...raised(), eventId: 'evt-copy', data: { ...first.data, providerId: false, councilId: 'another', summary: 'Replaced' } };
    const { state } = given(concernDecider, [first, notified(), copy as never]);
    expect(state).toMatchObject({ providerId: IDS.provider, councilId: IDS.council, status: 'notified' });
    expect(state.summary).toBe((first.data as { summary: string }).summary);
    expect(Object.keys(state.log.entries)).toHaveLength(3);
  });
});
