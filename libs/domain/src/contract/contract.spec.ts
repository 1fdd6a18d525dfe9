import { concernDecider } from '../concern/concern.decider';
import type { Recorded } from '../shared/decider';
import { fold } from '../shared/decider';
import { raised } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, providerOrganisation, registeredService } from '../testing/fixtures';
import type { AwardContract, EndContract, ExtendContract, IssueDefaultNotice } from './contract.commands';
import { contractDecider } from './contract.decider';
import { contractLiveOn } from './contract-liveness';

const contractId = IDS.contract;
const awarded = (): Recorded =>
  by(ACTORS.council, {
    type: 'ContractAwarded',
    occurredAt: at('2025-02-01'),
    data: {
      contractId, councilId: IDS.council, providerId: IDS.provider, serviceIds: [IDS.service], reference: 'SL-2025-01',
      startsOn: '2025-04-01', endsOn: '2027-03-31',
    },
  });
const ended = (endedOn = '2026-01-31'): Recorded =>
  by(ACTORS.council, { type: 'ContractEnded', occurredAt: at(endedOn), data: { contractId, endedOn, how: 'terminated', reason: 'Re-procured' } });

const award = (change: Partial<AwardContract> = {}): AwardContract => ({
  kind: 'AwardContract', contractId, councilId: IDS.council, providerId: IDS.provider, serviceIds: [IDS.service], reference: 'SL-2025-01',
  startsOn: '2025-04-01', endsOn: '2027-03-31', occurredAt: at('2025-02-01'), ...change,
});
const awardRefs = { provider: providerOrganisation(), 'service:service-1': registeredService() };
const extend = (change: Partial<ExtendContract> = {}): ExtendContract => ({
  kind: 'ExtendContract', contractId, endsOn: '2028-03-31', reason: 'Good performance', occurredAt: at('2026-02-01'), ...change,
});
const end = (change: Partial<EndContract> = {}): EndContract => ({
  kind: 'EndContract', contractId, endedOn: '2026-02-28', how: 'terminated', reason: 'Persistent default', occurredAt: at('2026-02-28'), ...change,
});
const notice = (change: Partial<IssueDefaultNotice> = {}): IssueDefaultNotice => ({
  kind: 'IssueDefaultNotice', contractId, concernId: null, issuedOn: '2026-02-15', reason: 'Records not kept', remedyBy: '2026-03-15',
  occurredAt: at('2026-02-15'), ...change,
});
const council = { actor: ACTORS.council, now: NOW, refs: {} };

describe('contract decider: award', () => {
  it('a council awards a contract for itself to a provider for its services', () => {
    given(contractDecider, [])
      .when(award(), { ...council, refs: awardRefs })
      .then([
        {
          type: 'ContractAwarded',
          occurredAt: at('2025-02-01'),
          data: {
            contractId, councilId: IDS.council, providerId: IDS.provider, serviceIds: [IDS.service], reference: 'SL-2025-01',
            startsOn: '2025-04-01', endsOn: '2027-03-31',
          },
        },
      ]);
  });

  it('rule council-awards-own-contracts: not for another council', () => {
    given(contractDecider, []).when(award({ councilId: IDS.otherCouncil }), { ...council, refs: awardRefs }).thenForbidden('council-awards-own-contracts');
  });

  it('rule council-awards-own-contracts: a provider cannot award one', () => {
    given(contractDecider, []).when(award(), { ...council, actor: ACTORS.provider, refs: awardRefs }).thenForbidden('council-awards-own-contracts');
  });

  it('rule organisation-must-be-provider', () => {
    given(contractDecider, [])
      .when(award(), { ...council, refs: { ...awardRefs, provider: providerOrganisation(IDS.provider, 'regulator') } })
      .thenFails('organisation-must-be-provider');
  });

  it("rule service-belongs-to-provider: another provider's service", () => {
    given(contractDecider, [])
      .when(award({ serviceIds: [IDS.service, IDS.otherService] }), {
        ...council,
        refs: { ...awardRefs, 'service:service-2': registeredService(IDS.otherService, IDS.otherProvider) },
      })
      .thenFails('service-belongs-to-provider');
  });

  it('rule contract-covers-services: at least one', () => {
    given(contractDecider, []).when(award({ serviceIds: [] }), { ...council, refs: awardRefs }).thenFails('contract-covers-services');
  });

  it('rule contract-covers-services: each once', () => {
    given(contractDecider, []).when(award({ serviceIds: [IDS.service, IDS.service] }), { ...council, refs: awardRefs }).thenFails('contract-covers-services');
  });

  it('rule contract-ends-after-start', () => {
    given(contractDecider, []).when(award({ endsOn: '2025-04-01' }), { ...council, refs: awardRefs }).thenFails('contract-ends-after-start');
  });

  it('rule contract-reference-required', () => {
    given(contractDecider, []).when(award({ reference: '' }), { ...council, refs: awardRefs }).thenFails('contract-reference-required');
  });

  it('rule occurred-at-not-before-record: not before the services it covers were registered', () => {
    given(contractDecider, []).when(award({ occurredAt: at('2025-01-05') }), { ...council, refs: awardRefs }).thenFails('occurred-at-not-before-record');
  });
});

describe('contract decider: extension, end, default notice', () => {
  it('the awarding council extends the end date', () => {
    given(contractDecider, [awarded()])
      .when(extend(), council)
      .then([
        { type: 'ContractExtended', occurredAt: at('2026-02-01'), data: { contractId, previousEndsOn: '2027-03-31', endsOn: '2028-03-31', reason: 'Good performance' } },
      ]);
  });

  it('rule awarding-council-only: another council cannot extend', () => {
    given(contractDecider, [awarded()]).when(extend(), { ...council, actor: ACTORS.otherCouncil }).thenForbidden('awarding-council-only');
  });

  it('rule extension-must-move-end-later', () => {
    given(contractDecider, [awarded()]).when(extend({ endsOn: '2027-03-31' }), council).thenFails('extension-must-move-end-later');
  });

  it('rule contract-ended: an ended contract cannot be extended', () => {
    given(contractDecider, [awarded(), ended()]).when(extend(), council).thenFails('contract-ended');
  });

  it('the awarding council ends a contract', () => {
    given(contractDecider, [awarded()])
      .when(end(), council)
      .then([{ type: 'ContractEnded', occurredAt: at('2026-02-28'), data: { contractId, endedOn: '2026-02-28', how: 'terminated', reason: 'Persistent default' } }]);
  });

  it('rule awarding-council-only: the provider cannot end it', () => {
    given(contractDecider, [awarded()]).when(end(), { ...council, actor: ACTORS.provider }).thenForbidden('awarding-council-only');
  });

  it('rule contract-ended: an ended contract cannot be ended again', () => {
    given(contractDecider, [awarded(), ended()]).when(end(), council).thenFails('contract-ended');
  });

  it('rule contract-end-within-term', () => {
    given(contractDecider, [awarded()]).when(end({ endedOn: '2025-03-01' }), council).thenFails('contract-end-within-term');
  });

  it('rule termination-reason-required', () => {
    given(contractDecider, [awarded()]).when(end({ reason: ' ' }), council).thenFails('termination-reason-required');
  });

  it('rule date-not-in-future: an end not yet reached', () => {
    given(contractDecider, [awarded()]).when(end({ endedOn: '2026-06-30' }), council).thenFails('date-not-in-future');
  });

  it('issues a default notice, optionally about a concern on this contract', () => {
    const concern = fold(concernDecider, [raised()]);
    given(contractDecider, [awarded()])
      .when(notice({ concernId: IDS.concern }), { ...council, refs: { 'concern:concern-1': concern } })
      .then([
        {
          type: 'DefaultNoticeIssued',
          occurredAt: at('2026-02-15'),
          data: { contractId, concernId: IDS.concern, issuedOn: '2026-02-15', reason: 'Records not kept', remedyBy: '2026-03-15' },
        },
      ]);
  });

  it('rule default-notice-concern-on-contract', () => {
    const elsewhere = fold(concernDecider, [{ ...raised(), data: { ...raised().data, contractId: 'contract-9' } } as Recorded]);
    given(contractDecider, [awarded()])
      .when(notice({ concernId: IDS.concern }), { ...council, refs: { 'concern:concern-1': elsewhere } })
      .thenFails('default-notice-concern-on-contract');
  });

  it('rule awarding-council-only: default notices come from the awarding council', () => {
    given(contractDecider, [awarded()]).when(notice(), { ...council, actor: ACTORS.otherCouncil }).thenForbidden('awarding-council-only');
  });

  it('rule default-notice-on-live-contract', () => {
    given(contractDecider, [awarded(), ended('2026-01-31')]).when(notice(), council).thenFails('default-notice-on-live-contract');
  });

  it('rule default-notice-reason-required', () => {
    given(contractDecider, [awarded()]).when(notice({ reason: '' }), council).thenFails('default-notice-reason-required');
  });

  it('rule remedy-after-notice', () => {
    given(contractDecider, [awarded()]).when(notice({ remedyBy: '2026-02-15' }), council).thenFails('remedy-after-notice');
  });

  it('rule contract-parties-comment: only its council or provider comment on a contract', () => {
    const comment = { kind: 'RecordContractComment' as const, contractId, commentId: 'c-1', topic: 'general' as const, text: 'Noted', occurredAt: at('2026-02-01') };
    given(contractDecider, [awarded()]).when(comment, { ...council, actor: ACTORS.provider }).thenMatch([{ data: { party: 'provider' } }]);
    given(contractDecider, [awarded()]).when(comment, { ...council, actor: ACTORS.regulator }).thenForbidden('contract-parties-comment');
  });
});

describe('contract liveness', () => {
  const state = (extra: Recorded[] = []) => given(contractDecider, [awarded(), ...extra]).state;

  it('is live from its start to its end date inclusive', () => {
    expect(contractLiveOn(state(), '2025-03-31')).toBe(false);
    expect(contractLiveOn(state(), '2025-04-01')).toBe(true);
    expect(contractLiveOn(state(), '2027-03-31')).toBe(true);
    expect(contractLiveOn(state(), '2027-04-01')).toBe(false);
  });

  it('an ended contract was live up to its end date, so backdated records still fit', () => {
    expect(contractLiveOn(state([ended('2026-01-31')]), '2026-01-31')).toBe(true);
    expect(contractLiveOn(state([ended('2026-01-31')]), '2026-02-01')).toBe(false);
  });

  it('an extension keeps it live longer, and the state keeps the original end', () => {
    const extended = state([by(ACTORS.council, { type: 'ContractExtended', occurredAt: at('2026-02-01'), data: { contractId, previousEndsOn: '2027-03-31', endsOn: '2028-03-31', reason: 'x' } })]);
    expect(contractLiveOn(extended, '2027-06-01')).toBe(true);
    expect(extended.originalEndsOn).toBe('2027-03-31');
    expect(extended.extensions).toHaveLength(1);
  });
});
