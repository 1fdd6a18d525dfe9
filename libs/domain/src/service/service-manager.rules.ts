import { assertDateNotInFuture, assertLocalDate } from '../shared/date-rules';
import type { Occurred } from '../shared/decider';
import { DomainRuleError } from '../shared/domain-error';
import { compareLocalDates } from '../shared/local-date';
import type { Instant, LocalDate } from '../shared/primitives';
import { requireText } from '../shared/text-rules';
import type { ManagerCommand, RecordManagerLeft } from './service.commands';
import type { ManagerAbsence, ManagerTenure, ServiceState } from './service.state';

/** Manager changes, recorded by the service's provider (the caller has checked the party). */
export function decideManagerCommand(command: ManagerCommand, state: ServiceState, now: Instant): Occurred[] {
  const serviceId = state.serviceId as string;
  switch (command.kind) {
    case 'AppointManager': {
      if (state.manager) {
        throw new DomainRuleError(
          'one-manager-at-a-time',
          `${state.manager.managerName} is still in post; record that they left before appointing another manager`,
        );
      }
      requireText(command.managerName, 'manager-name-required', 'An appointment names the manager');
      assertDateNotInFuture(command.startedOn, now, 'startedOn');
      const previous = state.managerTenures.at(-1);
      if (previous?.leftOn) assertDatesInOrder(previous.leftOn, command.startedOn, "the previous manager's leaving", 'startedOn');
      const { managerId, managerName, startedOn, basis } = command;
      return [{ type: 'ManagerAppointed', occurredAt: command.occurredAt, data: { serviceId, managerId, managerName, startedOn, basis } }];
    }
    case 'RecordManagerLeft':
      return managerLeft(command, managerInPost(state, command.managerId), serviceId, now);
    case 'RecordManagerRegistered': {
      const manager = managerInPost(state, command.managerId);
      if (manager.registeredOn !== null) {
        throw new DomainRuleError('manager-already-registered', `${manager.managerName} was registered on ${manager.registeredOn}`);
      }
      assertDateNotInFuture(command.registeredOn, now, 'registeredOn');
      assertDatesInOrder(manager.startedOn, command.registeredOn, 'the appointment', 'registeredOn');
      const { managerId, registeredOn } = command;
      return [
        {
          type: 'ManagerRegistered',
          occurredAt: command.occurredAt,
          data: { serviceId, managerId, managerName: manager.managerName, registeredOn },
        },
      ];
    }
    case 'RecordManagerReturn': {
      const manager = managerInPost(state, command.managerId);
      const absence = openAbsence(state, manager);
      assertLocalDate(command.returnedOn, 'returnedOn');
      assertDateNotInFuture(command.returnedOn, now, 'returnedOn');
      assertDatesInOrder(absence.absenceStartedOn, command.returnedOn, 'the absence began', 'returnedOn');
      const { managerId, returnedOn } = command;
      return [
        {
          type: 'ManagerReturnedFromAbsence',
          occurredAt: command.occurredAt,
          data: { serviceId, managerId, managerName: manager.managerName, absenceStartedOn: absence.absenceStartedOn, returnedOn },
        },
      ];
    }
    case 'NotifyManagerAbsence': {
      const manager = managerInPost(state, command.managerId);
      assertLocalDate(command.absenceStartedOn, 'absenceStartedOn');
      assertDateNotInFuture(command.notifiedOn, now, 'notifiedOn');
      assertDatesInOrder(manager.startedOn, command.absenceStartedOn, 'the appointment', 'absenceStartedOn');
      if (command.expectedReturnOn !== null) {
        assertLocalDate(command.expectedReturnOn, 'expectedReturnOn');
        assertDatesInOrder(command.absenceStartedOn, command.expectedReturnOn, 'the absence began', 'expectedReturnOn');
      }
      const { managerId, absenceStartedOn, notifiedOn, emergency, expectedReturnOn } = command;
      return [
        {
          type: 'ManagerAbsenceNotified',
          occurredAt: command.occurredAt,
          data: { serviceId, managerId, managerName: manager.managerName, absenceStartedOn, notifiedOn, emergency, expectedReturnOn },
        },
      ];
    }
  }
}

function managerLeft(command: RecordManagerLeft, manager: ManagerTenure, serviceId: string, now: Instant): Occurred[] {
  assertDateNotInFuture(command.leftOn, now, 'leftOn');
  assertDatesInOrder(manager.startedOn, command.leftOn, 'the appointment', 'leftOn');
  const { managerId, leftOn, reason } = command;
  return [{ type: 'ManagerLeft', occurredAt: command.occurredAt, data: { serviceId, managerId, managerName: manager.managerName, leftOn, reason } }];
}

/** The manager's latest absence, which must not have ended yet: one return per absence. */
function openAbsence(state: ServiceState, manager: ManagerTenure): ManagerAbsence {
  const latest = state.absences.filter((a) => a.managerId === manager.managerId && compareLocalDates(a.absenceStartedOn, manager.startedOn) >= 0).at(-1);
  if (!latest) throw new DomainRuleError('manager-not-absent', `No absence of ${manager.managerName} has been notified`);
  if (latest.returnedOn !== null) {
    throw new DomainRuleError(
      'absence-already-ended',
      `${manager.managerName} already returned on ${latest.returnedOn} from the absence that began on ${latest.absenceStartedOn}`,
    );
  }
  return latest;
}

function managerInPost(state: ServiceState, managerId: string): ManagerTenure {
  if (!state.manager || state.manager.managerId !== managerId) {
    throw new DomainRuleError('manager-must-be-in-post', `Manager ${managerId} is not in post at this service`);
  }
  return state.manager;
}

function assertDatesInOrder(earlier: LocalDate, later: LocalDate, earlierWhat: string, laterField: string): void {
  if (compareLocalDates(later, earlier) < 0) {
    throw new DomainRuleError('manager-dates-in-order', `${laterField} ${later} is before ${earlierWhat} (${earlier})`);
  }
}
