import { CHALLENGE_OUTCOMES, type PublishedFinding } from '../events/visit-report.events';
import { assertQualityTags } from '../reference/quality-tags.rules';
import type { DomainActor, Occurred } from '../shared/decider';
import { assertDateNotInFuture } from '../shared/date-rules';
import { DomainRuleError, WrongPartyError } from '../shared/domain-error';
import { assertEvidence } from '../shared/evidence-rules';
import { toLocalDate } from '../shared/local-date';
import type { Instant } from '../shared/primitives';
import { isBlank, requireText } from '../shared/text-rules';
import { challengeClosesOn } from './challenge-window';
import type { ChallengeVisitFinding, DecideFindingChallenge, DraftVisitReport, PublishVisitReport } from './visit-report.commands';
import type { VisitReport } from './visit-report.state';

export const MAX_CHALLENGE_WINDOW_WORKING_DAYS = 60;
export const MAX_REPORT_FINDINGS = 50;
/** The visit types a council reports on as a draft open to challenge. */
export const DRAFT_REPORT_TYPES = ['council_monitoring', 'pamms_audit'] as const;

/** Whether a challenge to this report would be accepted on `day` (the window is open and it is still a draft). */
export const challengeWindowOpen = (report: VisitReport, now: Instant): boolean => report.publishedAt === null && toLocalDate(now) <= report.challengeClosesOn;

/** Challenges made and not yet decided. */
export const undecidedChallenges = (report: VisitReport) => report.challenges.filter((c) => c.decision === null);

/**
 * A draft is published once no challenge awaits a decision, and either its window has closed or the
 * provider has challenged and every challenge is decided (the provider answers a draft once).
 */
export function publicationBlocker(report: VisitReport, now: Instant): { rule: string; message: string } | null {
  if (report.publishedAt !== null) return { rule: 'report-published-once', message: 'The report is already published' };
  if (undecidedChallenges(report).length > 0) {
    return { rule: 'publish-after-decisions', message: 'Every challenge to the report is decided before it is published' };
  }
  if (report.challenges.length === 0 && toLocalDate(now) <= report.challengeClosesOn) {
    return {
      rule: 'publish-after-challenge-window',
      message: `The provider may challenge the draft until the end of ${report.challengeClosesOn}; publish after that, or once its challenges are decided`,
    };
  }
  return null;
}

function findReport(reports: readonly VisitReport[], visitId: string): VisitReport {
  const report = reports.find((r) => r.visitId === visitId);
  if (!report) throw new DomainRuleError('draft-report-exists', 'No draft report with that visit id on this concern');
  return report;
}

export function decideDraftReport(command: DraftVisitReport, reports: readonly VisitReport[], serviceId: string, now: Instant): Occurred[] {
  if (!(DRAFT_REPORT_TYPES as readonly string[]).includes(command.visitType)) {
    throw new DomainRuleError('draft-report-visit-type', 'A draft report is of a council monitoring visit or a PAMMS audit');
  }
  if (reports.some((r) => r.visitId === command.visitId)) throw new DomainRuleError('visit-report-unique', 'A report with that visit id is recorded already');
  assertDateNotInFuture(command.visitedOn, now, 'visitedOn');
  requireText(command.visitorRole, 'visit-details-required', "A visit names the visitor's post");
  const window = command.challengeWindowWorkingDays;
  if (!Number.isInteger(window) || window < 1 || window > MAX_CHALLENGE_WINDOW_WORKING_DAYS) {
    throw new DomainRuleError(
      'challenge-window-working-days',
      `The challenge window is a whole number of working days from 1 to ${MAX_CHALLENGE_WINDOW_WORKING_DAYS} (PAMMS uses 14)`,
    );
  }
  const items = command.findings ?? [];
  if (items.length === 0 || items.length > MAX_REPORT_FINDINGS || items.some((f) => isBlank(f.text))) {
    throw new DomainRuleError('report-findings-required', `A report records 1 to ${MAX_REPORT_FINDINGS} findings, each saying something`);
  }
  items.forEach((f, i) => assertQualityTags(f.tags, `findings.${i}.tags`));
  const sharedOn = toLocalDate(command.occurredAt);
  if (sharedOn < command.visitedOn) throw new DomainRuleError('report-shared-after-visit', 'A draft report is shared on or after the day of the visit');
  const { visitId, visitType, announced, visitedOn, visitorRole } = command;
  return [
    {
      type: 'VisitReportDrafted',
      occurredAt: command.occurredAt,
      data: {
        visitId,
        serviceId,
        concernId: command.concernId,
        visitType,
        announced,
        visitedOn,
        visitorRole,
        findings: items.map((f, i) => ({ findingNo: i + 1, text: f.text, tags: f.tags ?? [] })),
        challengeWindowWorkingDays: window,
        sharedOn,
        challengeClosesOn: challengeClosesOn(sharedOn, window),
      },
    },
  ];
}

/** The caller has checked the actor is the concern's provider. */
export function decideChallenge(command: ChallengeVisitFinding, reports: readonly VisitReport[], now: Instant): Occurred[] {
  const report = findReport(reports, command.visitId);
  if (report.publishedAt !== null) throw new DomainRuleError('challenge-before-publication', 'The report is published; challenges are made to the draft');
  if (toLocalDate(now) > report.challengeClosesOn) {
    throw new DomainRuleError(
      'challenge-within-window',
      `The window for challenges closed at the end of ${report.challengeClosesOn} (${report.challengeWindowWorkingDays} working days from ${report.sharedOn})`,
    );
  }
  if (!report.findings.some((f) => f.findingNo === command.findingNo)) {
    throw new DomainRuleError('challenge-names-a-finding', `The report has findings 1 to ${report.findings.length}`);
  }
  if (report.challenges.some((c) => c.findingNo === command.findingNo)) {
    throw new DomainRuleError('one-challenge-per-finding', `Finding ${command.findingNo} is challenged already`);
  }
  requireText(command.whatIsWrong, 'challenge-says-what-is-wrong', 'A challenge says what is wrong in the finding');
  const evidence = command.evidence ?? [];
  assertEvidence(evidence);
  const { visitId, challengeId, findingNo, whatIsWrong } = command;
  return [{ type: 'VisitFindingChallenged', occurredAt: command.occurredAt, data: { visitId, challengeId, findingNo, whatIsWrong, evidence } }];
}

/** The caller has checked the actor is the concern's council; the reviewer is not who drafted the report. */
export function decideChallengeDecision(command: DecideFindingChallenge, reports: readonly VisitReport[], actor: DomainActor): Occurred[] {
  const report = findReport(reports, command.visitId);
  if (actor.userId === report.draftedBy) {
    throw new WrongPartyError('challenge-decided-by-another-reviewer', 'A senior reviewer other than the author of the report decides a challenge');
  }
  const challenge = report.challenges.find((c) => c.challengeId === command.challengeId);
  if (!challenge) throw new DomainRuleError('challenge-exists', 'No challenge with that id on this report');
  if (challenge.decision !== null) throw new DomainRuleError('challenge-decided-once', 'The challenge is decided already');
  if (!(CHALLENGE_OUTCOMES as readonly string[]).includes(command.outcome)) {
    throw new DomainRuleError('challenge-outcome', 'A decision is upheld, partly upheld or not upheld');
  }
  requireText(command.reasons, 'decision-reasons-required', 'A decision on a challenge gives its reasons');
  requireText(command.reviewerRole, 'decision-reviewer-role-required', "A decision names the senior reviewer's post");
  const amendedFinding = isBlank(command.amendedFinding) ? null : (command.amendedFinding as string);
  if (amendedFinding !== null && command.outcome === 'not_upheld') {
    throw new DomainRuleError('amendment-only-when-upheld', 'A finding is amended only when the challenge is upheld or partly upheld');
  }
  const { visitId, challengeId, outcome, reasons, reviewerRole } = command;
  return [
    {
      type: 'FindingChallengeDecided',
      occurredAt: command.occurredAt,
      data: { visitId, challengeId, findingNo: challenge.findingNo, outcome, reasons, reviewerRole, amendedFinding },
    },
  ];
}

/** The findings as published: each decision's amendment applied, the challenge and decision beside its finding. */
export function publishedFindings(report: VisitReport): PublishedFinding[] {
  return report.findings.map((f) => {
    const challenge = report.challenges.find((c) => c.findingNo === f.findingNo) ?? null;
    const decision = challenge?.decision ?? null;
    return {
      findingNo: f.findingNo,
      text: decision?.amendedFinding ?? f.text,
      draftText: f.text,
      tags: f.tags,
      challenge: challenge ? { challengeId: challenge.challengeId, whatIsWrong: challenge.whatIsWrong, evidence: challenge.evidence } : null,
      decision: decision ? { outcome: decision.outcome, reasons: decision.reasons, reviewerRole: decision.reviewerRole } : null,
    };
  });
}

export function decidePublication(command: PublishVisitReport, reports: readonly VisitReport[], serviceId: string, now: Instant): Occurred[] {
  const report = findReport(reports, command.visitId);
  const blocker = publicationBlocker(report, now);
  if (blocker) throw new DomainRuleError(blocker.rule, blocker.message);
  return [
    {
      type: 'VisitReportPublished',
      occurredAt: command.occurredAt,
      data: {
        visitId: report.visitId,
        serviceId,
        concernId: command.concernId,
        visitType: report.visitType,
        visitedOn: report.visitedOn,
        findings: publishedFindings(report),
      },
    },
  ];
}
