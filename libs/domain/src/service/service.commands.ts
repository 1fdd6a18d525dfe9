import type { EnforcementAction, KeyQuestion, Rating } from '../events/regulator.events';
import type { CommentFields, CorrectionFields, RetractionFields } from '../records/record.commands';
import type { LocalDate, RegulatorName, ServiceType } from '../shared/primitives';
import type { VisitFields } from '../visits/visit.rules';

export interface RegisterService {
  kind: 'RegisterService';
  serviceId: string;
  providerId: string;
  name: string;
  serviceType: ServiceType;
  regulator: RegulatorName;
  /** The regulator's location id: a CQC location id (`1-` and digits), or an Ofsted URN. */
  locationId: string | null;
  /** The service's NHS ODS (site) code; stored upper case. */
  odsCode?: string | null;
  occurredAt: string;
}

export interface AppointManager {
  kind: 'AppointManager';
  serviceId: string;
  managerId: string;
  managerName: string;
  startedOn: LocalDate;
  basis: 'interim' | 'permanent';
  occurredAt: string;
}

/** The manager's name comes from the service's record, so it is typed once. */
export interface RecordManagerLeft {
  kind: 'RecordManagerLeft';
  serviceId: string;
  managerId: string;
  leftOn: LocalDate;
  reason: string;
  occurredAt: string;
}

export interface RecordManagerRegistered {
  kind: 'RecordManagerRegistered';
  serviceId: string;
  managerId: string;
  registeredOn: LocalDate;
  occurredAt: string;
}

export interface NotifyManagerAbsence {
  kind: 'NotifyManagerAbsence';
  serviceId: string;
  managerId: string;
  absenceStartedOn: LocalDate;
  notifiedOn: LocalDate;
  emergency: boolean;
  expectedReturnOn: LocalDate | null;
  occurredAt: string;
}

/** The absent manager came back: ends their open absence. */
export interface RecordManagerReturn {
  kind: 'RecordManagerReturn';
  serviceId: string;
  managerId: string;
  returnedOn: LocalDate;
  occurredAt: string;
}

export interface PublishRating {
  kind: 'PublishRating';
  serviceId: string;
  regulator: RegulatorName;
  overall: Rating;
  keyQuestions: Record<KeyQuestion, Rating | null>;
  publishedOn: LocalDate;
  reportReference: string | null;
  occurredAt: string;
}

export interface RecordEnforcementAction {
  kind: 'RecordEnforcementAction';
  serviceId: string;
  action: EnforcementAction;
  decidedOn: LocalDate;
  summary: string;
  occurredAt: string;
}

/** A visit not about a concern. A council names the live contract it visits under. */
export interface RecordServiceVisit extends VisitFields {
  kind: 'RecordServiceVisit';
  serviceId: string;
  contractId: string | null;
}

/** A council names the live contract it speaks under; providers and regulators leave it null. */
export interface RecordServiceComment extends CommentFields {
  kind: 'RecordServiceComment';
  serviceId: string;
  contractId: string | null;
}

export interface CorrectServiceEntry extends CorrectionFields {
  kind: 'CorrectServiceEntry';
  serviceId: string;
}

export interface RetractServiceEntry extends RetractionFields {
  kind: 'RetractServiceEntry';
  serviceId: string;
}

export type ManagerCommand = AppointManager | RecordManagerLeft | RecordManagerRegistered | NotifyManagerAbsence | RecordManagerReturn;

/**
 * The service's outside identifiers as they now are (both given: null clears one), for a service
 * registered without them or whose identifiers changed (a re-registration with the regulator).
 */
export interface RecordServiceIdentifiers {
  kind: 'RecordServiceIdentifiers';
  serviceId: string;
  locationId: string | null;
  odsCode: string | null;
  reason: string;
  occurredAt: string;
}

export type ServiceCommand =
  | RegisterService
  | RecordServiceIdentifiers
  | ManagerCommand
  | PublishRating
  | RecordEnforcementAction
  | RecordServiceVisit
  | RecordServiceComment
  | CorrectServiceEntry
  | RetractServiceEntry;
