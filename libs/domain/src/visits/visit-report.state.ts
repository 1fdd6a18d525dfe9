import type { ChallengeOutcome, PublishedFinding, ReportFinding } from '../events/visit-report.events';
import type { VisitType } from '../events/visit.events';
import type { Recorded } from '../shared/decider';
import type { EvidenceReference, Instant, LocalDate } from '../shared/primitives';

export interface ChallengeDecision {
  outcome: ChallengeOutcome;
  reasons: string;
  reviewerRole: string;
  amendedFinding: string | null;
  at: Instant;
}

export interface FindingChallenge {
  eventId: string;
  challengeId: string;
  findingNo: number;
  whatIsWrong: string;
  evidence: EvidenceReference[];
  at: Instant;
  decision: ChallengeDecision | null;
}

/** A visit report recorded as a draft, its challenges and decisions, and once published the findings as published. */
export interface VisitReport {
  eventId: string;
  visitId: string;
  visitType: VisitType;
  announced: boolean;
  visitedOn: LocalDate;
  visitorRole: string;
  findings: ReportFinding[];
  challengeWindowWorkingDays: number;
  sharedOn: LocalDate;
  challengeClosesOn: LocalDate;
  /** The user who drafted it: a challenge is decided by another. */
  draftedBy: string;
  at: Instant;
  challenges: FindingChallenge[];
  publishedAt: Instant | null;
  published: PublishedFinding[] | null;
}

const update = (reports: VisitReport[], visitId: string, change: (r: VisitReport) => VisitReport): VisitReport[] =>
  reports.map((r) => (r.visitId === visitId ? change(r) : r));

/** Folds the four visit-report events into a record's list of reports. */
export function evolveVisitReports(reports: VisitReport[], event: Recorded): VisitReport[] {
  switch (event.type) {
    case 'VisitReportDrafted': {
      const d = event.data;
      return [
        ...reports,
        {
          eventId: event.eventId,
          visitId: d.visitId,
          visitType: d.visitType,
          announced: d.announced,
          visitedOn: d.visitedOn,
          visitorRole: d.visitorRole,
          findings: d.findings,
          challengeWindowWorkingDays: d.challengeWindowWorkingDays,
          sharedOn: d.sharedOn,
          challengeClosesOn: d.challengeClosesOn,
          draftedBy: event.actor.userId,
          at: event.occurredAt,
          challenges: [],
          publishedAt: null,
          published: null,
        },
      ];
    }
    case 'VisitFindingChallenged': {
      const { challengeId, findingNo, whatIsWrong, evidence } = event.data;
      const challenge: FindingChallenge = { eventId: event.eventId, challengeId, findingNo, whatIsWrong, evidence, at: event.occurredAt, decision: null };
      return update(reports, event.data.visitId, (r) => ({ ...r, challenges: [...r.challenges, challenge] }));
    }
    case 'FindingChallengeDecided': {
      const { challengeId, outcome, reasons, reviewerRole, amendedFinding } = event.data;
      const decision: ChallengeDecision = { outcome, reasons, reviewerRole, amendedFinding, at: event.occurredAt };
      return update(reports, event.data.visitId, (r) => ({
        ...r,
        challenges: r.challenges.map((c) => (c.challengeId === challengeId ? { ...c, decision } : c)),
      }));
    }
    case 'VisitReportPublished':
      return update(reports, event.data.visitId, (r) => ({ ...r, publishedAt: event.occurredAt, published: event.data.findings }));
    default:
      return reports;
  }
}
