import {
  evolveMeetings,
  evolveVisitReports,
  initialMeetingsState,
  upcastEventData,
  type MeetingAction,
  type Recorded,
  type VisitReport,
} from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { foldConcernSummary, type ConcernSummary } from './concern-summary.fold';
import type { Projection, ProjectionContext, ReadTrx } from './projection';
import { StreamHistories, type StreamReader } from './stream-histories';
import { foldSkippingUnreadable, measureContext, toLondonDate } from './timeline-lib';

export const DUE_ITEMS = 'due-items';

/**
 * What a due item is about (the to-do page's groups are made from these at read time):
 * - acknowledge: the provider has been notified and has not acknowledged (its due date comes from the
 *   council's clocks in force on the day asked, so it is worked out when read; `facts.notifiedOn`);
 * - plan: an action plan requested or returned (`state`), due on `due_on`;
 * - update: the next plan update, late after `due_on` (period end plus grace);
 * - action: a live action (`state` its status), due on `due_on`;
 * - claim-rejected: a live action whose last completion claim the council did not verify;
 * - plan-review: a plan version awaiting the council's review (`facts.submittedOn`);
 * - decision-review: the review date of the escalation or suspension decision in force;
 * - to-notify: an open concern not yet notified to the provider (`facts.raisedOn`);
 * - challenge-open: a draft visit report or PAMMS audit the provider may still challenge, with the
 *   findings it has not challenged, open until the end of `due_on` (the window's last day);
 * - challenge-to-decide: a provider's challenge to a finding awaiting the council's senior reviewer;
 * - report-to-publish: a draft with no challenge awaiting a decision; the council may publish it once
 *   challenged (`state` 'challenged') or once its window has closed (after `due_on`);
 * - meeting-action: an open action decided at a multi-agency meeting, due on `due_on`; `state` is the
 *   party that owns it ('provider' when its owner names the provider invited, else 'council').
 */
export type DueItemKind =
  | 'acknowledge'
  | 'plan'
  | 'update'
  | 'action'
  | 'claim-rejected'
  | 'plan-review'
  | 'decision-review'
  | 'to-notify'
  | 'challenge-open'
  | 'challenge-to-decide'
  | 'report-to-publish'
  | 'meeting-action';

/** The kinds each party's to-do list is made from. */
export const DUE_ITEM_KINDS: Record<'provider' | 'council', readonly DueItemKind[]> = {
  provider: ['acknowledge', 'plan', 'update', 'action', 'claim-rejected', 'challenge-open', 'meeting-action'],
  council: ['plan-review', 'action', 'update', 'acknowledge', 'decision-review', 'to-notify', 'challenge-to-decide', 'report-to-publish', 'meeting-action'],
};

/** The words and dates an item is shown with besides its due date (no personal data). */
export interface DueItemFacts {
  notifiedOn?: string;
  planVersion?: number | null;
  actionId?: string;
  description?: string;
  submittedOn?: string;
  raisedOn?: string;
  /** decision-review: 'escalation' or 'placement suspension'. */
  decision?: string;
  /** The visit report's items: which visit, and the findings concerned. */
  visitId?: string;
  visitType?: string;
  visitedOn?: string;
  findingNos?: number[];
  challengeId?: string;
  /** A meeting's action: the meeting (its kind and the day it was held) and who owns the action. */
  meetingId?: string;
  meetingKind?: string;
  heldOn?: string;
  owner?: string;
}

export interface DueItem {
  concernId: string;
  /** Unique within the concern: 'plan', 'action:<id>', 'review:escalation', ... */
  itemKey: string;
  kind: DueItemKind;
  councilId: string;
  providerId: string;
  serviceId: string;
  contractId: string;
  /** The date it is due by (Europe/London), grace included; null when it has none (or it is worked out when read). */
  dueOn: string | null;
  /** The plan's or action's status where the item has one. */
  state: string | null;
  facts: DueItemFacts;
}

/** Every date is inside the evaluation window: the items hold what had happened, corrections applied. */
const WHOLE_RECORD = '9999-12-31';

/**
 * One concern's due items, from its stream (corrections applied): none once it is closed or
 * retracted. Time-dependent judgements (overdue, due soon, within the actions' horizon) are not made
 * here: they depend on the day asked and are made when read.
 */
export function concernDueItems(streamEvents: readonly RecordedEvent[], summary: ConcernSummary | null = foldConcernSummary(streamEvents)): DueItem[] {
  if (!summary || summary.state !== 'open') return [];
  const history = measureContext(streamEvents, { on: WHOLE_RECORD }).concerns.find((c) => c.concernId === summary.concernId);
  if (!history) return [];
  const items: DueItem[] = [];
  const item = (kind: DueItemKind, itemKey: string, dueOn: string | null, state: string | null, facts: DueItemFacts = {}) =>
    items.push({
      concernId: summary.concernId,
      itemKey,
      kind,
      councilId: summary.councilId,
      providerId: summary.providerId,
      serviceId: summary.serviceId,
      contractId: summary.contractId,
      dueOn,
      state,
      facts,
    });

  let notifiedOn: string | null = null;
  let acknowledged = false;
  const lastJudgement = new Map<string, string>();
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
    if (e.type === 'ActionCompletionClaimed' || e.type === 'ActionVerified' || e.type === 'ActionVerificationRejected')
      lastJudgement.set(String(e.data['actionId']), e.type);
  }

  if (notifiedOn !== null && !acknowledged) item('acknowledge', 'acknowledge', null, null, { notifiedOn });
  if ((summary.planStatus === 'requested' || summary.planStatus === 'returned') && summary.planDueOn) {
    item('plan', 'plan', summary.planDueOn, summary.planStatus, { planVersion: summary.planVersion });
  }
  if (summary.nextUpdateLateAfter) item('update', 'update', summary.nextUpdateLateAfter, null);
  for (const a of summary.actions) {
    if (!a.live) continue;
    item('action', `action:${a.actionId}`, a.dueOn, a.status, { actionId: a.actionId, description: a.description });
    if (lastJudgement.get(a.actionId) === 'ActionVerificationRejected') {
      item('claim-rejected', `claim-rejected:${a.actionId}`, null, a.status, { actionId: a.actionId, description: a.description });
    }
  }
  if (summary.planStatus === 'submitted' && summary.planSubmittedAt) {
    item('plan-review', 'plan-review', null, summary.planStatus, { planVersion: summary.planVersion, submittedOn: toLondonDate(summary.planSubmittedAt) });
  }
  if (escalationReview !== null) item('decision-review', 'review:escalation', escalationReview, null, { decision: 'escalation' });
  if (suspensionReview !== null) item('decision-review', 'review:suspension', suspensionReview, null, { decision: 'placement suspension' });
  if (notifiedOn === null) item('to-notify', 'to-notify', null, null, { raisedOn: toLondonDate(summary.raisedAt) });
  for (const r of visitReportsOf(streamEvents)) {
    if (r.publishedAt !== null) continue;
    const visit = { visitId: r.visitId, visitType: r.visitType, visitedOn: r.visitedOn };
    const unchallenged = r.findings.filter((f) => !r.challenges.some((c) => c.findingNo === f.findingNo)).map((f) => f.findingNo);
    if (unchallenged.length > 0) item('challenge-open', `challenge-open:${r.visitId}`, r.challengeClosesOn, null, { ...visit, findingNos: unchallenged });
    const undecided = r.challenges.filter((c) => c.decision === null);
    for (const c of undecided) {
      item('challenge-to-decide', `challenge:${c.challengeId}`, null, null, { ...visit, findingNos: [c.findingNo], challengeId: c.challengeId });
    }
    if (undecided.length === 0)
      item('report-to-publish', `publish:${r.visitId}`, r.challengeClosesOn, r.challenges.length > 0 ? 'challenged' : 'unchallenged', visit);
  }
  for (const a of meetingActionsOf(streamEvents)) {
    if (a.status !== 'open') continue;
    const facts = { actionId: a.actionId, description: a.description, meetingId: a.meetingId, meetingKind: a.meetingKind, heldOn: a.heldOn, owner: a.owner };
    item('meeting-action', `meeting-action:${a.meetingId}:${a.actionId}`, a.dueOn, a.ownerParty ?? 'council', facts);
  }
  return items;
}

const MEETING_EVENTS = new Set(['MeetingScheduled', 'MeetingAgendaShared', 'ReviewMeetingHeld', 'MeetingActionCompleted']);

/**
 * A concern's meeting actions folded by the domain's own evolve (who owns each, whether it is
 * completed); the actions of minutes since withdrawn are left out (nothing is owed on them).
 */
function meetingActionsOf(streamEvents: readonly RecordedEvent[]): MeetingAction[] {
  let meetings = initialMeetingsState();
  const withdrawn = new Set(streamEvents.filter((e) => e.type === 'EntryRetracted').map((e) => String(e.data['targetEventId'])));
  const withdrawnMeetings = new Set<string>();
  for (const e of streamEvents) {
    if (!MEETING_EVENTS.has(e.type)) continue;
    if (e.type === 'ReviewMeetingHeld' && withdrawn.has(e.eventId)) withdrawnMeetings.add(String(e.data['meetingId']));
    meetings = evolveMeetings(meetings, toRecorded(e));
  }
  return meetings.actions.filter((a) => !withdrawnMeetings.has(a.meetingId));
}

const toRecorded = (e: RecordedEvent): Recorded =>
  ({
    type: e.type,
    data: upcastEventData(e.type, e.schemaVersion, e.data),
    occurredAt: e.occurredAt,
    eventId: e.eventId,
    recordedAt: e.recordedAt,
    streamVersion: e.streamVersion,
    actor: e.actor,
  }) as Recorded;

const VISIT_REPORT_EVENTS = new Set(['VisitReportDrafted', 'VisitFindingChallenged', 'FindingChallengeDecided', 'VisitReportPublished']);

/** A concern's visit reports folded by the domain's own evolve (the rules its commands are judged by). */
function visitReportsOf(streamEvents: readonly RecordedEvent[]): VisitReport[] {
  let reports: VisitReport[] = [];
  for (const e of streamEvents) {
    if (!VISIT_REPORT_EVENTS.has(e.type)) continue;
    const recorded = {
      type: e.type,
      data: upcastEventData(e.type, e.schemaVersion, e.data),
      occurredAt: e.occurredAt,
      eventId: e.eventId,
      recordedAt: e.recordedAt,
      streamVersion: e.streamVersion,
      actor: e.actor,
    } as Recorded;
    reports = evolveVisitReports(reports, recorded);
  }
  return reports;
}

const ROWS_PER_WRITE = 400;
const chunked = <T>(items: readonly T[], size = ROWS_PER_WRITE): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * Due items (read-store migration 0008): one row per thing an open concern owes or awaits, with its
 * parties and due date, so the to-do page and the header's count read an organisation's rows through
 * an index instead of folding every open concern on each page view. Each concern touched by a page
 * is folded again from its stream up to the version the page reached (as the dashboard does), its
 * rows replaced: corrections anywhere in it are reflected and a rebuild gives the same rows.
 */
export function dueItemsProjection(streams: StreamReader): Projection {
  const histories = StreamHistories.over(streams);
  return {
    name: DUE_ITEMS,
    // 2: the visit reports' challenge items; 3: the meetings' open actions.
    version: 3,
    tables: ['due_items'],
    async apply(trx: ReadTrx, events: readonly RecordedEvent[], { generation, skipped, reportUnreadable }: ProjectionContext) {
      histories.notePage(events);
      const reached = new Map<string, RecordedEvent>();
      for (const e of events) if (e.streamId.startsWith('concern-')) reached.set(e.streamId, e);
      if (reached.size === 0) return;
      const concernIds: string[] = [];
      const rows = [];
      for (const [stream, last] of reached) {
        const history = await histories.readStream(stream, { toVersion: last.streamVersion });
        const kept = skipped && skipped.size > 0 ? history.filter((e) => !skipped.has(e.eventId)) : history;
        // One event its fold cannot read is reported (and left out), never stopping the concern's items.
        const { result, unreadable } = foldSkippingUnreadable(kept, (evs) => concernDueItems(evs));
        for (const u of unreadable) reportUnreadable?.(u, u.error);
        concernIds.push(stream.slice(stream.indexOf('-') + 1));
        for (const i of result) {
          rows.push({
            generation,
            concern_id: i.concernId,
            item_key: i.itemKey,
            kind: i.kind,
            council_id: i.councilId,
            provider_id: i.providerId,
            service_id: i.serviceId,
            contract_id: i.contractId,
            due_on: i.dueOn,
            state: i.state,
            facts: JSON.stringify(i.facts),
          });
        }
      }
      for (const part of chunked(concernIds)) {
        await trx.deleteFrom('due_items').where('generation', '=', generation).where('concern_id', 'in', part).execute();
      }
      // 11 parameters a row.
      for (const part of chunked(rows, 80)) await trx.insertInto('due_items').values(part).execute();
    },
  };
}
