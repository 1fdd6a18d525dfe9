import type { DueItem } from '@caretrail/projections';
import { addWorkingDays, daysBetween, MEETING_KIND_WORDS, plural, visitTypeWords, workingDaysBetween } from '@caretrail/timeline';
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
  | 'to-notify'
  | 'challenges-open'
  | 'challenges-to-decide'
  | 'reports-to-publish'
  | 'meeting-actions';

export const TODO_GROUPS: Record<TodoParty, { key: TodoGroupKey; title: string; empty: string }[]> = {
  provider: [
    { key: 'acknowledge', title: 'Concerns to acknowledge', empty: 'No concern is waiting for your acknowledgement.' },
    { key: 'plans', title: 'Action plans requested or returned', empty: 'No action plan is waiting for you.' },
    { key: 'updates', title: 'Plan updates', empty: 'No plan update is due.' },
    { key: 'actions', title: 'Actions due or overdue', empty: 'No action is due soon.' },
    { key: 'claims-rejected', title: 'Completion claims not verified', empty: 'No completion claim was turned down.' },
    { key: 'challenges-open', title: 'Draft reports you may challenge', empty: 'No draft visit report is open to challenge.' },
    { key: 'meeting-actions', title: 'Actions from meetings', empty: 'No action from a meeting is yours to do.' },
  ],
  council: [
    { key: 'plans-to-review', title: 'Action plans awaiting your review', empty: 'No action plan is awaiting review.' },
    { key: 'claims-to-verify', title: 'Completion claims to verify', empty: 'No completion claim is waiting.' },
    { key: 'updates', title: 'Overdue plan updates', empty: 'No plan update is overdue.' },
    { key: 'acknowledgements-overdue', title: 'Acknowledgements overdue', empty: 'No acknowledgement is overdue.' },
    { key: 'decision-reviews', title: 'Escalation and suspension decisions due for review', empty: 'No decision is due for review.' },
    { key: 'to-notify', title: 'Concerns not yet notified to the provider', empty: 'Every open concern has been notified.' },
    { key: 'challenges-to-decide', title: 'Challenges to findings awaiting a decision', empty: 'No challenge to a finding is waiting.' },
    { key: 'reports-to-publish', title: 'Draft reports ready to publish', empty: 'No draft report is ready to publish.' },
    { key: 'meeting-actions', title: 'Actions from meetings', empty: 'No action from a meeting is yours to do.' },
  ],
};

export interface TodoOptions {
  /** The day (Europe/London) it is judged on. */
  on: string;
  /** Actions due within this many working days are listed (overdue ones always). */
  actionsWithinWorkingDays: number;
  serviceNames: ReadonlyMap<string, string>;
  /** The working days a provider has to acknowledge, by council (its clocks in force on `on`). */
  acknowledgeWithinWorkingDays: (councilId: string) => number;
}

const APPROACHING_WORKING_DAYS = 2;

/** "PAMMS audit on 3 March 2026": the visit a draft report is of. */
const reportWords = (f: DueItem['facts']): string =>
  `${visitTypeWords(f.visitType).replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())} on ${f.visitedOn ? day(f.visitedOn) : 'an unknown day'}`;

/**
 * What one due item (a row of the due-items read model) shows a party on the day asked, or nothing:
 * overdue, due soon and the actions' horizon are judged here, from its due date and the working-day
 * calendar, so the stored item does not change as days pass.
 */
export function dueItemTodo(party: TodoParty, due: DueItem, options: TodoOptions): TodoItem | null {
  const { on } = options;
  const f = due.facts;
  const href = `/app/concerns/${due.concernId}`;
  const serviceName = options.serviceNames.get(due.serviceId) ?? 'A service';
  const item = (group: TodoGroupKey, title: string, detail: string, dueOn: string | null, extra: Partial<TodoItem> = {}): TodoItem => {
    const overdue = dueOn !== null && dueOn < on;
    const approaching = !overdue && dueOn !== null && workingDaysBetween(on, dueOn) <= APPROACHING_WORKING_DAYS;
    return { group, concernId: due.concernId, serviceId: due.serviceId, serviceName, title, detail, dueOn, overdue, approaching, href, ...extra };
  };
  const horizon = () => addWorkingDays(on, options.actionsWithinWorkingDays);
  const actionLink = { href: `${href}#action-${f.actionId ?? ''}` };

  switch (due.kind) {
    case 'acknowledge': {
      const days = options.acknowledgeWithinWorkingDays(due.councilId);
      const ackDue = addWorkingDays(f.notifiedOn!, days);
      if (party === 'provider')
        return item(
          'acknowledge',
          'Acknowledge the concern',
          `Notified on ${day(f.notifiedOn!)}; acknowledge within ${plural(days, 'working day')}, by ${day(ackDue)}`,
          ackDue,
        );
      return ackDue < on
        ? item(
            'acknowledgements-overdue',
            'Acknowledgement overdue',
            `Notified on ${day(f.notifiedOn!)}; the acknowledgement was due by ${day(ackDue)}`,
            ackDue,
          )
        : null;
    }
    case 'plan':
      if (party !== 'provider' || !due.dueOn) return null;
      return due.state === 'returned'
        ? item(
            'plans',
            'Revise and resubmit the returned action plan',
            `Version ${f.planVersion ?? ''} was returned; the plan was due on ${day(due.dueOn)}`,
            due.dueOn,
          )
        : item('plans', 'Submit the action plan', `Requested; due on ${day(due.dueOn)}`, due.dueOn);
    case 'update': {
      const lateAfter = due.dueOn;
      if (!lateAfter) return null;
      const overdueDays = daysBetween(lateAfter, on);
      if (party === 'provider') {
        return item(
          'updates',
          overdueDays > 0 ? 'Send the overdue plan update' : 'Send the next plan update',
          overdueDays > 0 ? `Was due by ${day(lateAfter)} (grace included), ${plural(overdueDays, 'day')} ago` : `Due by ${day(lateAfter)} (grace included)`,
          lateAfter,
        );
      }
      return lateAfter < on
        ? item('updates', 'Plan update overdue', `Was due by ${day(lateAfter)} (grace included), ${plural(overdueDays, 'day')} ago`, lateAfter)
        : null;
    }
    case 'action': {
      const title = `Action ${f.actionId ?? ''}: ${f.description ?? ''}`;
      if (party === 'council')
        return due.state === 'completion_claimed' ? item('claims-to-verify', title, 'The provider claims it complete', null, actionLink) : null;
      if (due.state === 'completion_claimed' || !due.dueOn || due.dueOn > horizon()) return null;
      const late = daysBetween(due.dueOn, on);
      const status = (due.state ?? '').replace(/_/g, ' ');
      return item(
        'actions',
        title,
        late > 0 ? `Was due on ${day(due.dueOn)}, ${plural(late, 'day')} ago; ${status}` : `Due on ${day(due.dueOn)}; ${status}`,
        due.dueOn,
        actionLink,
      );
    }
    case 'claim-rejected':
      return party === 'provider'
        ? item(
            'claims-rejected',
            `Action ${f.actionId ?? ''}: ${f.description ?? ''}`,
            'The council did not verify your completion claim: see its reason',
            null,
          )
        : null;
    case 'plan-review':
      if (party !== 'council' || !f.submittedOn) return null;
      return item(
        'plans-to-review',
        `Review action plan version ${f.planVersion ?? ''}`,
        `Submitted on ${day(f.submittedOn)}, waiting ${plural(daysBetween(f.submittedOn, on), 'day')}`,
        null,
      );
    case 'decision-review': {
      const reviewOn = due.dueOn;
      if (party !== 'council' || !reviewOn || reviewOn > horizon()) return null;
      return item(
        'decision-reviews',
        `Review the ${f.decision ?? 'decision'} decision`,
        reviewOn < on ? `Was due for review on ${day(reviewOn)}` : `Due for review on ${day(reviewOn)}`,
        reviewOn,
      );
    }
    case 'to-notify':
      return party === 'council' && f.raisedOn ? item('to-notify', 'Notify the provider of the concern', `Raised on ${day(f.raisedOn)}`, null) : null;
    case 'challenge-open': {
      // Open until the end of its last day (the domain's challenge window); gone once it has closed.
      const closesOn = due.dueOn;
      if (party !== 'provider' || !closesOn || closesOn < on) return null;
      const findings = f.findingNos ?? [];
      return item(
        'challenges-open',
        `Check the draft report of the ${reportWords(f)}`,
        `You may challenge ${findings.length === 1 ? `finding ${findings[0]}` : `findings ${findings.join(', ')}`} until the end of ${day(closesOn)}`,
        closesOn,
        { href: `${href}/challenge-finding` },
      );
    }
    case 'challenge-to-decide':
      return party === 'council'
        ? item(
            'challenges-to-decide',
            `Decide the challenge to finding ${(f.findingNos ?? [])[0] ?? ''}`,
            `Of the draft report of the ${reportWords(f)}; a senior reviewer other than its author decides`,
            null,
            { href: `${href}/decide-challenge` },
          )
        : null;
    case 'report-to-publish': {
      if (party !== 'council' || !due.dueOn) return null;
      const ready = due.state === 'challenged' || due.dueOn < on;
      return ready
        ? item(
            'reports-to-publish',
            `Publish the report of the ${reportWords(f)}`,
            due.state === 'challenged' ? 'Every challenge is decided' : `Challenges closed at the end of ${day(due.dueOn)} with none made`,
            null,
            { href: `${href}/publish-report` },
          )
        : null;
    }
    case 'meeting-action': {
      // On the list of the party that owns it (the provider its own, the council every other), every open one with its due date.
      if (due.state !== party || !due.dueOn) return null;
      const late = daysBetween(due.dueOn, on);
      const meeting = `${MEETING_KIND_WORDS[f.meetingKind ?? ''] ?? 'Meeting'} of ${f.heldOn ? day(f.heldOn) : 'an unknown day'}`;
      const when = late > 0 ? `was due on ${day(due.dueOn)}, ${plural(late, 'day')} ago` : `due on ${day(due.dueOn)}`;
      return item('meeting-actions', f.description ?? 'A meeting’s action', `${meeting}; owner ${f.owner ?? ''}; ${when}`, due.dueOn, {
        href: `${href}#meeting-actions`,
      });
    }
    default:
      return null;
  }
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
    Number(b.overdue) - Number(a.overdue) ||
    (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') ||
    a.concernId.localeCompare(b.concernId) ||
    a.title.localeCompare(b.title);
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
