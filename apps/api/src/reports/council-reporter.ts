import { Inject, Injectable } from '@nestjs/common';
import { RecordNotFoundError, WrongPartyError } from '@caretrail/domain';
import { EVIDENCE_SIGNER } from '../evidence/evidence-signer.provider';
import type { DeploymentSigningKey } from '@caretrail/evidence';
import { listOrganisations, loadScopeEvents } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { buildReportBundle, computeCouncilReport, type CouncilReport, type ReportBundle, type ReportPeriod } from '@caretrail/reports';
import { basisOf, toLondonDate, type ReplayBasis } from '@caretrail/timeline';
import type { Identity } from '../identity/identity';
import { READ_DATABASE } from '../store/store.module';

export interface ReportRequest {
  councilId: string;
  period: ReportPeriod;
  asOf?: string | null;
  basis?: ReplayBasis | null;
}

/**
 * A council's report, for the API and the pages alike: only the council's own people and the
 * deployment's administrators read it (docs/reports.md). Everyone else is refused the same way
 * whether or not the council exists (a council is a public organisation: docs/access.md).
 */
@Injectable()
export class CouncilReporter {
  constructor(
    @Inject(READ_DATABASE) private readonly read: ReadDatabase,
    @Inject(EVIDENCE_SIGNER) private readonly signer: DeploymentSigningKey,
  ) {}

  async report(who: Identity, request: ReportRequest, today = toLondonDate(new Date())): Promise<CouncilReport> {
    return computeCouncilReport(await this.inputs(who, request, today));
  }

  async bundle(who: Identity, request: ReportRequest, today = toLondonDate(new Date())): Promise<ReportBundle> {
    const input = await this.inputs(who, request, today);
    return buildReportBundle({
      ...input,
      generatedAt: new Date().toISOString(),
      generatedBy: `${who.displayName}, ${who.organisationName}`,
      signer: this.signer,
    });
  }

  /** The events a report is computed from, for the page that shows the events behind a figure. */
  async events(who: Identity, request: ReportRequest) {
    return (await this.inputs(who, request, toLondonDate(new Date()))).events;
  }

  /** The councils an administrator may choose between on the report page. */
  async councils(): Promise<{ organisationId: string; name: string }[]> {
    return (await listOrganisations(this.read.db, 'council')).map((o) => ({ organisationId: o.organisationId, name: o.name }));
  }

  private async inputs(who: Identity, request: ReportRequest, today: string) {
    const own = who.organisationKind === 'council' && who.organisationId === request.councilId;
    if (!own && who.organisationKind !== 'admin') {
      throw new WrongPartyError('read-council-report', "Only the council's own people and administrators may read a council's report");
    }
    const organisations = await listOrganisations(this.read.db);
    if (!organisations.some((o) => o.organisationId === request.councilId && o.kind === 'council')) throw new RecordNotFoundError('council', request.councilId);
    // The council's scope, as its own people read it: its record, contracts and concerns, and its services' own records.
    const events = await loadScopeEvents(this.read.db, { kind: 'council', councilId: request.councilId, readableConcerns: { councilId: request.councilId } });
    return {
      councilId: request.councilId,
      events,
      period: request.period,
      asOf: request.asOf ?? null,
      basis: basisOf(request.asOf, request.basis),
      today,
      organisationNames: Object.fromEntries(organisations.map((o) => [o.organisationId, o.name])),
    };
  }
}
