import type { LocalDate } from '../shared/primitives';

/** Staff names are personal data: see PERSONAL_DATA_FIELDS. */
export interface ManagerLeft {
  type: 'ManagerLeft';
  data: { serviceId: string; managerId: string; managerName: string; leftOn: LocalDate; reason: string };
}

export interface ManagerAppointed {
  type: 'ManagerAppointed';
  data: {
    serviceId: string;
    managerId: string;
    managerName: string;
    startedOn: LocalDate;
    basis: 'interim' | 'permanent';
  };
}

/** The manager's registration with the regulator took effect. */
export interface ManagerRegistered {
  type: 'ManagerRegistered';
  data: { serviceId: string; managerId: string; managerName: string; registeredOn: LocalDate };
}

export interface ManagerAbsenceNotified {
  type: 'ManagerAbsenceNotified';
  data: {
    serviceId: string;
    managerId: string;
    managerName: string;
    absenceStartedOn: LocalDate;
    notifiedOn: LocalDate;
    emergency: boolean;
    expectedReturnOn: LocalDate | null;
  };
}

/**
 * The absent manager came back: ends the manager's open absence (the one that began on
 * absenceStartedOn). One return per absence; the manager is still in post.
 */
export interface ManagerReturnedFromAbsence {
  type: 'ManagerReturnedFromAbsence';
  data: { serviceId: string; managerId: string; managerName: string; absenceStartedOn: LocalDate; returnedOn: LocalDate };
}
