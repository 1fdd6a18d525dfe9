import type { RecordedEvent } from '@caretrail/event-store';
import { addDays, measureContext, registeredTenures } from './timeline-lib';

export interface ServiceManagerSummary {
  serviceId: string;
  providerId: string;
  serviceName: string;
  /** The manager in post: appointed and not since left (ids only; names stay in the events). */
  managerId: string | null;
  managerBasis: 'interim' | 'permanent' | null;
  /** The registered manager in post, by the timeline library's registered tenures. */
  registeredManagerId: string | null;
  /** The first day without a registered manager (the day after the last one left, or registration); null while one is in post. */
  withoutRegisteredManagerSince: string | null;
}

const WHOLE_RECORD = '9999-12-31';

/** Who manages a service, folded from its stream with corrections applied. */
export function foldServiceManager(streamEvents: readonly RecordedEvent[]): ServiceManagerSummary | null {
  const service = measureContext(streamEvents, { on: WHOLE_RECORD }).services[0];
  const registered = service?.registered;
  if (!registered) return null;

  let manager: { id: string; basis: 'interim' | 'permanent' } | null = null;
  for (const event of service.events) {
    if (event.type === 'ManagerAppointed') {
      manager = { id: String(event.data['managerId']), basis: event.data['basis'] === 'interim' ? 'interim' : 'permanent' };
    }
    if (event.type === 'ManagerLeft' && manager?.id === event.data['managerId']) manager = null;
  }

  const { tenures } = registeredTenures(service);
  const inPost = tenures.filter((t) => t.leftOn === null).at(-1) ?? null;
  const lastLeft = tenures
    .map((t) => t.leftOn)
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  return {
    serviceId: registered.data.serviceId,
    providerId: registered.data.providerId,
    serviceName: registered.data.name,
    managerId: manager?.id ?? null,
    managerBasis: manager?.basis ?? null,
    registeredManagerId: inPost?.managerId ?? null,
    withoutRegisteredManagerSince: inPost ? null : lastLeft ? addDays(lastLeft, 1) : registered.occurredOn,
  };
}
