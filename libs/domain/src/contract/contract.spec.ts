import { concernDecider } from '../concern/concern.decider';
import type { Recorded } from '../shared/decider';
import { fold } from '../shared/decider';
import { raised } from '../testing/concern-history';
import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, by, providerOrganisation, registeredService } from '../testing/fixtures';
import type { AwardContract, ConfirmContract, EndContract, ExtendContract, IssueDefaultNotice, RecordSignedContract } from './contract.commands';
import { contractDecider } from './contract.decider';
import { contractLiveOn, isConfirmed } from './contract-liveness';

const contractId = IDS.contract;
const awarded = (): Recorded =>
  by(ACTORS.council, {
    type: 'ContractAwarded',
    occurredAt: at('2025-02-01'),
    data: {
      contractId,
      councilId: IDS.council,
      providerId: IDS.provider,
      serviceIds: [IDS.service],
      reference: 'SL-2025-01',
      startsOn: '2025-04-01',
      endsOn: '2027-03-31',
    },
  });
const confirmed = (): Recorded =>
  by(ACTORS.provider, {
    type: 'ContractConfirmed',
    occurredAt: at('2025-02-03'),
    data: { contractId, councilId: IDS.council, providerId: IDS.provider, serviceIds: [IDS.service], confirmedBy: 'provider', signedContract: null },
  });
const ended = (endedOn = '2026-01-31'): Recorded =>
  by(ACTORS.council, { type: 'ContractEnded', occurredAt: at(endedOn), data: { contractId, endedOn, how: 'terminated', reason: 'Re-procured' } });

const award = (change: Partial<AwardContract> = {}): AwardContract => ({
  kind: 'AwardContract',
  contractId,
  councilId: IDS.council,
  providerId: IDS.provider,
  serviceIds: [IDS.service],
  reference: 'SL-2025-01',
  startsOn: '2025-04-01',
  endsOn: '2027-03-31',
  occurredAt: at('2025-02-01'),
  ...change,
});
const awardRefs = { provider: providerOrganisation(), 'service:service-1': registeredService() };
const extend = (change: Partial<ExtendContract> = {}): ExtendContract => ({
  kind: 'ExtendContract',
  contractId,
  endsOn: '2028-03-31',
  reason: 'Good performance',
  occurredAt: at('2026-02-01'),
  ...change,
});
const end = (change: Partial<EndContract> = {}): EndContract => ({
  kind: 'EndContract',
  contractId,
  endedOn: '2026-02-28',
  how: 'terminated',
  reason: 'Persistent default',
  occurredAt: at('2026-02-28'),
  ...change,
});
const notice = (change: Partial<IssueDefaultNotice> = {}): IssueDefaultNotice => ({
  kind: 'IssueDefaultNotice',
  contractId,
  concernId: null,
  issuedOn: '2026-02-15',
  reason: 'Records not kept',
  remedyBy: '2026-03-15',
  occurredAt: at('2026-02-15'),
  ...change,
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
            contractId,
            councilId: IDS.council,
            providerId: IDS.provider,
            serviceIds: [IDS.service],
            reference: 'SL-2025-01',
            startsOn: '2025-04-01',
            endsOn: '2027-03-31',
          },
        },
      ]);
  });

  it('rule council-awards-own-contracts: not for another council', () => {
    given(contractDecider, [])
      .when(award({ councilId: IDS.otherCouncil }), { ...council, refs: awardRefs })
      .thenForbidden('council-awards-own-contracts');
  });

  it('rule council-awards-own-contracts: a provider cannot award one', () => {
    given(contractDecider, [])
      .when(award(), { ...council, actor: ACTORS.provider, refs: awardRefs })
      .thenForbidden('council-awards-own-contracts');
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
    given(contractDecider, [])
      .when(award({ serviceIds: [] }), { ...council, refs: awardRefs })
      .thenFails('contract-covers-services');
  });

  it('rule contract-covers-services: each once', () => {
    given(contractDecider, [])
      .when(award({ serviceIds: [IDS.service, IDS.service] }), { ...council, refs: awardRefs })
      .thenFails('contract-covers-services');
  });

  it('rule contract-ends-after-start', () => {
    given(contractDecider, [])
      .when(award({ endsOn: '2025-04-01' }), { ...council, refs: awardRefs })
      .thenFails('contract-ends-after-start');
  });

  it('rule contract-reference-required', () => {
    given(contractDecider, [])
      .when(award({ reference: '' }), { ...council, refs: awardRefs })
      .thenFails('contract-reference-required');
  });

  it('rule occurred-at-not-before-record: not before the services it covers were registered', () => {
    given(contractDecider, [])
      .when(award({ occurredAt: at('2025-01-05') }), { ...council, refs: awardRefs })
      .thenFails('occurred-at-not-before-record');
  });
});

describe('contract decider: extension, end, default notice', () => {
  it('the awarding council extends the end date', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(extend(), council)
      .then([
        {
          type: 'ContractExtended',
          occurredAt: at('2026-02-01'),
          data: { contractId, previousEndsOn: '2027-03-31', endsOn: '2028-03-31', reason: 'Good performance' },
        },
      ]);
  });

  it('rule awarding-council-only: another council cannot extend', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(extend(), { ...council, actor: ACTORS.otherCouncil })
      .thenForbidden('awarding-council-only');
  });

  it('rule extension-must-move-end-later', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(extend({ endsOn: '2027-03-31' }), council)
      .thenFails('extension-must-move-end-later');
  });

  it('rule contract-ended: an ended contract cannot be extended', () => {
    given(contractDecider, [awarded(), confirmed(), ended()]).when(extend(), council).thenFails('contract-ended');
  });

  it('the awarding council ends a contract', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(end(), council)
      .then([
        { type: 'ContractEnded', occurredAt: at('2026-02-28'), data: { contractId, endedOn: '2026-02-28', how: 'terminated', reason: 'Persistent default' } },
      ]);
  });

  it('rule awarding-council-only: the provider cannot end it', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(end(), { ...council, actor: ACTORS.provider })
      .thenForbidden('awarding-council-only');
  });

  it('rule contract-ended: an ended contract cannot be ended again', () => {
    given(contractDecider, [awarded(), confirmed(), ended()]).when(end(), council).thenFails('contract-ended');
  });

  it('rule contract-end-within-term', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(end({ endedOn: '2025-03-01' }), council)
      .thenFails('contract-end-within-term');
  });

  it('rule termination-reason-required', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(end({ reason: ' ' }), council)
      .thenFails('termination-reason-required');
  });

  it('rule date-not-in-future: an end not yet reached', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(end({ endedOn: '2026-06-30' }), council)
      .thenFails('date-not-in-future');
  });

  it('issues a default notice, optionally about a concern on this contract', () => {
    const concern = fold(concernDecider, [raised()]);
    given(contractDecider, [awarded(), confirmed()])
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
    given(contractDecider, [awarded(), confirmed()])
      .when(notice({ concernId: IDS.concern }), { ...council, refs: { 'concern:concern-1': elsewhere } })
      .thenFails('default-notice-concern-on-contract');
  });

  it('rule awarding-council-only: default notices come from the awarding council', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(notice(), { ...council, actor: ACTORS.otherCouncil })
      .thenForbidden('awarding-council-only');
  });

  it('rule default-notice-on-live-contract', () => {
    given(contractDecider, [awarded(), confirmed(), ended('2026-01-31')])
      .when(notice(), council)
      .thenFails('default-notice-on-live-contract');
  });

  it('rule default-notice-reason-required', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(notice({ reason: '' }), council)
      .thenFails('default-notice-reason-required');
  });

  it('rule remedy-after-notice', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(notice({ remedyBy: '2026-02-15' }), council)
      .thenFails('remedy-after-notice');
  });

  it('rule contract-parties-comment: only its council or provider comment on a contract', () => {
    const comment = {
      kind: 'RecordContractComment' as const,
      contractId,
      commentId: 'c-1',
      topic: 'general' as const,
      text: 'Noted',
      occurredAt: at('2026-02-01'),
    };
    given(contractDecider, [awarded(), confirmed()])
      .when(comment, { ...council, actor: ACTORS.provider })
      .thenMatch([{ data: { party: 'provider' } }]);
    given(contractDecider, [awarded(), confirmed()])
      .when(comment, { ...council, actor: ACTORS.regulator })
      .thenForbidden('contract-parties-comment');
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
    const extended = state([
      by(ACTORS.council, {
        type: 'ContractExtended',
        occurredAt: at('2026-02-01'),
        data: { contractId, previousEndsOn: '2027-03-31', endsOn: '2028-03-31', reason: 'x' },
      }),
    ]);
    expect(contractLiveOn(extended, '2027-06-01')).toBe(true);
    expect(extended.originalEndsOn).toBe('2027-03-31');
    expect(extended.extensions).toHaveLength(1);
  });
});

describe('contract decider: confirmation', () => {
  const SIGNED = { name: 'SL-2025-01 signed.pdf', sha256: 'a'.repeat(64) };
  const confirm = (change: Partial<ConfirmContract> = {}): ConfirmContract => ({
    kind: 'ConfirmContract',
    contractId,
    signedContract: null,
    occurredAt: at('2025-02-03'),
    ...change,
  });
  const asProvider = { actor: ACTORS.provider, now: NOW, refs: {} };
  const asAdmin = { actor: ACTORS.admin, now: NOW, refs: {} };

  it('a council award alone awaits confirmation', () => {
    expect(isConfirmed(given(contractDecider, [awarded()]).state)).toBe(false);
  });

  it('the provider confirms an award made to it, repeating what it confirms', () => {
    given(contractDecider, [awarded()])
      .when(confirm(), asProvider)
      .then([
        {
          type: 'ContractConfirmed',
          occurredAt: at('2025-02-03'),
          data: { contractId, councilId: IDS.council, providerId: IDS.provider, serviceIds: [IDS.service], confirmedBy: 'provider', signedContract: null },
        },
      ]);
    const state = given(contractDecider, [awarded(), confirmed()]).state;
    expect(state.confirmation).toEqual({ by: 'provider', signedContract: null, at: at('2025-02-03') });
  });

  it('rule contract-confirmed-by-provider: the awarding council cannot confirm its own award', () => {
    given(contractDecider, [awarded()]).when(confirm(), council).thenForbidden('contract-confirmed-by-provider');
  });

  it('rule contract-confirmed-by-provider: nor another provider, nor the regulator', () => {
    given(contractDecider, [awarded()])
      .when(confirm(), { ...asProvider, actor: ACTORS.otherProvider })
      .thenForbidden('contract-confirmed-by-provider');
    given(contractDecider, [awarded()])
      .when(confirm(), { ...asProvider, actor: ACTORS.regulator })
      .thenForbidden('contract-confirmed-by-provider');
  });

  it('an administrator confirms from the signed contract', () => {
    given(contractDecider, [awarded()])
      .when(confirm({ signedContract: SIGNED }), asAdmin)
      .thenMatch([{ data: { confirmedBy: 'administrator', signedContract: SIGNED } }]);
  });

  it('rule signed-contract-required: an administrator names the signed contract', () => {
    given(contractDecider, [awarded()]).when(confirm(), asAdmin).thenFails('signed-contract-required');
  });

  it('rule evidence-digest-sha256: the signed contract is pinned by its digest', () => {
    given(contractDecider, [awarded()])
      .when(confirm({ signedContract: { name: 'x.pdf', sha256: 'nope' } }), asProvider)
      .thenFails('evidence-digest-sha256');
  });

  it('rule contract-already-confirmed', () => {
    given(contractDecider, [awarded(), confirmed()]).when(confirm(), asProvider).thenFails('contract-already-confirmed');
  });

  it('rule occurred-at-not-before-record: not confirmed before it was awarded', () => {
    given(contractDecider, [awarded()])
      .when(confirm({ occurredAt: at('2025-01-20') }), asProvider)
      .thenFails('occurred-at-not-before-record');
  });

  it('rule contract-confirmation-stands: the provider cannot retract its confirmation', () => {
    const confirmation = by(ACTORS.provider, confirmed(), 'evt-confirmed');
    given(contractDecider, [awarded(), confirmation])
      .when({ kind: 'RetractContractEntry', contractId, targetEventId: 'evt-confirmed', reason: 'Changed our mind', occurredAt: at('2026-02-01') }, asProvider)
      .thenFails('contract-confirmation-stands');
  });

  it('rule contract-awaiting-confirmation: no extension or default notice under an unconfirmed award', () => {
    given(contractDecider, [awarded()]).when(extend(), council).thenForbidden('contract-awaiting-confirmation');
    given(contractDecider, [awarded()]).when(notice(), council).thenForbidden('contract-awaiting-confirmation');
  });

  it('the awarding council may still end (withdraw) an unconfirmed award', () => {
    given(contractDecider, [awarded()])
      .when(end(), council)
      .thenMatch([{ type: 'ContractEnded' }]);
  });
});

describe('contract decider: an administrator records a signed contract', () => {
  const SIGNED = { name: 'SL-2025-01 signed.pdf', sha256: 'b'.repeat(64) };
  const record = (change: Partial<RecordSignedContract> = {}): RecordSignedContract => ({
    ...award(),
    kind: 'RecordSignedContract',
    signedContract: SIGNED,
    ...change,
  });
  const councilOrg = providerOrganisation(IDS.council, 'council');
  const refs = { ...awardRefs, council: councilOrg };

  it('is awarded and confirmed at once', () => {
    given(contractDecider, [])
      .when(record(), { actor: ACTORS.admin, now: NOW, refs })
      .thenMatch([
        { type: 'ContractAwarded', data: { councilId: IDS.council, providerId: IDS.provider } },
        { type: 'ContractConfirmed', data: { confirmedBy: 'administrator', signedContract: SIGNED, serviceIds: [IDS.service] } },
      ]);
  });

  it('rule administrator-records-signed-contracts: a council cannot record one', () => {
    given(contractDecider, [])
      .when(record(), { ...council, refs })
      .thenForbidden('administrator-records-signed-contracts');
  });

  it('rule organisation-must-be-council', () => {
    given(contractDecider, [])
      .when(record(), { actor: ACTORS.admin, now: NOW, refs: { ...refs, council: providerOrganisation(IDS.council, 'provider') } })
      .thenFails('organisation-must-be-council');
  });

  it('rule evidence-digest-sha256', () => {
    given(contractDecider, [])
      .when(record({ signedContract: { name: 'x', sha256: 'X' } }), { actor: ACTORS.admin, now: NOW, refs })
      .thenFails('evidence-digest-sha256');
  });
});

describe('contract decider: nothing is dated into a term that had ended', () => {
  const expiredNow = at('2027-05-01');

  it('rule contract-term-over: a lapsed term is not revived by a backdated extension', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(extend({ occurredAt: at('2027-03-30') }), { ...council, now: expiredNow })
      .thenFails('contract-term-over');
  });

  it('rule occurred-at-within-contract-term: an extension dated after the term', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(extend({ occurredAt: at('2027-04-10') }), { ...council, now: expiredNow })
      .thenFails('occurred-at-within-contract-term');
  });

  it('rule occurred-at-within-contract-term: an extension dated before the term began', () => {
    given(contractDecider, [awarded(), confirmed()])
      .when(extend({ occurredAt: at('2025-03-01') }), council)
      .thenFails('occurred-at-within-contract-term');
  });

  it('rule contract-term-over: no default notice backdated into an ended term', () => {
    given(contractDecider, [awarded(), confirmed(), ended('2026-02-20')])
      .when(notice({ issuedOn: '2026-02-15', occurredAt: at('2026-02-15') }), council)
      .thenFails('contract-term-over');
  });

  it('rule occurred-at-within-contract-term: a default notice recorded as happening after the term', () => {
    given(contractDecider, [awarded(), confirmed(), ended('2026-02-20')])
      .when(notice({ issuedOn: '2026-02-15', occurredAt: at('2026-02-25') }), council)
      .thenFails('occurred-at-within-contract-term');
  });
});
