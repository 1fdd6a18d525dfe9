import type { CommentTopic, ConcernCategory, EscalationLevel, Party, PlannedAction, RagSeverity, VisitType } from '@caretrail/domain';
import type { Actor } from '@caretrail/event-store';
import { COUNCIL_OFFICER, INSPECTOR, PROVIDER_CHIEF, PROVIDER_MANAGER, type EventHistory, type When } from './event-history';

export interface ConcernRecordIds {
  concernId?: string;
  serviceId?: string;
  providerId?: string;
  councilId?: string;
  contractId?: string;
}

export type ActionSketch = Pick<PlannedAction, 'actionId' | 'dueOn'> & Partial<PlannedAction>;

const partyActor: Record<Party, Actor> = { council: COUNCIL_OFFICER, provider: PROVIDER_MANAGER, regulator: INSPECTOR };

/** Test-only: the events of one concern's stream, with sensible defaults, each a one-liner in a test. */
export function concernRecord(history: EventHistory, ids: ConcernRecordIds = {}) {
  const concernId = ids.concernId ?? 'c1';
  const serviceId = ids.serviceId ?? 's1';
  const stream = `concern-${concernId}`;
  const council = (type: Parameters<EventHistory['record']>[0], data: object, when: When) => history.record(type, data as never, stream, when, COUNCIL_OFFICER);
  const provider = (type: Parameters<EventHistory['record']>[0], data: object, when: When) =>
    history.record(type, data as never, stream, when, PROVIDER_MANAGER);

  return {
    concernId,
    serviceId,
    raised: (when: When, o: { category?: ConcernCategory; severity?: RagSeverity; summary?: string } = {}) =>
      council(
        'ConcernRaised',
        {
          concernId,
          serviceId,
          providerId: ids.providerId ?? 'provider-1',
          councilId: ids.councilId ?? 'council-1',
          contractId: ids.contractId ?? 'k1',
          category: o.category ?? 'documentation',
          severity: o.severity ?? 'amber',
          source: 'monitoring_visit',
          summary: o.summary ?? 'Records lapsed after manager changes',
        },
        when,
      ),
    notified: (when: When) => council('ConcernNotifiedToProvider', { concernId, method: 'email' }, when),
    acknowledged: (when: When) => provider('ConcernAcknowledged', { concernId, note: 'Received, looking into it' }, when),
    escalated: (when: When, fromLevel: EscalationLevel, toLevel: EscalationLevel, reason = 'No progress') =>
      council('ConcernEscalated', { concernId, fromLevel, toLevel, reason }, when),
    planRequested: (when: When, o: { dueOn: string; updateCadenceDays?: number; graceDays?: number }) =>
      council('ActionPlanRequested', { concernId, dueOn: o.dueOn, updateCadenceDays: o.updateCadenceDays ?? 7, graceDays: o.graceDays ?? 2 }, when),
    planSubmitted: (when: When, version: number, actions: ActionSketch[]) =>
      provider(
        'ActionPlanSubmitted',
        {
          concernId,
          version,
          summary: `Plan version ${version}`,
          actions: actions.map((a) => ({ description: `Action ${a.actionId}`, owner: 'Registered manager', measure: 'Audit', ...a })),
        },
        when,
      ),
    planReturned: (when: When, version: number, reasons = ['Actions lack owners']) => council('ActionPlanReturned', { concernId, version, reasons }, when),
    planAccepted: (when: When, version: number) => council('ActionPlanAccepted', { concernId, version }, when),
    update: (when: When, periodEnding: string, planVersion = 1) =>
      provider('PlanUpdateSubmitted', { concernId, planVersion, periodEnding, actions: [], evidence: [], summary: 'Progress this week' }, when),
    dueDateRevised: (when: When, actionId: string, previousDueOn: string, dueOn: string, basis: 'agreed' | 'unilateral') =>
      (basis === 'agreed' ? council : provider)('ActionDueDateRevised', { concernId, actionId, previousDueOn, dueOn, basis, reason: 'Staff sickness' }, when),
    completionClaimed: (when: When, actionId: string) => provider('ActionCompletionClaimed', { concernId, actionId, note: 'Done', evidence: [] }, when),
    verified: (when: When, actionId: string) => council('ActionVerified', { concernId, actionId, note: 'Checked on visit' }, when),
    verificationRejected: (when: When, actionId: string) => council('ActionVerificationRejected', { concernId, actionId, reason: 'Not yet embedded' }, when),
    planCompleted: (when: When, version: number) => council('ActionPlanCompleted', { concernId, version }, when),
    closed: (when: When, outcome = 'Improvements embedded') =>
      council('ConcernClosed', { concernId, outcome, overrideReason: null, unverifiedActionIds: [] }, when),
    reopened: (when: When, reason = 'Records lapsed again') => council('ConcernReopened', { concernId, reason }, when),
    visit: (when: When, visitType: VisitType, visitedOn: string) =>
      history.record(
        'VisitConducted',
        {
          visitId: `v-${visitedOn}`,
          serviceId,
          concernId,
          visitType,
          announced: true,
          visitedOn,
          visitorRole: 'Chief executive',
          findings: 'Records improving',
        },
        stream,
        when,
        visitType === 'provider_senior_visit' ? PROVIDER_CHIEF : COUNCIL_OFFICER,
      ),
    comment: (when: When, party: Party, topic: CommentTopic, text = 'A comment') =>
      history.record('CommentRecorded', { commentId: `cm-${history.events.length}`, party, topic, text }, stream, when, partyActor[party]),
  };
}

export type ConcernRecord = ReturnType<typeof concernRecord>;
