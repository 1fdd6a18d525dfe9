import type { PlanAction } from '@caretrail/domain';
import { CompletionClaimDto, DueDateRevisionDto, VerificationDto, VerificationRejectionDto } from '../../resources/action-plans/action-plans.dto';
import { commandFields } from '../../resources/shared/command.dto';
import { actionBadge } from '../pages/status-badges';
import type { ConcernRecord } from '../read/concern-record.reader';
import { backToConcern } from './concern-lifecycle.forms';
import { dateFromParts } from './date-parts';
import { isBlankRow, rows, text } from './form-values';
import type { FormScope, WebForm } from './web-form';

/**
 * The forms on one action of the accepted plan, at `/app/concerns/:id/actions/:actionId/<form>`:
 * the provider claims it complete or moves its due date, the council verifies or rejects a claim.
 * The action comes from the address (`scope.params.actionId`); the domain judges every rule.
 */
type ActionForm<D extends object> = WebForm<ConcernRecord, D>;

const actionIdOf = (scope: FormScope<ConcernRecord>): string => scope.params.actionId ?? '';

export const actionOf = (scope: FormScope<ConcernRecord>): PlanAction | undefined => {
  const actions = scope.record.state.plan.actions;
  const id = actionIdOf(scope);
  return Object.hasOwn(actions, id) ? actions[id] : undefined;
};

/** What every action form shows above its fields: the action, its status and the claim being judged. */
const actionData = (scope: FormScope<ConcernRecord>) => {
  const action = actionOf(scope);
  return { planAction: action ?? null, actionStatus: action ? actionBadge(action.status) : null, latestClaim: action?.claims.at(-1) ?? null };
};

const back = (scope: FormScope<ConcernRecord>) => `/app/concerns/${scope.record.id}`;

export const claimCompletionForm: ActionForm<CompletionClaimDto> = {
  slug: 'claim',
  view: 'forms/claim-action.njk',
  title: () => 'Claim an action complete',
  dto: CompletionClaimDto,
  labels: {
    note: 'what was done',
    'evidence.*.name': 'the name of evidence document {n}',
    'evidence.*.sha256': 'the SHA-256 digest of evidence document {n}',
  },
  fieldOfRule: { 'claim-open-action-only': 'note', 'evidence-digest-sha256': 'evidence.0.sha256' },
  defaults: () => ({
    evidence: [
      { name: '', sha256: '' },
      { name: '', sha256: '' },
    ],
  }),
  viewData: (scope, values) => ({ ...actionData(scope), evidenceRows: rows(values, 'evidence').map((_row, i) => i) }),
  toDto: (values) => ({
    note: text(values, 'note'),
    evidence: rows(values, 'evidence')
      .filter((row) => !isBlankRow(row, ['name', 'sha256']))
      .map((row) => ({ name: text(row, 'name'), sha256: text(row, 'sha256')?.toLowerCase() })),
  }),
  command: (dto, scope) => {
    const { evidence, ...rest } = dto;
    return {
      kind: 'ClaimActionCompletion',
      concernId: scope.record.id,
      actionId: actionIdOf(scope),
      ...commandFields(rest),
      evidence: evidence.map((e) => ({ ...e })),
    };
  },
  back,
  done: (scope) => backToConcern(scope, 'action-claimed'),
};

/** The domain's two bases for a new due date: agreed with the council, or the provider's own decision. */
export const REVISION_BASES = [
  { value: 'agreed', text: 'Agreed with the council', hint: 'The council has agreed the new date' },
  { value: 'unilateral', text: 'Our decision alone', hint: 'Recorded as a unilateral change; the original date still counts for the on-time rate' },
];
/** A council records only revisions agreed with the provider. */
export const COUNCIL_REVISION_BASES = [{ value: 'agreed', text: 'Agreed with the provider', hint: 'The only kind a council records' }];

const isCouncil = (scope: FormScope<ConcernRecord>) => scope.who.organisationKind === 'council';

export const reviseDueDateForm: ActionForm<DueDateRevisionDto> = {
  slug: 'revise-due-date',
  view: 'forms/revise-due-date.njk',
  title: () => "Revise an action's due date",
  dto: DueDateRevisionDto,
  labels: { dueOn: 'the new due date', basis: 'whether the council agreed the new date', reason: 'the reason for the new date' },
  dateFields: ['dueOn'],
  fieldOfRule: {
    'due-date-must-change': 'dueOn',
    'action-already-verified': 'dueOn',
    'revision-reason-required': 'reason',
    'council-records-agreed-revisions-only': 'basis',
  },
  defaults: (scope) => (isCouncil(scope) ? { basis: 'agreed' } : {}),
  viewData: (scope) => ({ ...actionData(scope), bases: isCouncil(scope) ? COUNCIL_REVISION_BASES : REVISION_BASES, council: isCouncil(scope) }),
  toDto: (values) => ({ dueOn: dateFromParts(values, 'dueOn'), basis: text(values, 'basis'), reason: text(values, 'reason') }),
  command: (dto, scope) => ({ kind: 'ReviseActionDueDate', concernId: scope.record.id, actionId: actionIdOf(scope), ...commandFields(dto) }),
  back,
  done: (scope) => backToConcern(scope, 'due-date-revised'),
};

export const verifyActionForm: ActionForm<VerificationDto> = {
  slug: 'verify',
  view: 'forms/verify-action.njk',
  title: () => 'Verify a completed action',
  dto: VerificationDto,
  labels: { note: 'what you checked' },
  fieldOfRule: { 'action-must-be-completion-claimed': 'note' },
  viewData: actionData,
  toDto: (values) => ({ note: text(values, 'note') }),
  command: (dto, scope) => ({ kind: 'VerifyAction', concernId: scope.record.id, actionId: actionIdOf(scope), ...commandFields(dto) }),
  back,
  done: (scope) => backToConcern(scope, 'action-verified'),
};

export const rejectVerificationForm: ActionForm<VerificationRejectionDto> = {
  slug: 'reject',
  view: 'forms/reject-action.njk',
  title: () => 'Reject a completion claim',
  dto: VerificationRejectionDto,
  labels: { reason: 'why the action is not complete' },
  fieldOfRule: { 'action-must-be-completion-claimed': 'reason', 'rejection-reason-required': 'reason' },
  viewData: actionData,
  toDto: (values) => ({ reason: text(values, 'reason') }),
  command: (dto, scope) => ({ kind: 'RejectActionVerification', concernId: scope.record.id, actionId: actionIdOf(scope), ...commandFields(dto) }),
  back,
  done: (scope) => backToConcern(scope, 'action-rejected'),
};

/** Every form on an action, by the last segment of its address. */
export const PLAN_ACTION_FORMS: Record<string, WebForm<ConcernRecord, object>> = Object.fromEntries(
  [claimCompletionForm, reviseDueDateForm, verifyActionForm, rejectVerificationForm].map((form) => [
    form.slug,
    form as unknown as WebForm<ConcernRecord, object>,
  ]),
);
