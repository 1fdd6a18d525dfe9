import type { RecordedEvent } from '@caretrail/event-store';
import type { RecordScopesTable } from '@caretrail/read-store';
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
 * service's councils are not on the service's events: they are found through contract_services,
 * which holds confirmed contracts only.
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
const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

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
  const opened: RecordScopesTable[] = [];
  const facts = new DirectoryFacts(generation);
  for (const event of events) {
    const opening = scopes.has(event.streamId) ? null : openingScope(event);
    if (opening) {
      scopes.set(event.streamId, opening);
      opened.push({
        generation,
        stream_id: event.streamId,
        provider_id: opening.providerId,
        service_id: opening.serviceId,
        concern_id: opening.concernId,
        council_id: opening.councilId,
        contract_id: opening.contractId,
      });
    }
    eventScopes.set(event.eventId, scopes.get(event.streamId) ?? fallbackScope(event));
    facts.note(event);
  }
  for (const part of chunks(opened)) {
    await trx
      .insertInto('record_scopes')
      .values(part)
      .onConflict((oc) => oc.columns(['generation', 'stream_id']).doNothing())
      .execute();
  }
  await facts.write(trx);
  return {
    scopeOf: (event) => eventScopes.get(event.eventId) ?? scopes.get(event.streamId) ?? fallbackScope(event),
  };
}

/** Organisations and (confirmed) contracted services a page registers, written in a statement or two per page. */
class DirectoryFacts {
  private readonly organisations = new Map<string, { generation: number; organisation_id: string; kind: string; name: string; registered_position: number }>();
  private readonly contractServices = new Map<
    string,
    { generation: number; contract_id: string; service_id: string; council_id: string; provider_id: string }
  >();

  constructor(private readonly generation: number) {}

  note(event: RecordedEvent): void {
    const d = event.data;
    if (event.type === 'OrganisationRegistered') {
      const id = String(d['organisationId']);
      // Registered twice in one page: the first position stays, the latest kind and name win (as row by row).
      const first = this.organisations.get(id);
      this.organisations.set(id, {
        generation: this.generation,
        organisation_id: id,
        kind: String(d['kind']),
        name: String(d['name']),
        registered_position: first?.registered_position ?? event.globalPosition,
      });
    }
    // A contract covers its services for its council only once confirmed (by the provider, or by an
    // administrator from the signed contract): an award alone brings no service into a council's portfolio.
    if (event.type === 'ContractConfirmed' && Array.isArray(d['serviceIds'])) {
      for (const serviceId of d['serviceIds'] as string[]) {
        const key = `${String(d['contractId'])}/${serviceId}`;
        if (this.contractServices.has(key)) continue;
        this.contractServices.set(key, {
          generation: this.generation,
          contract_id: String(d['contractId']),
          service_id: serviceId,
          council_id: String(d['councilId']),
          provider_id: String(d['providerId']),
        });
      }
    }
  }

  async write(trx: ReadTrx): Promise<void> {
    for (const part of chunks([...this.organisations.values()])) {
      await trx
        .insertInto('organisations')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['generation', 'organisation_id']).doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), name: eb.ref('excluded.name') })),
        )
        .execute();
    }
    for (const part of chunks([...this.contractServices.values()])) {
      await trx
        .insertInto('contract_services')
        .values(part)
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
