import { challengeWindowOpen, type VisitReport } from '@caretrail/domain';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { v7 as uuidv7 } from 'uuid';
import { commandFields } from '../../resources/shared/command.dto';
import { ChallengeFindingDto, DecideChallengeDto, DraftVisitReportDto, PublishVisitReportDto } from '../../resources/concerns/visit-reports.dto';
import type { ConcernRecord } from '../read/concern-record.reader';
import { formatDate } from '../rendering/date-format';
import { visitTypeWords } from '../pages/record-words';
import { backToConcern } from './concern-lifecycle.forms';
import { dateFromParts } from './date-parts';
import { integer, isBlankRow, lines, rows, text, yesNo } from './form-values';
import type { FormScope, FormValues, WebForm } from './web-form';

/**
 * Issue 16 item 3 on the pages: the council drafts a visit report with a challenge window, the provider
 * challenges a finding within it, a senior reviewer of the council decides, the council publishes
 * (docs/procedure.md, "Challenge to factual accuracy").
 */
type ConcernForm<D extends object> = WebForm<ConcernRecord, D>;

export const OUTCOME_WORDS: Record<string, string> = { upheld: 'Upheld', partly_upheld: 'Partly upheld', not_upheld: 'Not upheld' };

const reportName = (r: VisitReport) => `${visitTypeWords(r.visitType)} on ${formatDate(r.visitedOn)}`;
const nowInstant = () => new Date().toISOString();

/** Findings the provider may still challenge today: drafts in their window, findings not yet challenged. */
export function challengeableFindings(reports: readonly VisitReport[], now = nowInstant()) {
  return reports
    .filter((r) => challengeWindowOpen(r, now))
    .flatMap((r) =>
      r.findings
        .filter((f) => !r.challenges.some((c) => c.findingNo === f.findingNo))
        .map((f) => ({
          value: `${r.visitId}:${f.findingNo}`,
          text: `${reportName(r)}, finding ${f.findingNo}: ${f.text}`,
          hint: `Challenges close at the end of ${formatDate(r.challengeClosesOn)}`,
        })),
    );
}

/** Challenges awaiting a senior reviewer's decision. */
export const undecidedChallengeOptions = (reports: readonly VisitReport[]) =>
  reports.flatMap((r) =>
    r.challenges
      .filter((c) => c.decision === null)
      .map((c) => ({
        value: c.challengeId,
        text: `${reportName(r)}, finding ${c.findingNo}`,
        hint: `Finding: ${r.findings.find((f) => f.findingNo === c.findingNo)?.text ?? ''} — The provider says: ${c.whatIsWrong}`,
      })),
  );

/** Drafts not yet published. */
export const unpublishedReportOptions = (reports: readonly VisitReport[]) =>
  reports
    .filter((r) => r.publishedAt === null)
    .map((r) => ({
      value: r.visitId,
      text: reportName(r),
      hint: `${r.findings.length} finding${r.findings.length === 1 ? '' : 's'}; ${r.challenges.length} challenged, ${r.challenges.filter((c) => c.decision === null).length} awaiting a decision; challenges close at the end of ${formatDate(r.challengeClosesOn)}`,
    }));

/** `<visitId>:<second part>` as chosen on a form. */
const choice = (values: FormValues, key: string): [string, string] => {
  const [visitId = '', rest = ''] = (text(values, key) ?? '').split(':');
  return [visitId, rest];
};

/** The decision form chooses the challenge on the form itself. */
class DecideChallengeFormDto extends DecideChallengeDto {
  @ApiProperty()
  @IsUUID()
  challengeId!: string;
}

/** The publication form chooses the report on the form itself. */
class PublishReportFormDto extends PublishVisitReportDto {
  @ApiProperty()
  @IsUUID()
  visitId!: string;
}

export const draftReportForm: ConcernForm<DraftVisitReportDto> = {
  slug: 'draft-report',
  view: 'forms/draft-report.njk',
  title: () => 'Draft a visit report for the provider to check',
  dto: DraftVisitReportDto,
  labels: {
    visitType: 'the type of visit',
    announced: 'whether the visit was announced',
    visitedOn: 'the date of the visit',
    visitorRole: "the visitor's role",
    findings: 'the findings',
    'findings.*.text': 'finding {n}',
    challengeWindowWorkingDays: 'the number of working days for challenges',
  },
  inputOf: { 'findings.*.text': 'findings', 'findings.*.tags': 'findings' },
  dateFields: ['visitedOn'],
  fieldOfRule: {
    'date-not-in-future': 'visitedOn',
    'report-findings-required': 'findings',
    'challenge-window-working-days': 'challengeWindowWorkingDays',
    'report-shared-after-visit': 'visitedOn',
    'draft-report-visit-type': 'visitType',
    'visit-details-required': 'visitorRole',
  },
  defaults: () => ({ challengeWindowWorkingDays: '14' }),
  viewData: () => ({
    visitTypes: [
      { value: 'pamms_audit', text: 'PAMMS audit' },
      { value: 'council_monitoring', text: 'Council monitoring visit' },
    ],
  }),
  toDto: (values) => ({
    visitType: text(values, 'visitType'),
    announced: yesNo(values, 'announced'),
    visitedOn: dateFromParts(values, 'visitedOn'),
    visitorRole: text(values, 'visitorRole'),
    findings: (lines(values, 'findings') ?? []).map((line) => ({ text: line })),
    challengeWindowWorkingDays: integer(values, 'challengeWindowWorkingDays'),
  }),
  command: (dto, scope) => ({
    kind: 'DraftVisitReport',
    concernId: scope.record.id,
    visitId: uuidv7(),
    ...commandFields(dto),
    findings: dto.findings.map((f) => ({ text: f.text, tags: f.tags ?? [] })),
  }),
  done: (scope) => backToConcern(scope, 'report-drafted'),
};

export const challengeFindingForm: ConcernForm<ChallengeFindingDto> = {
  slug: 'challenge-finding',
  view: 'forms/challenge-finding.njk',
  title: () => 'Challenge a finding of a draft report',
  dto: ChallengeFindingDto,
  labels: {
    findingNo: 'the finding you challenge',
    whatIsWrong: 'what is wrong in the finding',
    'evidence.*.name': 'the name of evidence document {n}',
    'evidence.*.sha256': 'the SHA-256 digest of evidence document {n}',
  },
  inputOf: { findingNo: 'finding' },
  fieldOfRule: {
    'challenge-within-window': 'finding',
    'challenge-names-a-finding': 'finding',
    'one-challenge-per-finding': 'finding',
    'draft-report-exists': 'finding',
    'challenge-before-publication': 'finding',
    'challenge-says-what-is-wrong': 'whatIsWrong',
    'evidence-digest-sha256': 'evidence.0.sha256',
  },
  defaults: () => ({
    evidence: [
      { name: '', sha256: '' },
      { name: '', sha256: '' },
    ],
  }),
  viewData: (scope: FormScope<ConcernRecord>, values) => ({
    findings: challengeableFindings(scope.record.live.reports),
    evidenceRows: rows(values, 'evidence').map((_row, i) => i),
  }),
  toDto: (values) => {
    const [, findingNo] = choice(values, 'finding');
    return {
      findingNo: /^\d+$/.test(findingNo) ? Number(findingNo) : undefined,
      whatIsWrong: text(values, 'whatIsWrong'),
      evidence: rows(values, 'evidence')
        .filter((row) => !isBlankRow(row, ['name', 'sha256']))
        .map((row) => ({ name: text(row, 'name'), sha256: text(row, 'sha256')?.toLowerCase() })),
    };
  },
  command: (dto, scope, values) => {
    const { evidence, ...rest } = dto;
    const [visitId] = choice(values, 'finding');
    return {
      kind: 'ChallengeVisitFinding',
      concernId: scope.record.id,
      visitId,
      challengeId: uuidv7(),
      ...commandFields(rest),
      evidence: (evidence ?? []).map((e) => ({ ...e })),
    };
  },
  done: (scope) => backToConcern(scope, 'finding-challenged'),
};

export const decideChallengeForm: ConcernForm<DecideChallengeFormDto> = {
  slug: 'decide-challenge',
  view: 'forms/decide-challenge.njk',
  title: () => 'Decide a challenge to a finding',
  dto: DecideChallengeFormDto,
  labels: {
    challengeId: 'the challenge to decide',
    outcome: 'the decision',
    reasons: 'the reasons for the decision',
    reviewerRole: "the senior reviewer's post",
    amendedFinding: 'the finding as amended',
  },
  fieldOfRule: {
    'challenge-exists': 'challengeId',
    'challenge-decided-once': 'challengeId',
    'draft-report-exists': 'challengeId',
    'challenge-decided-by-another-reviewer': 'challengeId',
    'decision-reasons-required': 'reasons',
    'amendment-only-when-upheld': 'amendedFinding',
    'challenge-outcome': 'outcome',
  },
  viewData: (scope: FormScope<ConcernRecord>) => ({
    challenges: undecidedChallengeOptions(scope.record.live.reports),
    outcomes: Object.entries(OUTCOME_WORDS).map(([value, words]) => ({ value, text: words })),
  }),
  toDto: (values) => ({
    challengeId: text(values, 'challengeId') || undefined,
    outcome: text(values, 'outcome'),
    reasons: text(values, 'reasons'),
    reviewerRole: text(values, 'reviewerRole'),
    amendedFinding: text(values, 'amendedFinding') || null,
  }),
  command: (dto, scope) => {
    const { amendedFinding, challengeId, ...rest } = dto;
    const visitId = scope.record.live.reports.find((r) => r.challenges.some((c) => c.challengeId === challengeId))?.visitId ?? '';
    return { kind: 'DecideFindingChallenge', concernId: scope.record.id, visitId, challengeId, ...commandFields(rest), amendedFinding: amendedFinding ?? null };
  },
  done: (scope) => backToConcern(scope, 'challenge-decided'),
};

export const publishReportForm: ConcernForm<PublishReportFormDto> = {
  slug: 'publish-report',
  view: 'forms/publish-report.njk',
  title: () => 'Publish a visit report',
  dto: PublishReportFormDto,
  labels: { visitId: 'the report to publish' },
  fieldOfRule: {
    'publish-after-challenge-window': 'visitId',
    'publish-after-decisions': 'visitId',
    'report-published-once': 'visitId',
    'draft-report-exists': 'visitId',
  },
  viewData: (scope: FormScope<ConcernRecord>) => ({ reports: unpublishedReportOptions(scope.record.live.reports) }),
  toDto: (values) => ({ visitId: text(values, 'visitId') || undefined }),
  command: (dto, scope) => ({ kind: 'PublishVisitReport', concernId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'report-published'),
};

export const visitReportForms = [draftReportForm, challengeFindingForm, decideChallengeForm, publishReportForm];
