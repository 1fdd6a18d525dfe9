import type { LocalDate } from '@caretrail/domain';
import { evidenceIds } from '../events/effective-events';
import { actionRegister, type ActionRecord } from './action-register';
import type { ConcernHistory, MeasureContext } from './measure-context';
import { ratio, scopeByConcern, unionIds, type ConcernScoped, type Evidenced, type Ratio, type ScopedMeasure } from './measure-result';

/** Against one due date: verified by it, not (verified later, or unverified with the date passed), or not due yet. */
export type DueStatus = 'met' | 'missed' | 'not_yet_due';

export interface ActionTimeliness {
  actionId: string;
  description: string;
  originalDueOn: LocalDate;
  agreedDueOn: LocalDate;
  currentDueOn: LocalDate;
  verifiedOn: LocalDate | null;
  byOriginalDueDate: DueStatus;
  byAgreedDueDate: DueStatus;
  agreedRevisions: number;
  unilateralRevisions: number;
  eventIds: string[];
}

export interface ConcernActionTimeliness extends ConcernScoped {
  actions: ActionTimeliness[];
}

export interface RevisionCounts {
  agreed: number;
  unilateral: number;
  actionsRevisedByAgreement: number;
  actionsRevisedUnilaterally: number;
}

export interface OnTimeActionSummary extends Evidenced {
  /** The measure: verified by the original due date over actions due. */
  byOriginalDueDate: Ratio;
  /** Beside it, for fairness: the same against the latest agreed due date. */
  byAgreedDueDate: Ratio;
  revisions: RevisionCounts;
}

export type OnTimeActionRate = ScopedMeasure<ConcernActionTimeliness, OnTimeActionSummary>;

export const ON_TIME_ACTION_RATE_DEFINITION =
  'Actions of accepted plan versions verified (London date of ActionVerified) on or before their original due date ' +
  '(the due date in the first accepted version holding the action), over actions due: verified ones, and unverified ' +
  'ones whose due date is before the evaluation date. Beside it, the same against the latest agreed due date ' +
  '(agreed revisions, and later accepted plan versions, move it; unilateral revisions do not). Agreed and unilateral ' +
  'revisions are counted apart. Unverified actions a later accepted version of the same plan dropped are left out; ' +
  'those of a plan replaced by a new request stay in (they were due).';

function dueStatus(action: ActionRecord, dueOn: LocalDate, on: LocalDate): DueStatus {
  if (action.verifiedOn !== null) return action.verifiedOn <= dueOn ? 'met' : 'missed';
  return dueOn < on ? 'missed' : 'not_yet_due';
}

function timelinessOf(concern: ConcernHistory, context: MeasureContext): ConcernActionTimeliness | null {
  const actions = actionRegister(concern).filter((a) => !a.droppedByLaterVersion);
  if (actions.length === 0) return null;
  return {
    concernId: concern.concernId,
    serviceId: concern.serviceId,
    actions: actions.map((a) => ({
      actionId: a.actionId,
      description: a.description,
      originalDueOn: a.originalDueOn,
      agreedDueOn: a.agreedDueOn,
      currentDueOn: a.currentDueOn,
      verifiedOn: a.verifiedOn,
      byOriginalDueDate: dueStatus(a, a.originalDueOn, context.on),
      byAgreedDueDate: dueStatus(a, a.agreedDueOn, context.on),
      agreedRevisions: a.revisions.filter((r) => r.basis === 'agreed').length,
      unilateralRevisions: a.revisions.filter((r) => r.basis === 'unilateral').length,
      eventIds: evidenceIds(a.evidence),
    })),
    eventIds: evidenceIds(actions.flatMap((a) => a.evidence)),
  };
}

function rateOf(actions: ActionTimeliness[], pick: (a: ActionTimeliness) => DueStatus): Ratio {
  const due = actions.filter((a) => pick(a) !== 'not_yet_due');
  return ratio(due.filter((a) => pick(a) === 'met').length, due.length);
}

function summariseTimeliness(items: ConcernActionTimeliness[]): OnTimeActionSummary {
  const actions = items.flatMap((i) => i.actions);
  return {
    byOriginalDueDate: rateOf(actions, (a) => a.byOriginalDueDate),
    byAgreedDueDate: rateOf(actions, (a) => a.byAgreedDueDate),
    revisions: {
      agreed: actions.reduce((s, a) => s + a.agreedRevisions, 0),
      unilateral: actions.reduce((s, a) => s + a.unilateralRevisions, 0),
      actionsRevisedByAgreement: actions.filter((a) => a.agreedRevisions > 0).length,
      actionsRevisedUnilaterally: actions.filter((a) => a.unilateralRevisions > 0).length,
    },
    eventIds: unionIds(items),
  };
}

/** Measure 5: on-time action rate. */
export const onTimeActionRate = (context: MeasureContext): OnTimeActionRate =>
  scopeByConcern(context, 'onTimeActionRate', ON_TIME_ACTION_RATE_DEFINITION, (c) => timelinessOf(c, context), summariseTimeliness);
