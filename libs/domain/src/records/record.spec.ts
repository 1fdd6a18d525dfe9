import { contractDecider } from '../contract/contract.decider';
import { concernDecider } from '../concern/concern.decider';
import { serviceDecider } from '../service/service.decider';
import type { Recorded } from '../shared/decider';
import { closed, openConcern } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, contractAwarded } from '../testing/fixtures';

const serviceId = IDS.service;
const history = (): Recorded[] => [
  by(
    ACTORS.provider,
    {
      type: 'ServiceRegistered',
      occurredAt: at('2025-01-10'),
      data: { serviceId, providerId: IDS.provider, name: '5 Fengates', serviceType: 'supported_living', regulator: 'CQC', locationId: null },
    },
    'evt-registered',
  ),
  by(
    ACTORS.provider,
    {
      type: 'ManagerAppointed',
      occurredAt: at('2026-01-05'),
      data: { serviceId, managerId: 'm-1', managerName: 'Sam Patel', startedOn: '2026-01-05', basis: 'interim' },
    },
    'evt-appointed',
  ),
];
const retracted = (targetEventId = 'evt-appointed'): Recorded =>
  by(
    ACTORS.provider,
    { type: 'EntryRetracted', occurredAt: at('2026-01-06'), data: { targetEventId, targetType: 'ManagerAppointed', reason: 'Wrong service' } },
    'evt-retraction',
  );
const ctx = { actor: ACTORS.provider, now: NOW, refs: {} };
const correct = (change: Record<string, unknown> = {}) => ({
  kind: 'CorrectServiceEntry' as const,
  serviceId,
  targetEventId: 'evt-appointed',
  reason: 'Typo in the start date',
  changes: { startedOn: '2026-01-04' },
  occurredAt: at('2026-01-07'),
  ...change,
});
const retract = (change: Record<string, unknown> = {}) => ({
  kind: 'RetractServiceEntry' as const,
  serviceId,
  targetEventId: 'evt-appointed',
  reason: 'Recorded against the wrong service',
  occurredAt: at('2026-01-07'),
  ...change,
});

describe('records: corrections and retractions', () => {
  it('corrects an earlier entry of the same record, naming its type', () => {
    given(serviceDecider, history())
      .when(correct(), ctx)
      .then([
        {
          type: 'EntryCorrected',
          occurredAt: at('2026-01-07'),
          data: { targetEventId: 'evt-appointed', targetType: 'ManagerAppointed', reason: 'Typo in the start date', changes: { startedOn: '2026-01-04' } },
        },
      ]);
  });

  it('retracts an earlier entry', () => {
    given(serviceDecider, history())
      .when(retract(), ctx)
      .then([
        {
          type: 'EntryRetracted',
          occurredAt: at('2026-01-07'),
          data: { targetEventId: 'evt-appointed', targetType: 'ManagerAppointed', reason: 'Recorded against the wrong service' },
        },
      ]);
  });

  it('rule correction-target-in-stream', () => {
    given(serviceDecider, history())
      .when(correct({ targetEventId: 'evt-elsewhere' }), ctx)
      .thenFails('correction-target-in-stream');
  });

  it('rule only-recorder-corrects: only the organisation that recorded the entry', () => {
    given(serviceDecider, history())
      .when(retract(), { ...ctx, actor: ACTORS.regulator })
      .thenForbidden('only-recorder-corrects');
  });

  it('rule entry-already-retracted: a retracted entry cannot be retracted again', () => {
    given(serviceDecider, [...history(), retracted()])
      .when(retract(), ctx)
      .thenFails('entry-already-retracted');
  });

  it('rule entry-already-retracted: nor corrected', () => {
    given(serviceDecider, [...history(), retracted()])
      .when(correct(), ctx)
      .thenFails('entry-already-retracted');
  });

  it('rule cannot-target-retraction', () => {
    given(serviceDecider, [...history(), retracted()])
      .when(retract({ targetEventId: 'evt-retraction' }), ctx)
      .thenFails('cannot-target-retraction');
  });

  it('rule correction-reason-required', () => {
    given(serviceDecider, history())
      .when(retract({ reason: '' }), ctx)
      .thenFails('correction-reason-required');
  });

  it('rule correction-changes-required', () => {
    given(serviceDecider, history())
      .when(correct({ changes: {} }), ctx)
      .thenFails('correction-changes-required');
  });

  it('rule correction-changes-known-fields', () => {
    given(serviceDecider, history())
      .when(correct({ changes: { shoeSize: 9 } }), ctx)
      .thenFails('correction-changes-known-fields');
  });

  it('rule correction-cannot-change-ids', () => {
    given(serviceDecider, history())
      .when(correct({ changes: { managerId: 'm-2' } }), ctx)
      .thenFails('correction-cannot-change-ids');
  });

  it('a correction may itself be corrected', () => {
    const correction = by(
      ACTORS.provider,
      {
        type: 'EntryCorrected',
        occurredAt: at('2026-01-07'),
        data: { targetEventId: 'evt-appointed', targetType: 'ManagerAppointed', reason: 'x', changes: { startedOn: '2026-01-04' } },
      },
      'evt-correction',
    );
    given(serviceDecider, [...history(), correction])
      .when(correct({ targetEventId: 'evt-correction', changes: { changes: { startedOn: '2026-01-03' } } }), ctx)
      .thenMatch([{ type: 'EntryCorrected', data: { targetType: 'EntryCorrected' } }]);
  });

  it('keeps every entry with its recorder, and corrections and retractions by target, for reading', () => {
    const correction = by(
      ACTORS.provider,
      {
        type: 'EntryCorrected',
        occurredAt: at('2026-01-06'),
        data: { targetEventId: 'evt-registered', targetType: 'ServiceRegistered', reason: 'Location id', changes: { locationId: '1-999' } },
      },
      'evt-correction',
    );
    const { log } = given(serviceDecider, [...history(), correction, retracted()]).state;
    expect(log.entries['evt-appointed']).toEqual({
      eventId: 'evt-appointed',
      type: 'ManagerAppointed',
      organisationId: IDS.provider,
      occurredAt: at('2026-01-05'),
      fields: ['serviceId', 'managerId', 'managerName', 'startedOn', 'basis'],
      data: { serviceId, managerId: 'm-1', managerName: 'Sam Patel', startedOn: '2026-01-05', basis: 'interim' },
    });
    expect(log.corrections['evt-registered']).toEqual([
      { eventId: 'evt-correction', organisationId: IDS.provider, reason: 'Location id', changes: { locationId: '1-999' }, at: at('2026-01-06') },
    ]);
    expect(log.retractions['evt-appointed']).toEqual({
      eventId: 'evt-retraction',
      organisationId: IDS.provider,
      reason: 'Wrong service',
      at: at('2026-01-06'),
    });
  });

  it('works the same on a contract', () => {
    const awarded = by(
      ACTORS.council,
      {
        type: 'ContractAwarded',
        occurredAt: at('2025-02-01'),
        data: {
          contractId: IDS.contract,
          councilId: IDS.council,
          providerId: IDS.provider,
          serviceIds: [serviceId],
          reference: 'SL-1',
          startsOn: '2025-04-01',
          endsOn: '2027-03-31',
        },
      },
      'evt-awarded',
    );
    given(contractDecider, [awarded])
      .when(
        {
          kind: 'CorrectContractEntry',
          contractId: IDS.contract,
          targetEventId: 'evt-awarded',
          reason: 'Reference',
          changes: { reference: 'SL-2' },
          occurredAt: at('2025-02-02'),
        },
        { actor: ACTORS.council, now: NOW, refs: {} },
      )
      .thenMatch([{ type: 'EntryCorrected', data: { targetType: 'ContractAwarded' } }]);
    given(contractDecider, [awarded])
      .when(
        { kind: 'RetractContractEntry', contractId: IDS.contract, targetEventId: 'evt-awarded', reason: 'x', occurredAt: at('2025-02-02') },
        { actor: ACTORS.provider, now: NOW, refs: {} },
      )
      .thenForbidden('only-recorder-corrects');
  });

  it('works the same on a concern, closed or not', () => {
    given(concernDecider, [...openConcern(), closed()])
      .when(
        {
          kind: 'RetractConcernEntry',
          concernId: IDS.concern,
          targetEventId: 'evt-ack',
          reason: 'Acknowledged the wrong concern',
          occurredAt: at('2026-02-21'),
        },
        { actor: ACTORS.provider, now: NOW, refs: { contract: contractAwarded() } },
      )
      .thenMatch([{ type: 'EntryRetracted', data: { targetEventId: 'evt-ack', targetType: 'ConcernAcknowledged' } }]);
    given(concernDecider, openConcern())
      .when(
        { kind: 'CorrectConcernEntry', concernId: IDS.concern, targetEventId: 'evt-ack', reason: 'x', changes: { note: 'y' }, occurredAt: at('2026-02-21') },
        { actor: ACTORS.council, now: NOW, refs: { contract: contractAwarded() } },
      )
      .thenForbidden('only-recorder-corrects');
  });
});
