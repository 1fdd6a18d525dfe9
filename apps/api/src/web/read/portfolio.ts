import type { RecordedEvent } from '@caretrail/event-store';
import { effectiveEvents } from '@caretrail/timeline';
import { isReadableConcern } from '@caretrail/projections';
import type { Identity } from '../../identity/identity';
import { readableConcerns } from '../../access/read-access.policy';

export interface PortfolioService {
  serviceId: string;
  providerId: string;
  name: string;
  serviceType: string;
}

export interface PortfolioContract {
  contractId: string;
  councilId: string;
  providerId: string;
  reference: string;
  serviceIds: string[];
  startsOn: string;
  endsOn: string | null;
  /** Confirmed by the provider (or an administrator from the signed contract): only then does it give the council rights. */
  confirmed: boolean;
}

export interface PortfolioConcern {
  concernId: string;
  serviceId: string;
  councilId: string;
  providerId: string;
  category: string;
  severity: string;
  summary: string;
  raisedAt: string;
}

export interface Portfolio {
  services: PortfolioService[];
  contracts: PortfolioContract[];
  concerns: PortfolioConcern[];
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The records a scope's events open (services, contracts, concerns), with corrections applied by the
 * timeline library, and only the concerns the reader may read under the one read policy.
 */
export function portfolioOf(events: readonly RecordedEvent[], who: Identity): Portfolio {
  const services: PortfolioService[] = [];
  const contracts: PortfolioContract[] = [];
  const concerns: PortfolioConcern[] = [];
  for (const e of effectiveEvents(events)) {
    const d = e.data;
    if (e.type === 'ServiceRegistered')
      services.push({ serviceId: str(d.serviceId), providerId: str(d.providerId), name: str(d.name), serviceType: str(d.serviceType) });
    if (e.type === 'ContractAwarded') {
      contracts.push({
        contractId: str(d.contractId),
        councilId: str(d.councilId),
        providerId: str(d.providerId),
        reference: str(d.reference),
        serviceIds: Array.isArray(d.serviceIds) ? d.serviceIds.map(String) : [],
        startsOn: str(d.startsOn),
        endsOn: str(d.endsOn) || null,
        confirmed: false,
      });
    }
    if (e.type === 'ContractConfirmed') {
      const contract = contracts.find((c) => c.contractId === str(d.contractId));
      if (contract) contract.confirmed = true;
    }
    if (e.type === 'ConcernRaised') {
      const concern = {
        concernId: str(d.concernId),
        serviceId: str(d.serviceId),
        councilId: str(d.councilId),
        providerId: str(d.providerId),
        category: str(d.category),
        severity: str(d.severity),
        summary: str(d.summary),
        raisedAt: e.occurredAt,
      };
      if (mayRead(who, concern)) concerns.push(concern);
    }
  }
  return { services, contracts, concerns };
}

/** The read policy's one rule on concerns (a scope read by the pages already keeps to it in its query). */
export function mayRead(who: Identity, concern: { councilId: string | null; providerId: string | null }): boolean {
  return isReadableConcern(readableConcerns(who), concern);
}
