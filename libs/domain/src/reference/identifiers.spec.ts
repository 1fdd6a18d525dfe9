import { organisationDecider } from '../organisation/organisation.decider';
import { serviceDecider } from '../service/service.decider';
import type { RegisterService } from '../service/service.commands';
import { given, recorded } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, providerOrganisation } from '../testing/fixtures';
import { upcastEventData } from '../events/upcasting';
import { cqcIdProblem, locationIdProblem, odsCodeProblem } from './identifiers';

const registerService = (change: Partial<RegisterService> = {}): RegisterService => ({
  kind: 'RegisterService',
  serviceId: IDS.service,
  providerId: IDS.provider,
  name: '5 Fengates',
  serviceType: 'supported_living',
  regulator: 'CQC',
  locationId: '1-101641471',
  odsCode: 'vlaxl',
  occurredAt: at('2026-01-10'),
  ...change,
});
const refs = { provider: providerOrganisation() };

describe('identifier formats', () => {
  it.each(['1-101641471', '1-123', '1-10000000001'])('a CQC id %s is accepted', (id) => expect(cqcIdProblem(id)).toBeNull());
  it.each(['101641471', '1-', '2-101641471', '1-10164147a', ' 1-101641471', 'RXX'])('a CQC id %s is refused', (id) =>
    expect(cqcIdProblem(id)).toMatch(/CQC id/),
  );
  it('a location id takes the form of its regulator', () => {
    expect(locationIdProblem('Ofsted', 'SC123456')).toBeNull();
    expect(locationIdProblem('Ofsted', '1234567')).toBeNull();
    expect(locationIdProblem('Ofsted', '1-101641471')).toMatch(/Ofsted unique reference number/);
    expect(locationIdProblem('CQC', 'SC123456')).toMatch(/CQC id/);
  });
  it.each(['VLAXL', 'vm2k4', 'RXX', 'A81001', 'K81003001'])('an ODS code %s is accepted', (code) => expect(odsCodeProblem(code)).toBeNull());
  it.each(['', 'VL-AX', 'K810030012', 'V LAX', 42])('an ODS code %s is refused', (code) => expect(odsCodeProblem(code)).toMatch(/ODS code/));
});

describe('service identifiers', () => {
  it('given a provider, when it registers a service with a CQC location id and an ODS code, then both are recorded (the code upper case)', () => {
    given(serviceDecider, [])
      .when(registerService(), { actor: ACTORS.provider, now: NOW, refs })
      .thenMatch([{ type: 'ServiceRegistered', data: { locationId: '1-101641471', odsCode: 'VLAXL' } }]);
  });

  it('given a registration, then the service shows both identifiers', () => {
    const { state } = given(serviceDecider, [
      {
        type: 'ServiceRegistered',
        occurredAt: at('2026-01-10'),
        data: {
          serviceId: IDS.service,
          providerId: IDS.provider,
          name: 'x',
          serviceType: 'supported_living',
          regulator: 'CQC',
          locationId: '1-9',
          odsCode: 'VLAXL',
        },
      },
    ]);
    expect(state).toMatchObject({ locationId: '1-9', odsCode: 'VLAXL' });
  });

  it('rule location-id-format: a CQC service with a location id not in the CQC form is refused', () => {
    given(serviceDecider, [])
      .when(registerService({ locationId: 'SC123456' }), { actor: ACTORS.provider, now: NOW, refs })
      .thenFails('location-id-format');
  });

  it('an Ofsted service takes an Ofsted URN as its location id', () => {
    given(serviceDecider, [])
      .when(registerService({ regulator: 'Ofsted', serviceType: 'childrens_home', locationId: 'SC123456' }), { actor: ACTORS.provider, now: NOW, refs })
      .thenMatch([{ type: 'ServiceRegistered', data: { locationId: 'SC123456' } }]);
  });

  it('rule ods-code-format: an ODS code with other characters is refused', () => {
    given(serviceDecider, [])
      .when(registerService({ odsCode: 'VL-AX' }), { actor: ACTORS.provider, now: NOW, refs })
      .thenFails('ods-code-format');
  });

  it('a command without an ODS code (an older caller) records null', () => {
    const { odsCode: _omitted, ...older } = registerService();
    given(serviceDecider, [])
      .when(older as RegisterService, { actor: ACTORS.provider, now: NOW, refs })
      .thenMatch([{ type: 'ServiceRegistered', data: { odsCode: null } }]);
  });
});

describe('service identifiers recorded later', () => {
  const registeredV1 = () =>
    ({
      type: 'ServiceRegistered',
      occurredAt: at('2026-01-10'),
      data: {
        serviceId: IDS.service,
        providerId: IDS.provider,
        name: 'x',
        serviceType: 'supported_living',
        regulator: 'CQC',
        locationId: '1-9',
        odsCode: null,
      },
    }) as const;
  const record = (change: Partial<{ locationId: string | null; odsCode: string | null; reason: string }> = {}) => ({
    kind: 'RecordServiceIdentifiers' as const,
    serviceId: IDS.service,
    locationId: '1-9',
    odsCode: 'vlaxl',
    reason: 'ODS site code issued',
    occurredAt: at('2026-02-01'),
    ...change,
  });

  it('given a service registered without an ODS code, when its provider records one, then the service shows it and the event keeps what it replaced', () => {
    given(serviceDecider, [registeredV1()])
      .when(record(), { actor: ACTORS.provider, now: NOW })
      .then([
        {
          type: 'ServiceIdentifiersRecorded',
          occurredAt: at('2026-02-01'),
          data: {
            serviceId: IDS.service,
            locationId: '1-9',
            odsCode: 'VLAXL',
            previousLocationId: '1-9',
            previousOdsCode: null,
            reason: 'ODS site code issued',
          },
        },
      ]);
    const { state } = given(serviceDecider, [
      registeredV1(),
      {
        type: 'ServiceIdentifiersRecorded',
        occurredAt: at('2026-02-01'),
        data: { serviceId: IDS.service, locationId: '1-9', odsCode: 'VLAXL', previousLocationId: '1-9', previousOdsCode: null, reason: 'x' },
      },
    ]);
    expect(state).toMatchObject({ locationId: '1-9', odsCode: 'VLAXL' });
  });

  it('an administrator may record them too; another provider may not', () => {
    given(serviceDecider, [registeredV1()])
      .when(record(), { actor: ACTORS.admin, now: NOW })
      .thenMatch([{ type: 'ServiceIdentifiersRecorded' }]);
    given(serviceDecider, [registeredV1()]).when(record(), { actor: ACTORS.otherProvider, now: NOW }).thenForbidden('service-provider-only');
  });

  it('rules identifiers-must-change, identifiers-reason-required, location-id-format', () => {
    given(serviceDecider, [registeredV1()])
      .when(record({ odsCode: null }), { actor: ACTORS.provider, now: NOW })
      .thenFails('identifiers-must-change');
    given(serviceDecider, [registeredV1()])
      .when(record({ reason: ' ' }), { actor: ACTORS.provider, now: NOW })
      .thenFails('identifiers-reason-required');
    given(serviceDecider, [registeredV1()])
      .when(record({ locationId: 'SC123456' }), { actor: ACTORS.provider, now: NOW })
      .thenFails('location-id-format');
  });
});

describe('provider identifiers', () => {
  const register = (organisationKind: 'provider' | 'council', cqcProviderId: string | null) => ({
    kind: 'RegisterOrganisation' as const,
    organisationId: 'org-1',
    organisationKind,
    name: 'Fenland Care Ltd',
    cqcProviderId,
    occurredAt: NOW,
  });

  it('given nothing, when an administrator registers a provider with its CQC provider id, then it is recorded and shown', () => {
    given(organisationDecider, [])
      .when(register('provider', '1-101634620'), { actor: ACTORS.admin, now: NOW })
      .then([
        {
          type: 'OrganisationRegistered',
          occurredAt: NOW,
          data: { organisationId: 'org-1', kind: 'provider', name: 'Fenland Care Ltd', cqcProviderId: '1-101634620' },
        },
      ]);
    const { state } = given(organisationDecider, [
      {
        type: 'OrganisationRegistered',
        occurredAt: NOW,
        data: { organisationId: 'org-1', kind: 'provider', name: 'Fenland Care Ltd', cqcProviderId: '1-101634620' },
      },
    ]);
    expect(state.cqcProviderId).toBe('1-101634620');
  });

  it('rule cqc-provider-id-format', () => {
    given(organisationDecider, []).when(register('provider', 'CQC-1'), { actor: ACTORS.admin, now: NOW }).thenFails('cqc-provider-id-format');
  });

  it('rule cqc-provider-id-for-providers: a council carries none', () => {
    given(organisationDecider, []).when(register('council', '1-101634620'), { actor: ACTORS.admin, now: NOW }).thenFails('cqc-provider-id-for-providers');
  });
});

describe('provider identifiers recorded later', () => {
  const providerV1 = {
    type: 'OrganisationRegistered' as const,
    occurredAt: at('2025-01-01'),
    data: { organisationId: IDS.provider, kind: 'provider' as const, name: 'Fenland Care Ltd', cqcProviderId: null },
  };
  const record = (cqcProviderId: string | null, reason = 'Registered with CQC') => ({
    kind: 'RecordProviderIdentifiers' as const,
    organisationId: IDS.provider,
    cqcProviderId,
    reason,
    occurredAt: NOW,
  });

  it('given a provider without a CQC provider id, when it records its own, then the provider shows it', () => {
    given(organisationDecider, [providerV1])
      .when(record('1-101634620'), { actor: ACTORS.provider, now: NOW })
      .then([
        {
          type: 'ProviderIdentifiersRecorded',
          occurredAt: NOW,
          data: { organisationId: IDS.provider, cqcProviderId: '1-101634620', previousCqcProviderId: null, reason: 'Registered with CQC' },
        },
      ]);
    const { state } = given(organisationDecider, [
      providerV1,
      {
        type: 'ProviderIdentifiersRecorded',
        occurredAt: NOW,
        data: { organisationId: IDS.provider, cqcProviderId: '1-101634620', previousCqcProviderId: null, reason: 'x' },
      },
    ]);
    expect(state.cqcProviderId).toBe('1-101634620');
  });

  it('rules: provider-records-own-identifiers, cqc-provider-id-format, identifiers-must-change, cqc-provider-id-for-providers', () => {
    given(organisationDecider, [providerV1]).when(record('1-1'), { actor: ACTORS.otherProvider, now: NOW }).thenForbidden('provider-records-own-identifiers');
    given(organisationDecider, [providerV1]).when(record('1-1'), { actor: ACTORS.council, now: NOW }).thenForbidden('provider-records-own-identifiers');
    given(organisationDecider, [providerV1]).when(record('X-1'), { actor: ACTORS.admin, now: NOW }).thenFails('cqc-provider-id-format');
    given(organisationDecider, [providerV1]).when(record(null), { actor: ACTORS.admin, now: NOW }).thenFails('identifiers-must-change');
    const council = { ...providerV1, data: { ...providerV1.data, kind: 'council' as const } };
    given(organisationDecider, [council]).when(record('1-1'), { actor: ACTORS.admin, now: NOW }).thenFails('cqc-provider-id-for-providers');
  });
});

describe('upcasting version-1 registrations', () => {
  it('a version-1 OrganisationRegistered reads with cqcProviderId null; the stored data is untouched', () => {
    const stored = { organisationId: 'org-1', kind: 'provider', name: 'Fenland Care Ltd' };
    expect(upcastEventData('OrganisationRegistered', 1, stored)).toEqual({ ...stored, cqcProviderId: null });
    expect(stored).toEqual({ organisationId: 'org-1', kind: 'provider', name: 'Fenland Care Ltd' });
  });

  it('a version-1 ServiceRegistered reads with odsCode null and folds to a service without one', () => {
    const stored = { serviceId: IDS.service, providerId: IDS.provider, name: 'x', serviceType: 'supported_living', regulator: 'CQC', locationId: '1-9' };
    const data = upcastEventData('ServiceRegistered', 1, stored);
    expect(data).toEqual({ ...stored, odsCode: null });
    const state = serviceDecider.evolve(serviceDecider.initialState(), recorded({ type: 'ServiceRegistered', occurredAt: at('2026-01-10'), data } as never));
    expect(state.odsCode).toBeNull();
  });

  it('a version-2 event is read as stored', () => {
    const stored = { serviceId: IDS.service, odsCode: 'VLAXL' };
    expect(upcastEventData('ServiceRegistered', 2, stored)).toBe(stored);
  });
});
