import type { ConcernCategory, LocalDate, RagSeverity, Rating } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { compareByOccurrence, effectiveEvents, toLondonDate, type EffectiveEvent } from '@caretrail/timeline';

/** An effective event (corrections applied, retractions left out) with the London date it happened on. */
export type DatedEvent = EffectiveEvent & { occurredOn: LocalDate };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export interface ContractFacts {
  contractId: string;
  councilId: string;
  providerId: string;
  reference: string;
  serviceIds: string[];
  startsOn: LocalDate;
  endsOn: LocalDate;
  endedOn: LocalDate | null;
  endedHow: 'expired' | 'terminated' | null;
  /** Only a confirmed contract gives its council rights (docs/contracts.md), so only these are counted. */
  confirmedOn: LocalDate | null;
  events: DatedEvent[];
  defaultNotices: DatedEvent[];
}

export interface ServiceFacts {
  serviceId: string;
  providerId: string;
  name: string;
  serviceType: string;
  registered: DatedEvent;
  ratings: DatedEvent[];
  managerEvents: DatedEvent[];
}

export interface LevelChange {
  on: LocalDate;
  /** The escalation level from this day; 0 while the concern is closed. */
  level: number;
  event: DatedEvent;
}

export interface ConcernFacts {
  concernId: string;
  serviceId: string;
  providerId: string;
  contractId: string;
  category: ConcernCategory;
  severity: RagSeverity;
  raised: DatedEvent;
  closures: DatedEvent[];
  reopenings: DatedEvent[];
  levels: LevelChange[];
  suspensions: DatedEvent[];
  resumptions: DatedEvent[];
}

/** What the report reads from a council's events, folded once. */
export interface CouncilRecord {
  councilId: string;
  on: LocalDate;
  /** Every effective event that had happened by `on`, in occurrence order: the measures' inputs too. */
  events: DatedEvent[];
  contracts: ContractFacts[];
  services: Map<string, ServiceFacts>;
  concerns: ConcernFacts[];
}

export const ratingOf = (e: DatedEvent): Rating => e.data['overall'] as Rating;
export const ratingDateOf = (e: DatedEvent): LocalDate => str(e.data['publishedOn']) || e.occurredOn;

/**
 * Folds the events (the as-of selection already made) into contracts, services and the council's
 * concerns. Corrections apply and retracted entries drop out, as in the measures; events dated
 * after `on` are not counted.
 */
export function foldCouncilRecord(events: readonly RecordedEvent[], councilId: string, on: LocalDate): CouncilRecord {
  const dated = effectiveEvents(events)
    .map((e): DatedEvent => ({ ...e, occurredOn: toLondonDate(e.occurredAt) }))
    .filter((e) => e.occurredOn <= on)
    .sort(compareByOccurrence);
  const contracts = new Map<string, ContractFacts>();
  const services = new Map<string, ServiceFacts>();
  const concerns = new Map<string, ConcernFacts>();
  const serviceOf = (e: DatedEvent) => services.get(str(e.data['serviceId']) || e.streamId.replace(/^service-/, ''));
  const levelState = new Map<string, { level: number; closed: boolean }>();
  const concernOf = (e: DatedEvent) => concerns.get(str(e.data['concernId']) || e.streamId.replace(/^concern-/, ''));

  for (const e of dated) {
    const d = e.data;
    switch (e.type) {
      case 'ContractAwarded':
        if (str(d['councilId']) !== councilId) break;
        contracts.set(str(d['contractId']), {
          contractId: str(d['contractId']),
          councilId,
          providerId: str(d['providerId']),
          reference: str(d['reference']),
          serviceIds: Array.isArray(d['serviceIds']) ? d['serviceIds'].map(String) : [],
          startsOn: str(d['startsOn']),
          endsOn: str(d['endsOn']),
          endedOn: null,
          endedHow: null,
          confirmedOn: null,
          events: [e],
          defaultNotices: [],
        });
        break;
      case 'ContractConfirmed':
      case 'ContractExtended':
      case 'ContractEnded':
      case 'DefaultNoticeIssued': {
        const contract = contracts.get(str(d['contractId']));
        if (!contract) break;
        contract.events.push(e);
        if (e.type === 'ContractConfirmed') contract.confirmedOn ??= e.occurredOn;
        if (e.type === 'ContractExtended') contract.endsOn = str(d['endsOn']) || contract.endsOn;
        if (e.type === 'ContractEnded') {
          contract.endedOn = str(d['endedOn']) || e.occurredOn;
          contract.endedHow = d['how'] === 'terminated' ? 'terminated' : 'expired';
        }
        if (e.type === 'DefaultNoticeIssued') contract.defaultNotices.push(e);
        break;
      }
      case 'ServiceRegistered':
        services.set(str(d['serviceId']), {
          serviceId: str(d['serviceId']),
          providerId: str(d['providerId']),
          name: str(d['name']),
          serviceType: str(d['serviceType']),
          registered: e,
          ratings: [],
          managerEvents: [],
        });
        break;
      case 'RatingPublished':
        serviceOf(e)?.ratings.push(e);
        break;
      case 'ManagerAppointed':
      case 'ManagerLeft':
      case 'ManagerRegistered':
        serviceOf(e)?.managerEvents.push(e);
        break;
      case 'ConcernRaised':
        if (str(d['councilId']) !== councilId || !e.streamId.startsWith('concern-')) break;
        concerns.set(str(d['concernId']), {
          concernId: str(d['concernId']),
          serviceId: str(d['serviceId']),
          providerId: str(d['providerId']),
          contractId: str(d['contractId']),
          category: d['category'] as ConcernCategory,
          severity: d['severity'] as RagSeverity,
          raised: e,
          closures: [],
          reopenings: [],
          levels: [],
          suspensions: [],
          resumptions: [],
        });
        break;
      case 'ConcernEscalated':
      case 'ConcernDeescalated':
      case 'ConcernClosed':
      case 'ConcernReopened':
      case 'PlacementsSuspended':
      case 'PlacementsResumed': {
        const concern = concernOf(e);
        if (!concern) break;
        const held = levelState.get(concern.concernId) ?? { level: 0, closed: false };
        levelState.set(concern.concernId, held);
        if (e.type === 'ConcernEscalated' || e.type === 'ConcernDeescalated') {
          held.level = Number(d['toLevel']);
          // A closed concern is in escalation again only once reopened, at the level it then holds.
          if (!held.closed) concern.levels.push({ on: e.occurredOn, level: held.level, event: e });
        }
        if (e.type === 'ConcernClosed') {
          held.closed = true;
          concern.closures.push(e);
          concern.levels.push({ on: e.occurredOn, level: 0, event: e });
        }
        if (e.type === 'ConcernReopened') {
          held.closed = false;
          concern.reopenings.push(e);
          concern.levels.push({ on: e.occurredOn, level: held.level, event: e });
        }
        if (e.type === 'PlacementsSuspended') concern.suspensions.push(e);
        if (e.type === 'PlacementsResumed') concern.resumptions.push(e);
        break;
      }
    }
  }
  return { councilId, on, events: dated, contracts: [...contracts.values()], services, concerns: [...concerns.values()] };
}

/** The level a concern holds at the start of a day, and every level it takes within [from, to]. */
export function levelsWithin(concern: ConcernFacts, from: LocalDate, to: LocalDate): { level: number; event: DatedEvent | null }[] {
  const before = concern.levels.filter((l) => l.on < from).at(-1);
  const inside = concern.levels.filter((l) => l.on >= from && l.on <= to);
  const start = concern.raised.occurredOn <= to ? [{ level: before?.level ?? 0, event: before?.event ?? null }] : [];
  return [...start, ...inside.map((l) => ({ level: l.level, event: l.event }))];
}

export { strOrNull };
