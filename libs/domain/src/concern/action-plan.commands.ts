import type { PlannedAction } from '../events/action-plan.events';
import type { EvidenceReference, LocalDate } from '../shared/primitives';

export interface RequestActionPlan {
  kind: 'RequestActionPlan';
  concernId: string;
  dueOn: LocalDate;
  updateCadenceDays: number;
  graceDays: number;
  occurredAt: string;
}

/** `version` is the next number (1, then 2, ...); a stale client is told rather than silently renumbered. */
export interface SubmitActionPlan {
  kind: 'SubmitActionPlan';
  concernId: string;
  version: number;
  actions: PlannedAction[];
  summary: string;
  occurredAt: string;
}

export interface ReturnActionPlan {
  kind: 'ReturnActionPlan';
  concernId: string;
  version: number;
  reasons: string[];
  occurredAt: string;
}

export interface AcceptActionPlan {
  kind: 'AcceptActionPlan';
  concernId: string;
  version: number;
  occurredAt: string;
}

/** The plan version comes from the concern's record: updates are always against the accepted plan. */
export interface SubmitPlanUpdate {
  kind: 'SubmitPlanUpdate';
  concernId: string;
  periodEnding: LocalDate;
  actions: { actionId: string; status: 'open' | 'in_progress'; note: string }[];
  evidence: EvidenceReference[];
  summary: string;
  occurredAt: string;
}

export interface ReviseActionDueDate {
  kind: 'ReviseActionDueDate';
  concernId: string;
  actionId: string;
  dueOn: LocalDate;
  basis: 'agreed' | 'unilateral';
  reason: string;
  occurredAt: string;
}

export interface ClaimActionCompletion {
  kind: 'ClaimActionCompletion';
  concernId: string;
  actionId: string;
  note: string;
  evidence: EvidenceReference[];
  occurredAt: string;
}

export interface VerifyAction {
  kind: 'VerifyAction';
  concernId: string;
  actionId: string;
  note: string;
  occurredAt: string;
}

export interface RejectActionVerification {
  kind: 'RejectActionVerification';
  concernId: string;
  actionId: string;
  reason: string;
  occurredAt: string;
}

export type ActionPlanCommand =
  | RequestActionPlan
  | SubmitActionPlan
  | ReturnActionPlan
  | AcceptActionPlan
  | SubmitPlanUpdate
  | ReviseActionDueDate
  | ClaimActionCompletion
  | VerifyAction
  | RejectActionVerification;
