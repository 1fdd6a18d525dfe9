import type { EvidenceReference, LocalDate } from '../shared/primitives';
import type { VisitType } from './visit.events';

/** One finding of a report, numbered from 1 in the order the council wrote them. */
export interface ReportFinding {
  findingNo: number;
  text: string;
  /** PAMMS standards and CQC quality statements the finding concerns (reference/quality-frameworks.ts). */
  tags: string[];
}

export const CHALLENGE_OUTCOMES = ['upheld', 'partly_upheld', 'not_upheld'] as const;
export type ChallengeOutcome = (typeof CHALLENGE_OUTCOMES)[number];

/**
 * A council visit report or PAMMS audit recorded as a draft (issue 16 item 3): shared with the provider
 * on its occurredAt day, open to challenge for the council's number of working days.
 */
export interface VisitReportDrafted {
  type: 'VisitReportDrafted';
  data: {
    visitId: string;
    serviceId: string;
    concernId: string;
    visitType: VisitType;
    announced: boolean;
    visitedOn: LocalDate;
    /** The visitor's post (not a name). */
    visitorRole: string;
    findings: ReportFinding[];
    /** The council's challenge window in working days (PAMMS uses 14). */
    challengeWindowWorkingDays: number;
    /** The day the draft went to the provider (occurredAt in Europe/London). */
    sharedOn: LocalDate;
    /** The last day a challenge is accepted: sharedOn plus the window in working days (England). */
    challengeClosesOn: LocalDate;
  };
}

/** The provider's challenge to the factual accuracy of one finding of a draft. */
export interface VisitFindingChallenged {
  type: 'VisitFindingChallenged';
  data: {
    visitId: string;
    challengeId: string;
    findingNo: number;
    /** What the provider says is wrong, in its words. */
    whatIsWrong: string;
    evidence: EvidenceReference[];
  };
}

/** A senior reviewer of the council decides a challenge, with reasons. */
export interface FindingChallengeDecided {
  type: 'FindingChallengeDecided';
  data: {
    visitId: string;
    challengeId: string;
    findingNo: number;
    outcome: ChallengeOutcome;
    reasons: string;
    /** The senior reviewer's post (not a name). */
    reviewerRole: string;
    /** The finding as it will be published, when the decision changes it (upheld or partly upheld); else null. */
    amendedFinding: string | null;
  };
}

/** A published finding: as drafted, as amended by a decision, and the challenge and decision beside it. */
export interface PublishedFinding {
  findingNo: number;
  text: string;
  draftText: string;
  tags: string[];
  challenge: { challengeId: string; whatIsWrong: string; evidence: EvidenceReference[] } | null;
  decision: { outcome: ChallengeOutcome; reasons: string; reviewerRole: string } | null;
}

/** The report published after its window and every decision; the findings carry their challenges. */
export interface VisitReportPublished {
  type: 'VisitReportPublished';
  data: {
    visitId: string;
    serviceId: string;
    concernId: string;
    visitType: VisitType;
    visitedOn: LocalDate;
    findings: PublishedFinding[];
  };
}
