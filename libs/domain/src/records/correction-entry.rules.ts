import { decideDecisionLog, type DecisionLog } from '../concern/decision-log';
import { assertDateNotInFuture } from '../shared/date-rules';
import type { DomainActor } from '../shared/decider';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import { compareLocalDates, isLocalDate, toLocalDate } from '../shared/local-date';
import type { Instant } from '../shared/primitives';
import { isBlank } from '../shared/text-rules';
import { VISIT_PARTIES } from '../visits/visit.rules';
import { effectiveData, type RecordLog } from './record-log';

/** An entry as a correction would leave it, for the original command's domain rules to judge again. */
export interface CorrectedEntry {
  eventId: string;
  type: string;
  /** When the entry happened, and when the correction does (dates a correction gives are not after it). */
  occurredAt: Instant;
  correctedAt: Instant;
  /** The entry's data as it reads now, and as it would read with this correction. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  changed: readonly string[];
  /** Who corrects: always the organisation that recorded the entry. */
  actor: DomainActor;
  log: RecordLog;
}

/** Rules a stream adds for its own entries, from what only its state knows (the plan's update schedule). */
export type StreamCorrectionRules = (entry: CorrectedEntry) => void;

/** Dates of things that happened: not after the day the correction is made, as the original command said of its day. */
const HAPPENED_ON: Readonly<Record<string, readonly string[]>> = {
  ManagerAppointed: ['startedOn'],
  ManagerLeft: ['leftOn'],
  ManagerRegistered: ['registeredOn'],
  ManagerAbsenceNotified: ['notifiedOn'],
  ManagerReturnedFromAbsence: ['returnedOn'],
  RatingPublished: ['publishedOn'],
  EnforcementActionRecorded: ['decidedOn'],
  DefaultNoticeIssued: ['issuedOn'],
  VisitConducted: ['visitedOn'],
  ReviewMeetingHeld: ['heldOn'],
};

const str = (data: Record<string, unknown>, field: string): string => data[field] as string;

/** The original commands' own rules, re-run on the corrected entry (only what the stream alone can judge is left to it). */
export function assertCorrectedEntry(entry: CorrectedEntry): void {
  const { type, before, after, changed } = entry;
  for (const field of HAPPENED_ON[type] ?? []) {
    if (changed.includes(field)) assertDateNotInFuture(str(after, field), entry.correctedAt, field);
  }
  switch (type) {
    case 'VisitConducted':
      if (VISIT_PARTIES[str(after, 'visitType') as keyof typeof VISIT_PARTIES] !== VISIT_PARTIES[str(before, 'visitType') as keyof typeof VISIT_PARTIES]) {
        throw new WrongPartyError(
          'visit-type-party',
          `A ${str(after, 'visitType')} visit is recorded by the ${VISIT_PARTIES[str(after, 'visitType') as keyof typeof VISIT_PARTIES]}, not by whoever recorded this one`,
        );
      }
      return;
    case 'ActionPlanRequested':
      if (changed.includes('dueOn') && isLocalDate(str(after, 'dueOn')) && compareLocalDates(str(after, 'dueOn'), toLocalDate(entry.occurredAt)) < 0) {
        throw new DomainRuleError('plan-due-on-after-request', `dueOn ${str(after, 'dueOn')} is before the request`);
      }
      return;
    case 'ActionPlanSubmitted': {
      const ids = (list: unknown) => (Array.isArray(list) ? list.map((a) => (a as { actionId?: unknown }).actionId) : []);
      const was = ids(before.actions);
      const now = ids(after.actions);
      if (new Set(now).size !== now.length) throw new DomainRuleError('plan-action-ids-unique', 'Each action of a plan has its own id');
      if (now.length !== was.length || was.some((id) => !now.includes(id))) {
        throw new DomainRuleError(
          'correction-keeps-action-ids',
          'A correction of a plan version keeps the same actions (by id); a different set of actions is a new version',
        );
      }
      return;
    }
    case 'ActionDueDateRevised':
      if (entry.actor.organisationKind === 'council' && after.basis !== 'agreed') {
        throw new WrongPartyError('council-records-agreed-revisions-only', 'A council records only due-date changes agreed with the provider');
      }
      if (str(after, 'dueOn') === str(after, 'previousDueOn')) {
        throw new DomainRuleError('due-date-must-change', `The action was already due on ${str(after, 'dueOn')}`);
      }
      return;
    case 'ConcernEscalated':
    case 'PlacementsSuspended':
      // A decision log given (or mended) by correction keeps the rules it would have been recorded under.
      if (changed.includes('decision') && after.decision !== null) {
        const of = type === 'PlacementsSuspended' ? ({ kind: 'suspension' } as const) : ({ kind: 'escalation', toLevel: Number(after.toLevel) } as const);
        decideDecisionLog(after.decision as DecisionLog, of, entry.occurredAt, entry.correctedAt);
      }
      return;
    case 'ConcernClosed':
      if (Array.isArray(after.unverifiedActionIds) && after.unverifiedActionIds.length > 0 && isBlank(after.overrideReason as string | null)) {
        throw new DomainRuleError(
          'close-with-unverified-actions-needs-override',
          `Actions ${after.unverifiedActionIds.join(', ')} were not verified at closure; the override reason stays`,
        );
      }
      return;
    case 'DefaultNoticeIssued':
      if (
        after.remedyBy !== null &&
        isLocalDate(after.remedyBy) &&
        isLocalDate(after.issuedOn) &&
        compareLocalDates(str(after, 'remedyBy'), str(after, 'issuedOn')) <= 0
      ) {
        throw new DomainRuleError('remedy-after-notice', `remedyBy ${str(after, 'remedyBy')} must be after issuedOn ${str(after, 'issuedOn')}`);
      }
      return;
    case 'ManagerAppointed':
    case 'ManagerLeft':
    case 'ManagerRegistered':
    case 'ManagerAbsenceNotified':
    case 'ManagerReturnedFromAbsence':
      return assertManagerDatesInOrder(entry);
    default:
      return;
  }
}

interface DateClash {
  eventIds: string[];
  message: string;
}

/**
 * A service's manager dates keep the order the original commands kept: nobody starts before the
 * previous manager left, and a manager's registration, absence and leaving are not before their start.
 * Clashes already in the record before this correction are not held against it.
 */
function assertManagerDatesInOrder(entry: CorrectedEntry): void {
  const clash = managerDateClashes(entry).find((c) => c.eventIds.includes(entry.eventId));
  if (clash) throw new DomainRuleError('manager-dates-in-order', clash.message);
}

function managerDateClashes({ log, eventId, after }: CorrectedEntry): DateClash[] {
  const clashes: DateClash[] = [];
  const started = new Map<string, { on: string; eventId: string }>();
  let lastLeft: { on: string; eventId: string } | null = null;
  const absentFrom = new Map<string, { on: string; eventId: string }>();
  const before = (later: string, earlier: string) => isLocalDate(later) && isLocalDate(earlier) && compareLocalDates(later, earlier) < 0;
  for (const logged of Object.values(log.entries)) {
    const data = logged.eventId === eventId ? after : effectiveData(log, logged.eventId);
    if (data === null || log.retractions[logged.eventId]) continue;
    const manager = data.managerId as string;
    const start = started.get(manager);
    const atOrAfterStart = (field: string) => {
      if (start && before(str(data, field), start.on)) {
        clashes.push({ eventIds: [logged.eventId, start.eventId], message: `${field} ${str(data, field)} is before the manager started (${start.on})` });
      }
    };
    switch (logged.type) {
      case 'ManagerAppointed':
        if (lastLeft && before(str(data, 'startedOn'), lastLeft.on)) {
          clashes.push({
            eventIds: [logged.eventId, lastLeft.eventId],
            message: `startedOn ${str(data, 'startedOn')} is before the previous manager's leaving (${lastLeft.on})`,
          });
        }
        started.set(manager, { on: str(data, 'startedOn'), eventId: logged.eventId });
        break;
      case 'ManagerRegistered':
        atOrAfterStart('registeredOn');
        break;
      case 'ManagerLeft':
        atOrAfterStart('leftOn');
        lastLeft = { on: str(data, 'leftOn'), eventId: logged.eventId };
        break;
      case 'ManagerAbsenceNotified':
        atOrAfterStart('absenceStartedOn');
        if (data.expectedReturnOn !== null && before(str(data, 'expectedReturnOn'), str(data, 'absenceStartedOn'))) {
          clashes.push({
            eventIds: [logged.eventId],
            message: `expectedReturnOn ${str(data, 'expectedReturnOn')} is before the absence began (${str(data, 'absenceStartedOn')})`,
          });
        }
        absentFrom.set(manager, { on: str(data, 'absenceStartedOn'), eventId: logged.eventId });
        break;
      case 'ManagerReturnedFromAbsence': {
        const absence = absentFrom.get(manager);
        if (absence && before(str(data, 'returnedOn'), absence.on)) {
          clashes.push({
            eventIds: [logged.eventId, absence.eventId],
            message: `returnedOn ${str(data, 'returnedOn')} is before the absence began (${absence.on})`,
          });
        }
        break;
      }
    }
  }
  return clashes;
}
