import type { ChallengeOutcome } from '../events/visit-report.events';
import type { EvidenceReference, LocalDate } from '../shared/primitives';

/** A council's monitoring visit report or PAMMS audit, recorded as a draft open to the provider's challenge. */
export interface DraftVisitReport {
  kind: 'DraftVisitReport';
  concernId: string;
  visitId: string;
  visitType: 'council_monitoring' | 'pamms_audit';
  announced: boolean;
  visitedOn: LocalDate;
  visitorRole: string;
  findings: { text: string; tags?: string[] }[];
  /** The council's window for challenges, in working days (PAMMS uses 14). */
  challengeWindowWorkingDays: number;
  /** When the draft went to the provider; the window runs from that day. */
  occurredAt: string;
}

export interface ChallengeVisitFinding {
  kind: 'ChallengeVisitFinding';
  concernId: string;
  visitId: string;
  challengeId: string;
  findingNo: number;
  whatIsWrong: string;
  evidence?: EvidenceReference[];
  occurredAt: string;
}

export interface DecideFindingChallenge {
  kind: 'DecideFindingChallenge';
  concernId: string;
  visitId: string;
  challengeId: string;
  outcome: ChallengeOutcome;
  reasons: string;
  reviewerRole: string;
  amendedFinding?: string | null;
  occurredAt: string;
}

export interface PublishVisitReport {
  kind: 'PublishVisitReport';
  concernId: string;
  visitId: string;
  occurredAt: string;
}

export type VisitReportCommand = DraftVisitReport | ChallengeVisitFinding | DecideFindingChallenge | PublishVisitReport;
