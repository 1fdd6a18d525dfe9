import { randomUUID } from 'node:crypto';
import type { CareTrailEventType, EventData } from '@caretrail/domain';
import type { Actor, EventStore, RecordedEvent } from '@caretrail/event-store';

export const ADMIN: Actor = { userId: 'u-admin', organisationId: 'caretrail', role: 'admin' };
export const officerOf = (councilId: string): Actor => ({ userId: `qa-${councilId}`, organisationId: councilId, role: 'qa_officer' });
export const managerOf = (providerId: string): Actor => ({ userId: `rm-${providerId}`, organisationId: providerId, role: 'registered_manager' });
export const INSPECTOR: Actor = { userId: 'u-insp', organisationId: 'cqc', role: 'inspector' };

const DAY = 24 * 60 * 60 * 1000;
export const day = (n: number): string => new Date(Date.UTC(2025, 0, 6, 10) + n * DAY).toISOString();
export const dateOf = (n: number): string => day(n).slice(0, 10);

/** Appends events of the real catalogue's shapes straight to the store (no deciders: tests of reading, not of rules). */
export class CareHistory {
  readonly recorded: RecordedEvent[] = [];

  constructor(private readonly store: EventStore) {}

  async append<T extends CareTrailEventType>(stream: string, type: T, data: EventData<T>, occurredAt: string, actor: Actor): Promise<RecordedEvent> {
    const result = await this.store.append(
      stream,
      [
        {
          eventId: randomUUID(),
          type,
          schemaVersion: 1,
          data: data as unknown as Record<string, unknown>,
          occurredAt,
          actor,
          correlationId: randomUUID(),
          causationId: null,
          commandId: null,
        },
      ],
      'any',
    );
    this.recorded.push(...result.events);
    return result.events[0];
  }

  organisation(id: string, kind: 'council' | 'provider' | 'regulator', at = day(0)) {
    return this.append(`organisation-${id}`, 'OrganisationRegistered', { organisationId: id, kind, name: `${kind} ${id}` }, at, ADMIN);
  }

  service(serviceId: string, providerId: string, at = day(0)) {
    return this.append(
      `service-${serviceId}`,
      'ServiceRegistered',
      { serviceId, providerId, name: `Home ${serviceId}`, serviceType: 'residential_home', regulator: 'CQC', locationId: null },
      at,
      ADMIN,
    );
  }

  /** An award and its provider's confirmation (only a confirmed contract brings a service into its council's portfolio). */
  async contract(contractId: string, councilId: string, providerId: string, serviceIds: string[], at = day(0)) {
    const awarded = await this.append(
      `contract-${contractId}`,
      'ContractAwarded',
      { contractId, councilId, providerId, serviceIds, reference: contractId, startsOn: dateOf(0), endsOn: dateOf(730) },
      at,
      officerOf(councilId),
    );
    await this.append(
      `contract-${contractId}`,
      'ContractConfirmed',
      { contractId, councilId, providerId, serviceIds, confirmedBy: 'provider', signedContract: null },
      at,
      managerOf(providerId),
    );
    return awarded;
  }

  concern(concernId: string, c: { serviceId: string; providerId: string; councilId: string; contractId: string }, at: string) {
    return this.append(
      `concern-${concernId}`,
      'ConcernRaised',
      { concernId, ...c, category: 'documentation', severity: 'amber', source: 'monitoring_visit', summary: 'Care records lapsed' },
      at,
      officerOf(c.councilId),
    );
  }

  /** The usual opening world: two councils, two providers, a regulator, three services, three contracts. */
  async world(): Promise<void> {
    await this.organisation('council-1', 'council');
    await this.organisation('council-2', 'council');
    await this.organisation('provider-1', 'provider');
    await this.organisation('provider-2', 'provider');
    await this.organisation('cqc', 'regulator');
    await this.service('service-a', 'provider-1');
    await this.service('service-b', 'provider-1');
    await this.service('service-c', 'provider-2');
    await this.contract('contract-1', 'council-1', 'provider-1', ['service-a', 'service-b']);
    await this.contract('contract-2', 'council-2', 'provider-1', ['service-b']);
    await this.contract('contract-3', 'council-2', 'provider-2', ['service-c']);
  }
}

export const CONTRACTS = [
  { contractId: 'contract-1', councilId: 'council-1', providerId: 'provider-1', serviceIds: ['service-a', 'service-b'] },
  { contractId: 'contract-2', councilId: 'council-2', providerId: 'provider-1', serviceIds: ['service-b'] },
  { contractId: 'contract-3', councilId: 'council-2', providerId: 'provider-2', serviceIds: ['service-c'] },
];
