import type { Actor } from '@caretrail/event-store';
import { ADMIN, INSPECTOR, PROVIDER_CHIEF, type EventHistory, type When } from './event-history';

/** Test-only: the events of one service's stream. */
export function serviceRecord(history: EventHistory, ids: { serviceId?: string; providerId?: string } = {}) {
  const serviceId = ids.serviceId ?? 's1';
  const providerId = ids.providerId ?? 'provider-1';
  const stream = `service-${serviceId}`;
  const by = (actor: Actor) => (type: Parameters<EventHistory['record']>[0], data: object, when: When) =>
    history.record(type, data as never, stream, when, actor);
  const provider = by(PROVIDER_CHIEF);

  return {
    serviceId,
    registered: (when: When, name = '5 Fengates') =>
      by(ADMIN)('ServiceRegistered', { serviceId, providerId, name, serviceType: 'supported_living', regulator: 'CQC', locationId: null }, when),
    managerAppointed: (when: When, managerId: string, startedOn: string, basis: 'interim' | 'permanent' = 'permanent') =>
      provider('ManagerAppointed', { serviceId, managerId, managerName: `Manager ${managerId}`, startedOn, basis }, when),
    managerRegistered: (when: When, managerId: string, registeredOn: string) =>
      provider('ManagerRegistered', { serviceId, managerId, managerName: `Manager ${managerId}`, registeredOn }, when),
    managerLeft: (when: When, managerId: string, leftOn: string) =>
      provider('ManagerLeft', { serviceId, managerId, managerName: `Manager ${managerId}`, leftOn, reason: 'Resigned' }, when),
    absenceNotified: (when: When, o: { managerId: string; absenceStartedOn: string; notifiedOn: string; emergency: boolean }) =>
      provider('ManagerAbsenceNotified', { serviceId, managerName: `Manager ${o.managerId}`, expectedReturnOn: null, ...o }, when),
    rating: (when: When, overall: 'outstanding' | 'good' | 'requires_improvement' | 'inadequate', publishedOn: string) =>
      by(INSPECTOR)(
        'RatingPublished',
        {
          serviceId,
          regulator: 'CQC',
          overall,
          publishedOn,
          reportReference: null,
          keyQuestions: { safe: overall, effective: overall, caring: 'good', responsive: 'good', well_led: overall },
        },
        when,
      ),
  };
}

export type ServiceRecord = ReturnType<typeof serviceRecord>;
