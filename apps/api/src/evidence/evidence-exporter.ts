import { Inject, Injectable } from '@nestjs/common';
import { Query, QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { concernStream, serviceStream } from '@caretrail/domain';
import {
  buildEvidenceBundle,
  councilClockStreamId,
  councilsOfConcerns,
  withholdRestricted,
  type BundleScopeKind,
  type DeploymentSigningKey,
  type EvidenceBundle,
} from '@caretrail/evidence';
import { EVENT_STORE, verifyChain, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import { loadScopeEvents, organisationKindMap } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { basisOf, type ReplayBasis } from '@caretrail/timeline';
import type { Identity } from '../identity/identity';
import { ScopeAccess, type ScopeKind } from '../reads/scope-access.service';
import { ReadRecordQuery } from '../queries/read-record.query';
import { READ_DATABASE } from '../store/store.module';
import { EVIDENCE_SIGNER } from './evidence-signer.provider';

const SCOPE_OF: Record<BundleScopeKind, ScopeKind> = { concern: 'concerns', service: 'services', provider: 'providers' };

export interface ExportedBundle {
  bundle: EvidenceBundle;
  /** A file name that says what the bundle holds, without extension. */
  name: string;
}

/** The signed evidence bundle of a scope the reader may see, as of a date on a basis or as it is now. */
export class ExportEvidenceQuery extends Query<ExportedBundle> {
  constructor(
    readonly who: Identity,
    readonly kind: BundleScopeKind,
    readonly id: string,
    readonly asOf?: string,
    readonly basis?: ReplayBasis,
  ) {
    super();
  }
}

/**
 * Builds the signed evidence bundle of a scope the reader may see: one way for the API and the pages,
 * on the QueryBus. The read policy and the read audit through ScopeAccess; every stream the bundle
 * carries is read whole from the store and its hash chain checked before it goes in.
 */
@Injectable()
@QueryHandler(ExportEvidenceQuery)
export class EvidenceExporter implements IQueryHandler<ExportEvidenceQuery> {
  constructor(
    private readonly scopes: ScopeAccess,
    private readonly queries: QueryBus,
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVIDENCE_SIGNER) private readonly signer: DeploymentSigningKey,
  ) {}

  async execute({ who, kind, id, asOf, basis }: ExportEvidenceQuery): Promise<ExportedBundle> {
    const scope = await this.scopes.resolve(who, SCOPE_OF[kind], id, 'export');
    const streams = new Set((await loadScopeEvents(this.read.db, scope)).map((e) => e.streamId));
    if (kind === 'concern') {
      // Whole streams, read from the store itself, so the chains in the bundle are the store's own.
      streams.add(concernStream(id));
      // The concern's own record, its chain checked; the scope above has already applied the read policy.
      const concern = await this.queries.execute(ReadRecordQuery.unchecked('concern', id));
      if (concern.state.serviceId) streams.add(serviceStream(concern.state.serviceId));
    }
    const scopeEvents: RecordedEvent[] = (await Promise.all([...streams].map((s) => this.verifiedStream(s)))).flat();
    // Each concern's council's own stream, for the clock settings its measures are judged by.
    const councilStreams = councilsOfConcerns(scopeEvents)
      .map(councilClockStreamId)
      .filter((s) => !streams.has(s));
    const all = [...scopeEvents, ...(await Promise.all(councilStreams.map((s) => this.verifiedStream(s)))).flat()];
    // A restricted entry's content only for the organisations it is restricted to; others get its hash and digest.
    const events = withholdRestricted(all, who.organisationId);
    const bundle = buildEvidenceBundle({
      scope: { kind, id },
      events,
      asOf: asOf ?? null,
      basis: basisOf(asOf, basis),
      generatedAt: new Date().toISOString(),
      generatedBy: `${who.displayName}, ${who.organisationName}`,
      organisationKinds: await organisationKindMap(
        this.read.db,
        events.map((e) => e.actor.organisationId),
      ),
      signer: this.signer,
    });
    return { bundle, name: `caretrail-${kind}-${id}${asOf ? `-as-of-${asOf}` : ''}` };
  }

  /** A whole stream, its hash chain checked (an altered event is refused, never exported). */
  private async verifiedStream(streamId: string): Promise<readonly RecordedEvent[]> {
    return verifyChain(await this.store.readStream(streamId));
  }
}
