import type { RecordedEvent } from '@caretrail/event-store';
import { foldConcernSummary } from '@caretrail/projections';
import { addWorkingDays, daysBetween, measureContext, toLondonDate, workingDaysBetween, type ConcernHistory } from '@caretrail/timeline';
import { formatDate as day } from '../../web/rendering/date-format';

export type TodoParty = 'provider' | 'council';

export interface TodoItem {
  /** Which list it belongs to (the page's sections). */
  group: TodoGroupKey;
  concernId: string;
  serviceId: string;
  serviceName: string;
  /** What to do, in a few words. */
  title: string;
  /** One line more: dates, days waiting. */
  detail: string;
  /** The date it is due by (Europe/London), when it has one. */
  dueOn: string | null;
  overdue: boolean;
  /** Due within two working days and not yet late: the start page's "approaching" banner. */
  approaching: boolean;
  href: string;
}

export type TodoGroupKey =
  | 'acknowledge'
  | 'plans'
  | 'updates'
  | 'actions'
  | 'claims-rejected'
  | 'plans-to-review'
  | 'claims-to-verify'
  | 'acknowledgements-overdue'
  | 'decision-reviews'
  | 'to-notify';

export const TODO_GROUPS: Record<TodoParty, { key: TodoGroupKey; title: string; empty: string }[]> = {
  provider: [
    { key: 'acknowledge', title: 'Concerns to acknowledge', empty: 'No concern is waiting for your acknowledgement.' },
    { key: 'plans', title: 'Action plans requested or returned', empty: 'No action plan is waiting for you.' },
    { key: 'updates', title: 'Plan updates', empty: 'No plan update is due.' },
    { key: 'actions', title: 'Actions due or overdue', empty: 'No action is due soon.' },
    { key: 'claims-rejected', title: 'Completion claims not verified', empty: 'No completion claim was turned down.' },
  ],
  council: [
    { key: 'plans-to-review', title: 'Action plans awaiting your review', empty: 'No action plan is awaiting review.' },
    { key: 'claims-to-verify', title: 'Completion claims to verify', empty: 'No completion claim is waiting.' },
    { key: 'updates', title: 'Overdue plan updates', empty: 'No plan update is overdue.' },
    { key: 'acknowledgements-overdue', title: 'Acknowledgements overdue', empty: 'No acknowledgement is overdue.' },
    { key: 'decision-reviews', title: 'Escalation and suspension decisions due for review', empty: 'No decision is due for review.' },
    { key: 'to-notify', title: 'Concerns not yet notified to the provider', empty: 'Every open concern has been notified.' },
  ],
};

export interface TodoOptions {
  /** The day (Europe/London) it is judged on. */
  on: string;
  /** Actions due within this many working days are listed (overdue ones always). */
  actionsWithinWorkingDays: number;
  serviceNames: ReadonlyMap<string, string>;
}

const APPROACHING_WORKING_DAYS = 2;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One concern's to-do items for one party, from its events (corrections applied) and the working-day
 * calendar: the same facts its dashboard row and measures come from.
 */
export function concernTodo(party: TodoParty, concernEvents: readonly RecordedEvent[], clockEvents: readonly RecordedEvent[], options: TodoOptions): TodoItem[] {
  const { on } = options;
  const summary = foldConcernSummary(concernEvents);
  if (!summary || summary.state !== 'open') return [];
  const history: ConcernHistory | undefined = measureContext([...concernEvents, ...clockEvents], { on }).concerns.find((c) => c.concernId === summary.concernId);
  if (!history) return [];
  const serviceName = options.serviceNames.get(summary.serviceId) ?? 'A service';
  const href = `/app/concerns/${summary.concernId}`;
  const items: TodoItem[] = [];
  const item = (group: TodoGroupKey, title: string, detail: string, dueOn: string | null, extra: Partial<TodoItem> = {}) => {
    const overdue = dueOn !== null && dueOn < on;
    const approaching = !overdue && dueOn !== null && workingDaysBetween(on, dueOn) <= APPROACHING_WORKING_DAYS;
    items.push({ group, concernId: summary.concernId, serviceId: summary.serviceId, serviceName, title, detail, dueOn, overdue, approaching, href, ...extra });
  };

  // Notified and acknowledged, as the effective record shows them.
  let notifiedOn: string | null = null;
  let acknowledged = false;
  const lastJudgement = new Map<string, string>();
  // The review dates of the decision logs in force (issue 16): the latest escalation's and the suspension's.
  let escalationReview: string | null = null;
  let suspensionReview: string | null = null;
  const reviewOf = (data: Record<string, unknown>): string | null => {
    const decision = data['decision'] as { reviewOn?: unknown } | null | undefined;
    return decision && typeof decision.reviewOn === 'string' ? decision.reviewOn : null;
  };
  for (const e of history.events) {
    if (e.type === 'ConcernEscalated') escalationReview = reviewOf(e.data);
    if (e.type === 'ConcernDeescalated') escalationReview = Number(e.data['toLevel']) > 0 ? escalationReview : null;
    if (e.type === 'PlacementsSuspended') suspensionReview = reviewOf(e.data);
    if (e.type === 'PlacementsResumed') suspensionReview = null;
    if (e.type === 'ConcernNotifiedToProvider' && notifiedOn === null) notifiedOn = e.occurredOn;
    if (e.type === 'ConcernAcknowledged') acknowledged = true;
    if (e.type === 'ActionCompletionClaimed' || e.type === 'ActionVerified' || e.type === 'ActionVerificationRejected') lastJudgement.set(String(e.data['actionId']), e.type);
  }
  const ackDue = notifiedOn !== null && !acknowledged ? addWorkingDays(notifiedOn, history.clocks.acknowledgeWithinWorkingDays) : null;
  const lateAfter = summary.nextUpdateLateAfter;

  if (party === 'provider') {
    if (ackDue) item('acknowledge', 'Acknowledge the concern', `Notified on ${day(notifiedOn)}; acknowledge within ${plural(history.clocks.acknowledgeWithinWorkingDays, 'working day')}, by ${day(ackDue)}`, ackDue);
    if (summary.planStatus === 'requested' && summary.planDueOn) item('plans', 'Submit the action plan', `Requested; due on ${day(summary.planDueOn)}`, summary.planDueOn);
    if (summary.planStatus === 'returned' && summary.planDueOn) item('plans', 'Revise and resubmit the returned action plan', `Version ${summary.planVersion ?? ''} was returned; the plan was due on ${day(summary.planDueOn)}`, summary.planDueOn);
    if (lateAfter) {
      const overdueDays = daysBetween(lateAfter, on);
      item('updates', overdueDays > 0 ? 'Send the overdue plan update' : 'Send the next plan update', overdueDays > 0 ? `Was due by ${day(lateAfter)} (grace included), ${plural(overdueDays, 'day')} ago` : `Due by ${day(lateAfter)} (grace included)`, lateAfter);
    }
    const horizon = addWorkingDays(on, options.actionsWithinWorkingDays);
    for (const a of summary.actions) {
      if (!a.live) continue;
      if (a.status !== 'completion_claimed' && a.dueOn <= horizon) {
        const late = daysBetween(a.dueOn, on);
        item('actions', `Action ${a.actionId}: ${a.description}`, late > 0 ? `Was due on ${day(a.dueOn)}, ${plural(late, 'day')} ago; ${a.status.replace(/_/g, ' ')}` : `Due on ${day(a.dueOn)}; ${a.status.replace(/_/g, ' ')}`, a.dueOn, {
          href: `${href}#action-${a.actionId}`,
        });
      }
      if (lastJudgement.get(a.actionId) === 'ActionVerificationRejected') {
        item('claims-rejected', `Action ${a.actionId}: ${a.description}`, 'The council did not verify your completion claim: see its reason', null);
      }
    }
  } else {
    if (summary.planStatus === 'submitted' && summary.planSubmittedAt) {
      const waiting = daysBetween(toLondonDate(summary.planSubmittedAt), on);
      item('plans-to-review', `Review action plan version ${summary.planVersion ?? ''}`, `Submitted on ${day(toLondonDate(summary.planSubmittedAt))}, waiting ${plural(waiting, 'day')}`, null);
    }
    for (const a of summary.actions) {
      if (a.live && a.status === 'completion_claimed') item('claims-to-verify', `Action ${a.actionId}: ${a.description}`, 'The provider claims it complete', null, { href: `${href}#action-${a.actionId}` });
    }
    if (lateAfter && lateAfter < on) item('updates', 'Plan update overdue', `Was due by ${day(lateAfter)} (grace included), ${plural(daysBetween(lateAfter, on), 'day')} ago`, lateAfter);
    if (ackDue && ackDue < on) item('acknowledgements-overdue', 'Acknowledgement overdue', `Notified on ${day(notifiedOn)}; the acknowledgement was due by ${day(ackDue)}`, ackDue);
    const horizon = addWorkingDays(on, options.actionsWithinWorkingDays);
    for (const [what, reviewOn] of [['escalation', escalationReview], ['placement suspension', suspensionReview]] as const) {
      if (reviewOn !== null && reviewOn <= horizon) {
        item('decision-reviews', `Review the ${what} decision`, reviewOn < on ? `Was due for review on ${day(reviewOn)}` : `Due for review on ${day(reviewOn)}`, reviewOn);
      }
    }
    if (notifiedOn === null) item('to-notify', 'Notify the provider of the concern', `Raised on ${day(toLondonDate(summary.raisedAt))}`, null);
  }
  return items;
}

export interface TodoList {
  on: string;
  party: TodoParty | null;
  groups: { key: TodoGroupKey; title: string; empty: string; items: TodoItem[] }[];
  count: number;
  overdueCount: number;
  approachingCount: number;
}

/** The whole list of a party, grouped as the page shows it: overdue first, then by due date. */
export function todoList(party: TodoParty | null, items: readonly TodoItem[], on: string): TodoList {
  if (party === null) return { on, party, groups: [], count: 0, overdueCount: 0, approachingCount: 0 };
  const order = (a: TodoItem, b: TodoItem) =>
    Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') || a.concernId.localeCompare(b.concernId) || a.title.localeCompare(b.title);
  const groups = TODO_GROUPS[party].map((g) => ({ ...g, items: items.filter((i) => i.group === g.key).sort(order) }));
  return {
    on,
    party,
    groups,
    count: items.length,
    overdueCount: items.filter((i) => i.overdue).length,
    approachingCount: items.filter((i) => i.approaching).length,
  };
}
