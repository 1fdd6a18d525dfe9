import type { ConcernState } from '@caretrail/domain';
import type { OrganisationRow } from '@caretrail/projections';
import type { RecordNames } from './record-names';
import type { WebReadModels } from './web-read-models';

/** An organisation party to a concern, as the restricted entries' pages name it (docs/restricted-entries.md). */
export interface PartyOrganisation {
  organisationId: string;
  name: string;
  /** 'council', 'provider' or 'regulator'. */
  kind: string;
}

/**
 * The organisations party to a concern: its council, its provider and the regulator (every regulator
 * organisation registered here). These are whom a restricted entry is offered to when recorded or lifted.
 */
export async function concernOrganisations(
  state: Pick<ConcernState, 'councilId' | 'providerId'>,
  names: RecordNames,
  readModels: Pick<WebReadModels, 'organisations'>,
): Promise<PartyOrganisation[]> {
  const parties: PartyOrganisation[] = [];
  if (state.councilId) parties.push({ organisationId: state.councilId, name: (await names.organisation(state.councilId)) || 'The council', kind: 'council' });
  if (state.providerId)
    parties.push({ organisationId: state.providerId, name: (await names.organisation(state.providerId)) || 'The provider', kind: 'provider' });
  const regulators: OrganisationRow[] = await readModels.organisations('regulator');
  for (const r of regulators) parties.push({ organisationId: r.organisationId, name: r.name, kind: 'regulator' });
  return parties;
}

/** An organisation's name among the parties; one that is not a party is named by the start of its id. */
export const organisationNamer =
  (parties: readonly PartyOrganisation[]) =>
  (id: string): string =>
    parties.find((p) => p.organisationId === id)?.name ?? `Organisation ${id.slice(0, 8)}`;
