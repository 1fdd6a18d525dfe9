import type { DecisionLog } from '../concern/decision-log';
import type { LocalDate } from '../shared/primitives';

export const CONCERN_CATEGORIES = [
  'documentation',
  'care_planning',
  'medication',
  'safeguarding',
  'staffing',
  'leadership',
  'premises',
  'infection_control',
  'other',
] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

export const RAG_SEVERITIES = ['red', 'amber', 'green'] as const;
export type RagSeverity = (typeof RAG_SEVERITIES)[number];

export const CONCERN_SOURCES = ['monitoring_visit', 'pamms_audit', 'complaint', 'whistleblowing', 'safeguarding_referral', 'regulator', 'other'] as const;
export type ConcernSource = (typeof CONCERN_SOURCES)[number];

/** 0 routine, 1 enhanced monitoring, 2 placements suspended, 3 contract default or regulator referral. */
export type EscalationLevel = 0 | 1 | 2 | 3;

export interface ConcernRaised {
  type: 'ConcernRaised';
  data: {
    concernId: string;
    serviceId: string;
    providerId: string;
    councilId: string;
    contractId: string;
    category: ConcernCategory;
    severity: RagSeverity;
    source: ConcernSource;
    summary: string;
  };
}

export interface ConcernNotifiedToProvider {
  type: 'ConcernNotifiedToProvider';
  data: { concernId: string; method: 'email' | 'letter' | 'meeting' | 'portal' };
}

export interface ConcernAcknowledged {
  type: 'ConcernAcknowledged';
  data: { concernId: string; note: string };
}

export interface ConcernEscalated {
  type: 'ConcernEscalated';
  data: {
    concernId: string;
    fromLevel: EscalationLevel;
    toLevel: EscalationLevel;
    reason: string;
    /** The decision log (schema 2); null where none was given, absent on version-1 events (upcast to null). */
    decision?: DecisionLog | null;
  };
}

export interface ConcernDeescalated {
  type: 'ConcernDeescalated';
  data: { concernId: string; fromLevel: EscalationLevel; toLevel: EscalationLevel; reason: string };
}

export interface PlacementsSuspended {
  type: 'PlacementsSuspended';
  data: {
    concernId: string;
    reason: string;
    /** The decision log (schema 2); null where none was given, absent on version-1 events (upcast to null). */
    decision?: DecisionLog | null;
  };
}

export interface PlacementsResumed {
  type: 'PlacementsResumed';
  data: { concernId: string; reason: string };
}

export interface ConcernClosed {
  type: 'ConcernClosed';
  data: {
    concernId: string;
    outcome: string;
    /** Required when actions were still unverified at closure: the council says why it closes anyway. */
    overrideReason: string | null;
    unverifiedActionIds: string[];
  };
}

export interface ConcernReopened {
  type: 'ConcernReopened';
  data: { concernId: string; reason: string };
}

/** Calendar dates used by concern events, kept here so projections name them once. */
export type ConcernDate = LocalDate;
