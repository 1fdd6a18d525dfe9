import type { EnforcementAction, KeyQuestion, Rating } from '../events/regulator.events';
import { evolveRecordLog, initialRecordLog, type RecordLog } from '../records/record-log';
import type { Recorded } from '../shared/decider';
import type { Instant, LocalDate, RegulatorName, ServiceType } from '../shared/primitives';
import { toRecordedVisit, type RecordedVisit } from '../visits/visit.rules';

export interface ManagerTenure {
  managerId: string;
  managerName: string;
  basis: 'interim' | 'permanent';
  startedOn: LocalDate;
  /** When the regulator's registration took effect; null while unregistered. */
  registeredOn: LocalDate | null;
  leftOn: LocalDate | null;
  leftReason: string | null;
}

export interface ManagerAbsence {
  managerId: string;
  managerName: string;
  absenceStartedOn: LocalDate;
  notifiedOn: LocalDate;
  emergency: boolean;
  expectedReturnOn: LocalDate | null;
  /** The day the manager came back (ManagerReturnedFromAbsence); null while the absence goes on. */
  returnedOn: LocalDate | null;
  at: Instant;
}

export interface PublishedRating {
  eventId: string;
  regulator: RegulatorName;
  overall: Rating;
  keyQuestions: Record<KeyQuestion, Rating | null>;
  publishedOn: LocalDate;
  reportReference: string | null;
  at: Instant;
}

export interface RecordedEnforcement {
  eventId: string;
  action: EnforcementAction;
  decidedOn: LocalDate;
  summary: string;
  at: Instant;
}

export interface ServiceState {
  exists: boolean;
  serviceId: string | null;
  providerId: string | null;
  name: string | null;
  serviceType: ServiceType | null;
  regulator: RegulatorName | null;
  locationId: string | null;
  /** NHS ODS (site) code; null where none was given (and on services registered before schema 2). */
  odsCode: string | null;
  /** The manager in post, if any (also the last of managerTenures). */
  manager: ManagerTenure | null;
  /** Every tenure, oldest first. */
  managerTenures: ManagerTenure[];
  absences: ManagerAbsence[];
  ratings: PublishedRating[];
  enforcement: RecordedEnforcement[];
  visits: RecordedVisit[];
  log: RecordLog;
  recordBeganAt: Instant | null;
}

export const initialServiceState = (): ServiceState => ({
  exists: false,
  serviceId: null,
  providerId: null,
  name: null,
  serviceType: null,
  regulator: null,
  locationId: null,
  odsCode: null,
  manager: null,
  managerTenures: [],
  absences: [],
  ratings: [],
  enforcement: [],
  visits: [],
  log: initialRecordLog(),
  recordBeganAt: null,
});

/** Replaces the tenure in post (the last one) in both places it shows. */
function withManager(state: ServiceState, change: Partial<ManagerTenure>): ServiceState {
  if (!state.manager) return state;
  const updated = { ...state.manager, ...change };
  const tenures = [...state.managerTenures.slice(0, -1), updated];
  return { ...state, managerTenures: tenures, manager: updated.leftOn === null ? updated : null };
}

export function evolveService(previous: ServiceState, event: Recorded): ServiceState {
  const state: ServiceState = {
    ...previous,
    log: evolveRecordLog(previous.log, event),
    recordBeganAt: previous.recordBeganAt ?? event.occurredAt,
  };
  const at = event.occurredAt;
  switch (event.type) {
    case 'ServiceRegistered': {
      // The event that opens the stream fixes whose service it is (as the access guard reads it): a
      // second one, which no decider records (data written past them), changes nothing but the log.
      if (previous.exists) return state;
      const { serviceId, providerId, name, serviceType, regulator, locationId } = event.data;
      return { ...state, exists: true, serviceId, providerId, name, serviceType, regulator, locationId, odsCode: event.data.odsCode ?? null };
    }
    case 'ServiceIdentifiersRecorded':
      return { ...state, locationId: event.data.locationId, odsCode: event.data.odsCode };
    case 'ManagerAppointed': {
      const { managerId, managerName, basis, startedOn } = event.data;
      const tenure: ManagerTenure = { managerId, managerName, basis, startedOn, registeredOn: null, leftOn: null, leftReason: null };
      return { ...state, manager: tenure, managerTenures: [...state.managerTenures, tenure] };
    }
    case 'ManagerRegistered':
      return withManager(state, { registeredOn: event.data.registeredOn });
    case 'ManagerLeft':
      return withManager(state, { leftOn: event.data.leftOn, leftReason: event.data.reason });
    case 'ManagerAbsenceNotified': {
      const { managerId, managerName, absenceStartedOn, notifiedOn, emergency, expectedReturnOn } = event.data;
      const absence = { managerId, managerName, absenceStartedOn, notifiedOn, emergency, expectedReturnOn, returnedOn: null, at };
      return { ...state, absences: [...state.absences, absence] };
    }
    case 'ManagerReturnedFromAbsence': {
      // Ends the manager's latest open absence (as the decider chose it), so a corrected start date still matches.
      const { managerId, returnedOn } = event.data;
      const index = state.absences.findLastIndex((a) => a.managerId === managerId && a.returnedOn === null);
      if (index < 0) return state;
      return { ...state, absences: state.absences.map((a, i) => (i === index ? { ...a, returnedOn } : a)) };
    }
    case 'RatingPublished': {
      const { regulator, overall, keyQuestions, publishedOn, reportReference } = event.data;
      const rating = { eventId: event.eventId, regulator, overall, keyQuestions, publishedOn, reportReference, at };
      return { ...state, ratings: [...state.ratings, rating] };
    }
    case 'EnforcementActionRecorded': {
      const { action, decidedOn, summary } = event.data;
      return { ...state, enforcement: [...state.enforcement, { eventId: event.eventId, action, decidedOn, summary, at }] };
    }
    case 'VisitConducted':
      return { ...state, visits: [...state.visits, toRecordedVisit(event)] };
    default:
      return state;
  }
}
