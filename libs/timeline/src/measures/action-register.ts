import type { LocalDate } from '@caretrail/domain';
import { isEvent, type EventOf } from '../events/typed-event';
import type { ConcernHistory, MeasureEvent } from './measure-context';

export interface DueDateChange {
  eventId: string;
  basis: 'agreed' | 'unilateral';
  /** A revision event, or a later plan version the council accepted with a new due date (agreed). */
  via: 'revision' | 'plan_version';
  previousDueOn: LocalDate;
  dueOn: LocalDate;
  revisedOn: LocalDate;
}

/** One action of a concern's accepted plans, with the history of its due date and its verification. */
export interface ActionRecord {
  actionId: string;
  /** The plan request the action answers: a new request starts a fresh plan, whose ids may repeat. */
  requestEventId: string | null;
  description: string;
  /** The due date in the first accepted plan version that held the action. */
  originalDueOn: LocalDate;
  /** The latest due date the council agreed (original, agreed revisions, accepted plan versions). */
  agreedDueOn: LocalDate;
  /** The latest due date of any kind, unilateral revisions included. */
  currentDueOn: LocalDate;
  revisions: DueDateChange[];
  verifiedOn: LocalDate | null;
  verifiedEventId: string | null;
  /** An unverified action a later accepted version of the same plan left out: not owed, not counted. */
  droppedByLaterVersion: boolean;
  /** An unverified action of a plan a newer request replaced: it was due (on-time rate) but is no longer owed. */
  replacedByNewPlan: boolean;
  evidence: MeasureEvent[];
}

interface Building extends ActionRecord {
  plan: number;
  acceptedIn: Set<number>;
}

/**
 * The actions the council accepted, folded from a concern's events in occurrence order, as the
 * domain's plan state does: a request starts a fresh plan; within a plan an action keeps its id
 * across versions, and a later accepted version giving it a new due date is an agreed revision.
 * Actions of versions never accepted were never owed and are left out.
 */
export function actionRegister(concern: ConcernHistory): ActionRecord[] {
  const submissions = new Map<number, EventOf<'ActionPlanSubmitted', MeasureEvent>>();
  const all: Building[] = [];
  let actions = new Map<string, Building>();
  let plan = 0;
  let request: MeasureEvent | null = null;
  const latestAccepted = new Map<number, number>();

  for (const event of concern.events) {
    if (isEvent(event, 'ActionPlanRequested')) {
      plan++;
      request = event;
      actions = new Map();
    } else if (isEvent(event, 'ActionPlanSubmitted')) submissions.set(event.data.version, event);
    else if (isEvent(event, 'ActionPlanAccepted')) {
      const submitted = submissions.get(event.data.version);
      if (!submitted) continue;
      latestAccepted.set(plan, event.data.version);
      for (const planned of submitted.data.actions) {
        const existing = actions.get(planned.actionId);
        if (!existing) {
          const created: Building = {
            actionId: planned.actionId,
            requestEventId: request?.eventId ?? null,
            description: planned.description,
            originalDueOn: planned.dueOn,
            agreedDueOn: planned.dueOn,
            currentDueOn: planned.dueOn,
            revisions: [],
            verifiedOn: null,
            verifiedEventId: null,
            droppedByLaterVersion: false,
            replacedByNewPlan: false,
            evidence: [...(request ? [request] : []), submitted, event],
            plan,
            acceptedIn: new Set([event.data.version]),
          };
          actions.set(planned.actionId, created);
          all.push(created);
          continue;
        }
        if (planned.dueOn !== existing.agreedDueOn) {
          existing.revisions.push({
            eventId: event.eventId,
            basis: 'agreed',
            via: 'plan_version',
            previousDueOn: existing.currentDueOn,
            dueOn: planned.dueOn,
            revisedOn: event.occurredOn,
          });
        }
        // The accepted plan is what now stands, over any unilateral change before it.
        existing.agreedDueOn = existing.currentDueOn = planned.dueOn;
        existing.description = planned.description;
        existing.acceptedIn.add(event.data.version);
        existing.evidence.push(submitted, event);
      }
    } else if (isEvent(event, 'ActionDueDateRevised')) {
      const action = actions.get(event.data.actionId);
      if (!action) continue;
      action.revisions.push({
        eventId: event.eventId,
        basis: event.data.basis,
        via: 'revision',
        previousDueOn: action.currentDueOn,
        dueOn: event.data.dueOn,
        revisedOn: event.occurredOn,
      });
      action.currentDueOn = event.data.dueOn;
      if (event.data.basis === 'agreed') action.agreedDueOn = event.data.dueOn;
      action.evidence.push(event);
    } else if (isEvent(event, 'ActionVerified')) {
      const action = actions.get(event.data.actionId);
      if (!action || action.verifiedOn !== null) continue;
      action.verifiedOn = event.occurredOn;
      action.verifiedEventId = event.eventId;
      action.evidence.push(event);
    }
  }
  return all.map(({ acceptedIn, plan: own, ...action }) => ({
    ...action,
    droppedByLaterVersion: action.verifiedOn === null && !acceptedIn.has(latestAccepted.get(own) ?? -1),
    replacedByNewPlan: action.verifiedOn === null && own < plan,
    evidence: [...new Set(action.evidence)],
  }));
}

/** Whether the concern is open at the end of the evaluation period: not closed, or reopened since. */
export function isConcernOpen(concern: ConcernHistory): boolean {
  let open = true;
  for (const event of concern.events) {
    if (event.type === 'ConcernClosed') open = false;
    if (event.type === 'ConcernReopened') open = true;
  }
  return open;
}
