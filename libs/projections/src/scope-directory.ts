import type { RecordedEvent } from '@caretrail/event-store';
import type { ReadTrx } from './projection';

/** The records an event belongs to; a timeline or a replay of any of them includes it. */
export interface EventScope {
  providerId: string | null;
  serviceId: string | null;
  concernId: string | null;
  councilId: string | null;
  contractId: string | null;
}

const NO_SCOPE: EventScope = { providerId: null, serviceId: null, concernId: null, councilId: null, contractId: null };
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The scope of a record is fixed by the event that opens its stream (OrganisationRegistered,
 * ServiceRegistered, ContractAwarded, ConcernRaised); later events of the stream inherit it. A
 * service's councils are not on the service's events: they are found through contract_services.
 */
function openingScope(event: RecordedEvent): EventScope | null {
  const d = event.data;
  switch (event.type) {
    case 'OrganisationRegistered': {
      const id = str(d['organisationId']);
      return {
        ...NO_SCOPE,
        providerId: d['kind'] === 'provider' ? id : null,
        councilId: d['kind'] === 'council' ? id : null,
      };
    }
    case 'ServiceRegistered':
      return { ...NO_SCOPE, serviceId: str(d['serviceId']), providerId: str(d['providerId']) };
    case 'ContractAwarded':
      return { ...NO_SCOPE, contractId: str(d['contractId']), councilId: str(d['councilId']), providerId: str(d['providerId']) };
    case 'ConcernRaised':
      return {
        concernId: str(d['concernId']),
        serviceId: str(d['serviceId']),
        providerId: str(d['providerId']),
        councilId: str(d['councilId']),
        contractId: str(d['contractId']),
      };
    default:
      return null;
  }
}

/** A stream seen before its opening event (never from the deciders): what its name and data say. */
function fallbackScope(event: RecordedEvent): EventScope {
  const dash = event.streamId.indexOf('-');
  const category = event.streamId.slice(0, dash);
  const id = event.streamId.slice(dash + 1);
  return {
    ...NO_SCOPE,
    serviceId: category === 'service' ? id : str(event.data['serviceId']),
    concernId: category === 'concern' ? id : str(event.data['concernId']),
    contractId: category === 'contract' ? id : null,
  };
}

const CHUNK = 500;
const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

export interface PageScopes {
  scopeOf(event: RecordedEvent): EventScope;
}

/**
 * Keeps one generation's directory of record scopes, organisations and contracted services, and
 * tells the scope of each event of a page. Each projection that needs scopes keeps its own copy under
 * its own generation, so it never reads another projection's rows at another position.
 */
export async function applyScopeDirectory(trx: ReadTrx, events: readonly RecordedEvent[], generation: number): Promise<PageScopes> {
  const streams = [...new Set(events.map((e) => e.streamId))];
  const scopes = new Map<string, EventScope>();
  for (const part of chunks(streams)) {
    const rows = await trx.selectFrom('record_scopes').selectAll().where('generation', '=', generation).where('stream_id', 'in', part).execute();
    for (const r of rows) {
      scopes.set(r.stream_id, {
        providerId: r.provider_id,
        serviceId: r.service_id,
        concernId: r.concern_id,
        councilId: r.council_id,
        contractId: r.contract_id,
      });
    }
  }

  const eventScopes = new Map<string, EventScope>();
  for (const event of events) {
    const opening = scopes.has(event.streamId) ? null : openingScope(event);
    if (opening) {
      scopes.set(event.streamId, opening);
      await trx
        .insertInto('record_scopes')
        .values({
          generation,
          stream_id: event.streamId,
          provider_id: opening.providerId,
          service_id: opening.serviceId,
          concern_id: opening.concernId,
          council_id: opening.councilId,
          contract_id: opening.contractId,
        })
        .onConflict((oc) => oc.columns(['generation', 'stream_id']).doNothing())
        .execute();
    }
    eventScopes.set(event.eventId, scopes.get(event.streamId) ?? fallbackScope(event));
    await recordDirectoryFacts(trx, event, generation);
  }
  return {
    scopeOf: (event) => eventScopes.get(event.eventId) ?? scopes.get(event.streamId) ?? fallbackScope(event),
  };
}

async function recordDirectoryFacts(trx: ReadTrx, event: RecordedEvent, generation: number): Promise<void> {
  const d = event.data;
  if (event.type === 'OrganisationRegistered') {
    const id = String(d['organisationId']);
    const row = { generation, organisation_id: id, kind: String(d['kind']), name: String(d['name']), registered_position: event.globalPosition };
    await trx
      .insertInto('organisations')
      .values(row)
      .onConflict((oc) => oc.columns(['generation', 'organisation_id']).doUpdateSet({ kind: row.kind, name: row.name }))
      .execute();
  }
  if (event.type === 'ContractAwarded' && Array.isArray(d['serviceIds'])) {
    for (const serviceId of d['serviceIds'] as string[]) {
      await trx
        .insertInto('contract_services')
        .values({
          generation,
          contract_id: String(d['contractId']),
          service_id: serviceId,
          council_id: String(d['councilId']),
          provider_id: String(d['providerId']),
        })
        .onConflict((oc) => oc.columns(['generation', 'contract_id', 'service_id']).doNothing())
        .execute();
    }
  }
}

/** Each organisation's kind and the position it was registered at, for the given ids. */
export async function organisationKinds(
  trx: ReadTrx,
  generation: number,
  organisationIds: Iterable<string>,
): Promise<Map<string, { kind: string; registeredPosition: number }>> {
  const kinds = new Map<string, { kind: string; registeredPosition: number }>();
  for (const part of chunks([...new Set(organisationIds)])) {
    const rows = await trx
      .selectFrom('organisations')
      .select(['organisation_id', 'kind', 'registered_position'])
      .where('generation', '=', generation)
      .where('organisation_id', 'in', part)
      .execute();
    for (const r of rows) kinds.set(r.organisation_id, { kind: r.kind, registeredPosition: Number(r.registered_position) });
  }
  return kinds;
}
