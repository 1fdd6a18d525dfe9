import { given } from '../testing/given-when-then';
import { ACTORS, IDS, NOW, at, providerOrganisation } from '../testing/fixtures';
import { serviceDecider } from './service.decider';
import type { RegisterService } from './service.commands';

const register = (change: Partial<RegisterService> = {}): RegisterService => ({
  kind: 'RegisterService',
  serviceId: IDS.service,
  providerId: IDS.provider,
  name: '5 Fengates',
  serviceType: 'supported_living',
  regulator: 'CQC',
  locationId: '1-123',
  occurredAt: at('2026-01-10'),
  ...change,
});
const refs = { provider: providerOrganisation() };

describe('service decider: registration', () => {
  it('registers a service for its own provider', () => {
    given(serviceDecider, [])
      .when(register(), { actor: ACTORS.provider, now: NOW, refs })
      .then([
        {
          type: 'ServiceRegistered',
          occurredAt: at('2026-01-10'),
          data: {
            serviceId: IDS.service,
            providerId: IDS.provider,
            name: '5 Fengates',
            serviceType: 'supported_living',
            regulator: 'CQC',
            locationId: '1-123',
            odsCode: null,
          },
        },
      ]);
  });

  it('an administrator may register a service for a provider', () => {
    given(serviceDecider, [])
      .when(register(), { actor: ACTORS.admin, now: NOW, refs })
      .thenMatch([{ type: 'ServiceRegistered' }]);
  });

  it('rule provider-registers-own-services: another provider cannot', () => {
    given(serviceDecider, []).when(register(), { actor: ACTORS.otherProvider, now: NOW, refs }).thenForbidden('provider-registers-own-services');
  });

  it('rule provider-registers-own-services: a council cannot', () => {
    given(serviceDecider, []).when(register(), { actor: ACTORS.council, now: NOW, refs }).thenForbidden('provider-registers-own-services');
  });

  it('rule organisation-must-be-provider: the named organisation is a council', () => {
    given(serviceDecider, [])
      .when(register(), { actor: ACTORS.admin, now: NOW, refs: { provider: providerOrganisation(IDS.provider, 'council') } })
      .thenFails('organisation-must-be-provider');
  });

  it('rule service-name-required', () => {
    given(serviceDecider, [])
      .when(register({ name: '  ' }), { actor: ACTORS.provider, now: NOW, refs })
      .thenFails('service-name-required');
  });

  it('rule occurred-at-not-before-record: not before the provider was registered', () => {
    given(serviceDecider, [])
      .when(register({ occurredAt: at('2024-12-31') }), { actor: ACTORS.provider, now: NOW, refs })
      .thenFails('occurred-at-not-before-record');
  });

  it('rule occurred-at-not-in-future', () => {
    given(serviceDecider, [])
      .when(register({ occurredAt: '2026-03-02T12:00:00.000Z' }), { actor: ACTORS.provider, now: NOW, refs })
      .thenFails('occurred-at-not-in-future');
  });

  it('a command on a service that does not exist is a missing record', () => {
    expect(() =>
      given(serviceDecider, [])
        .when(
          { kind: 'RecordEnforcementAction', serviceId: IDS.service, action: 'warning_notice', decidedOn: '2026-02-01', summary: 'x', occurredAt: NOW },
          { actor: ACTORS.regulator, now: NOW, refs: {} },
        )
        .then([]),
    ).toThrow('No service with id service-1');
  });
});

describe('service state: the opening event fixes whose service it is', () => {
  const registered = (providerId: unknown) => ({
    type: 'ServiceRegistered',
    occurredAt: at('2026-01-10'),
    data: { serviceId: IDS.service, providerId, name: '5 Fengates', serviceType: 'supported_living', regulator: 'CQC', locationId: '1-123', odsCode: null },
  });

  it('a second ServiceRegistered (written past the deciders) changes nothing but the log', () => {
    const { state } = given(serviceDecider, [registered(IDS.provider), registered(false)] as never);
    expect(state).toMatchObject({ exists: true, providerId: IDS.provider, name: '5 Fengates' });
    expect(Object.keys(state.log.entries)).toHaveLength(2);
  });
});
