import type { EvidenceReference, LocalDate } from '../shared/primitives';

export interface PlannedAction {
  actionId: string;
  description: string;
  /** A role or a named post, e.g. "Registered manager". */
  owner: string;
  dueOn: LocalDate;
  /** How success will be measured. */
  measure: string;
  /** PAMMS standards and CQC quality statements it addresses (reference/quality-frameworks.ts); schema 2, [] when upcast. */
  tags?: string[];
}

export const ACTION_STATUSES = ['open', 'in_progress', 'completion_claimed', 'verified'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ActionPlanRequested {
  type: 'ActionPlanRequested';
  data: {
    concernId: string;
    dueOn: LocalDate;
    /** Days between expected plan updates once the plan is accepted (7 = weekly). */
    updateCadenceDays: number;
    /** Calendar days after a period ends within which its update still counts as on time. */
    graceDays: number;
  };
}

export interface ActionPlanSubmitted {
  type: 'ActionPlanSubmitted';
  data: { concernId: string; version: number; actions: PlannedAction[]; summary: string };
}

export interface ActionPlanReturned {
  type: 'ActionPlanReturned';
  data: { concernId: string; version: number; reasons: string[] };
}

export interface ActionPlanAccepted {
  type: 'ActionPlanAccepted';
  data: { concernId: string; version: number };
}

export interface PlanUpdateSubmitted {
  type: 'PlanUpdateSubmitted';
  data: {
    concernId: string;
    planVersion: number;
    periodEnding: LocalDate;
    actions: { actionId: string; status: 'open' | 'in_progress'; note: string }[];
    evidence: EvidenceReference[];
    summary: string;
  };
}

export interface ActionDueDateRevised {
  type: 'ActionDueDateRevised';
  data: {
    concernId: string;
    actionId: string;
    previousDueOn: LocalDate;
    dueOn: LocalDate;
    /** Agreed with the council, or set by the provider alone. */
    basis: 'agreed' | 'unilateral';
    reason: string;
  };
}

export interface ActionCompletionClaimed {
  type: 'ActionCompletionClaimed';
  data: { concernId: string; actionId: string; note: string; evidence: EvidenceReference[] };
}

export interface ActionVerified {
  type: 'ActionVerified';
  data: { concernId: string; actionId: string; note: string };
}

export interface ActionVerificationRejected {
  type: 'ActionVerificationRejected';
  data: { concernId: string; actionId: string; reason: string };
}

export interface ActionPlanCompleted {
  type: 'ActionPlanCompleted';
  data: { concernId: string; version: number };
}
