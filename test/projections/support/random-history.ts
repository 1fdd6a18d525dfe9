import fc from 'fast-check';
import type { EscalationLevel } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { CONTRACTS, CareHistory, INSPECTOR, dateOf, day, managerOf, officerOf } from './care-history';

/** One random step of a history: which kind of thing happens, to what, how long after, how backdated. */
export interface Step {
  op: number;
  pick: number;
  days: number;
  backdate: number;
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  op: fc.nat(29),
  pick: fc.nat(1000),
  days: fc.nat(6),
  backdate: fc.nat(4),
});

interface ConcernState {
  id: string;
  councilId: string;
  providerId: string;
  serviceId: string;
  level: EscalationLevel;
  planVersion: number;
  actions: string[];
  events: RecordedEvent[];
}

/**
 * Plays steps into valid-looking events of the real catalogue (not checked by the deciders): concerns
 * through their lifecycle, plan versions, updates, actions, escalations, visits, comments, manager
 * changes, ratings, and corrections and retractions of earlier entries.
 */
export class RandomHistory {
  private t = 10;
  private readonly concerns: ConcernState[] = [];
  private readonly serviceEvents = new Map<string, RecordedEvent[]>();
  private managers = 0;

  constructor(private readonly history: CareHistory) {}

  async play(steps: readonly Step[]): Promise<void> {
    for (const step of steps) await this.step(step);
  }

  async step({ op, pick, days, backdate }: Step): Promise<void> {
    this.t += days;
    const at = day(Math.max(1, this.t - backdate));
    const on = at.slice(0, 10);
    if (op < 2 || this.concerns.length === 0) return this.raise(pick, at);
    if (op >= 20) return this.serviceStep(op, pick, at, on);
    const c = this.concerns[pick % this.concerns.length];
    const council = officerOf(c.councilId);
    const provider = managerOf(c.providerId);
    const action = c.actions.length > 0 ? c.actions[pick % c.actions.length] : null;
    const h = this.history;
    const s = `concern-${c.id}`;
    const concernId = c.id;
    let e: RecordedEvent;
    switch (op) {
      case 2:
        e = await h.append(s, 'ConcernNotifiedToProvider', { concernId, method: 'email' }, at, council);
        break;
      case 3:
        e = await h.append(s, 'ConcernAcknowledged', { concernId, note: 'Seen' }, at, provider);
        break;
      case 4:
        e = await h.append(s, 'ActionPlanRequested', { concernId, dueOn: dateOf(this.t + 14), updateCadenceDays: 7, graceDays: 2 }, at, council);
        break;
      case 5: {
        c.planVersion += 1;
        const count = 1 + (pick % 3);
        c.actions = Array.from({ length: count }, (_, i) => `${c.id}-act-${(c.planVersion + i) % 4}`);
        const actions = c.actions.map((actionId, i) => ({
          actionId,
          description: `Action ${actionId}`,
          owner: 'Registered manager',
          dueOn: dateOf(this.t + 7 * (i + 1)),
          measure: 'Audit',
        }));
        e = await h.append(s, 'ActionPlanSubmitted', { concernId, version: c.planVersion, actions, summary: `Plan v${c.planVersion}` }, at, provider);
        break;
      }
      case 6:
        e = await h.append(s, 'ActionPlanReturned', { concernId, version: Math.max(1, c.planVersion), reasons: ['Too vague'] }, at, council);
        break;
      case 7:
        e = await h.append(s, 'ActionPlanAccepted', { concernId, version: Math.max(1, c.planVersion) }, at, council);
        break;
      case 8:
        e = await h.append(
          s,
          'PlanUpdateSubmitted',
          {
            concernId,
            planVersion: Math.max(1, c.planVersion),
            periodEnding: on,
            actions: c.actions.map((actionId) => ({ actionId, status: 'in_progress' as const, note: 'Going' })),
            evidence: [{ name: 'audit.pdf', sha256: 'a'.repeat(64) }],
            summary: 'Weekly update',
          },
          at,
          provider,
        );
        break;
      case 9:
        if (!action) return;
        e = await h.append(
          s,
          'ActionDueDateRevised',
          { concernId, actionId: action, previousDueOn: on, dueOn: dateOf(this.t + 10), basis: pick % 2 ? 'agreed' : 'unilateral', reason: 'Staff' },
          at,
          provider,
        );
        break;
      case 10:
        if (!action) return;
        e = await h.append(s, 'ActionCompletionClaimed', { concernId, actionId: action, note: 'Done', evidence: [] }, at, provider);
        break;
      case 11:
        if (!action) return;
        e = await h.append(s, 'ActionVerified', { concernId, actionId: action, note: 'Checked' }, at, council);
        break;
      case 12:
        if (!action) return;
        e = await h.append(s, 'ActionVerificationRejected', { concernId, actionId: action, reason: 'Not yet' }, at, council);
        break;
      case 13: {
        const to = Math.min(3, c.level + 1) as EscalationLevel;
        e = await h.append(s, 'ConcernEscalated', { concernId, fromLevel: c.level, toLevel: to, reason: 'No progress' }, at, council);
        c.level = to;
        break;
      }
      case 14: {
        const to = Math.max(0, c.level - 1) as EscalationLevel;
        e = await h.append(s, 'ConcernDeescalated', { concernId, fromLevel: c.level, toLevel: to, reason: 'Progress' }, at, council);
        c.level = to;
        break;
      }
      case 15:
        e = await h.append(s, 'ConcernClosed', { concernId, outcome: 'Resolved', overrideReason: null, unverifiedActionIds: [] }, at, council);
        break;
      case 16:
        e = await h.append(s, 'ConcernReopened', { concernId, reason: 'Recurred' }, at, council);
        break;
      case 17:
        e = await h.append(
          s,
          'VisitConducted',
          {
            visitId: `visit-${this.t}-${pick}`,
            serviceId: c.serviceId,
            concernId,
            visitType: pick % 2 ? 'council_monitoring' : 'provider_senior_visit',
            announced: true,
            visitedOn: on,
            visitorRole: 'Officer',
            findings: 'Better',
          },
          at,
          pick % 2 ? council : provider,
        );
        break;
      case 18:
        e = await h.append(
          s,
          'CommentRecorded',
          { commentId: `comment-${this.t}-${pick}`, party: pick % 2 ? 'council' : 'provider', topic: 'proportionality', text: 'Proportionate?' },
          at,
          pick % 2 ? council : provider,
        );
        break;
      case 19:
        e = await h.append(s, 'ActionPlanCompleted', { concernId, version: Math.max(1, c.planVersion) }, at, council);
        break;
      default:
        return;
    }
    c.events.push(e);
    if (pick % 7 === 0) await this.correctOrRetract(c.events, pick, at);
  }

  private async raise(pick: number, at: string): Promise<void> {
    const contract = CONTRACTS[pick % CONTRACTS.length];
    const serviceId = contract.serviceIds[pick % contract.serviceIds.length];
    const id = `c${this.concerns.length + 1}`;
    const c = { serviceId, providerId: contract.providerId, councilId: contract.councilId, contractId: contract.contractId };
    const e = await this.history.concern(id, c, at);
    this.concerns.push({ id, ...c, level: 0, planVersion: 0, actions: [], events: [e] });
  }

  private async serviceStep(op: number, pick: number, at: string, on: string): Promise<void> {
    const serviceId = ['service-a', 'service-b', 'service-c'][pick % 3];
    const providerId = serviceId === 'service-c' ? 'provider-2' : 'provider-1';
    const s = `service-${serviceId}`;
    const h = this.history;
    const managerId = `m${this.managers}`;
    const managerName = `Manager ${this.managers}`;
    let e: RecordedEvent;
    switch (op) {
      case 20:
        e = await h.append(s, 'ManagerLeft', { serviceId, managerId, managerName, leftOn: on, reason: 'Resigned' }, at, managerOf(providerId));
        break;
      case 21:
        this.managers += 1;
        e = await h.append(
          s,
          'ManagerAppointed',
          { serviceId, managerId: `m${this.managers}`, managerName: `Manager ${this.managers}`, startedOn: on, basis: pick % 2 ? 'interim' : 'permanent' },
          at,
          managerOf(providerId),
        );
        break;
      case 22:
        e = await h.append(s, 'ManagerRegistered', { serviceId, managerId, managerName, registeredOn: on }, at, managerOf(providerId));
        break;
      case 23:
        e = await h.append(
          s,
          'RatingPublished',
          {
            serviceId,
            regulator: 'CQC',
            overall: 'requires_improvement',
            publishedOn: on,
            reportReference: null,
            keyQuestions: { safe: 'good', effective: 'good', caring: 'good', responsive: 'good', well_led: 'requires_improvement' },
          },
          at,
          INSPECTOR,
        );
        break;
      case 24:
        e = await h.append(s, 'EnforcementActionRecorded', { serviceId, action: 'warning_notice', decidedOn: on, summary: 'Records' }, at, INSPECTOR);
        break;
      case 25:
        e = await h.append(
          s,
          'VisitConducted',
          {
            visitId: `sv-${this.t}-${pick}`,
            serviceId,
            concernId: null,
            visitType: 'provider_senior_visit',
            announced: false,
            visitedOn: on,
            visitorRole: 'Chief executive',
            findings: 'Calm',
          },
          at,
          managerOf(providerId),
        );
        break;
      case 26:
        e = await h.append(
          s,
          'CommentRecorded',
          { commentId: `sc-${this.t}-${pick}`, party: 'provider', topic: 'context', text: 'Turnover' },
          at,
          managerOf(providerId),
        );
        break;
      case 27:
        e = await h.append(
          s,
          'ManagerAbsenceNotified',
          { serviceId, managerId, managerName, absenceStartedOn: on, notifiedOn: on, emergency: true, expectedReturnOn: null },
          at,
          managerOf(providerId),
        );
        break;
      default: {
        const events = this.serviceEvents.get(s) ?? [];
        if (events.length > 0) await this.correctOrRetract(events, pick, at);
        return;
      }
    }
    this.serviceEvents.set(s, [...(this.serviceEvents.get(s) ?? []), e]);
  }

  /** A correction or retraction of an earlier entry of the same stream, by the target's recorder. */
  private async correctOrRetract(events: RecordedEvent[], pick: number, at: string): Promise<void> {
    const target = events[pick % events.length];
    const later = at < target.occurredAt ? target.occurredAt : at;
    const e =
      pick % 3 === 0
        ? await this.history.append(
            target.streamId,
            'EntryRetracted',
            { targetEventId: target.eventId, targetType: target.type, reason: 'Wrong record' },
            later,
            target.actor,
          )
        : await this.history.append(
            target.streamId,
            'EntryCorrected',
            { targetEventId: target.eventId, targetType: target.type, reason: 'Typo', changes: correctionFor(target) },
            later,
            target.actor,
          );
    events.push(e);
  }
}

function correctionFor(target: RecordedEvent): Record<string, unknown> {
  switch (target.type) {
    case 'ConcernEscalated':
      return { toLevel: 1 };
    case 'ActionDueDateRevised':
      return { dueOn: '2025-12-01' };
    case 'ManagerRegistered':
      return { registeredOn: '2025-02-01' };
    case 'ActionPlanRequested':
      return { updateCadenceDays: 14 };
    default:
      return { note: 'Corrected wording' };
  }
}
