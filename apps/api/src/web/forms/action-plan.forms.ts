import { currentUpdatePeriod, lastPlanVersion, updatePeriod, versionUnderReview } from '@caretrail/domain';
import { v7 as uuidv7 } from 'uuid';
import { PlanUpdateDto, RequestActionPlanDto, ReturnActionPlanDto, SubmitActionPlanDto } from '../../resources/action-plans/action-plans.dto';
import { CommandDto, commandFields } from '../../resources/shared/command.dto';
import type { ConcernRecord } from '../read/concern-record.reader';
import { formatDate } from '../rendering/date-format';
import { backToConcern } from './concern-lifecycle.forms';
import { dateFromParts, partsFromDate } from './date-parts';
import { integer, isBlankRow, lines, rows, text } from './form-values';
import type { FormScope, FormValues, WebForm } from './web-form';

type ConcernForm<D extends object> = WebForm<ConcernRecord, D>;

export const requestPlanForm: ConcernForm<RequestActionPlanDto> = {
  slug: 'request-plan',
  view: 'forms/request-plan.njk',
  title: () => 'Request an action plan',
  dto: RequestActionPlanDto,
  labels: { dueOn: 'the date the plan is due', updateCadenceDays: 'the days between updates', graceDays: 'the grace days' },
  dateFields: ['dueOn'],
  fieldOfRule: { 'plan-due-on-after-request': 'dueOn', 'update-cadence-positive': 'updateCadenceDays', 'grace-days-non-negative': 'graceDays' },
  defaults: () => ({ updateCadenceDays: '7', graceDays: '2' }),
  toDto: (values) => ({
    dueOn: dateFromParts(values, 'dueOn'),
    updateCadenceDays: integer(values, 'updateCadenceDays'),
    graceDays: integer(values, 'graceDays'),
  }),
  command: (dto, scope) => ({ kind: 'RequestActionPlan', concernId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'plan-requested'),
};

const ACTION_KEYS = ['description', 'owner', 'measure', 'dueOn-day', 'dueOn-month', 'dueOn-year'];
const blankAction = (): FormValues => ({ actionId: '', description: '', owner: '', measure: '' });

/** A resubmission starts from the latest version, keeping each action's id so the versions compare action by action. */
function latestActions(scope: FormScope<ConcernRecord>): FormValues[] {
  const latest = scope.record.state.plan.versions.at(-1);
  if (!latest) return [blankAction(), blankAction()];
  return [...latest.actions.map((a) => ({ ...a, ...partsFromDate('dueOn', a.dueOn) })), blankAction()];
}

export const submitPlanForm: ConcernForm<SubmitActionPlanDto> = {
  slug: 'submit-plan',
  view: 'forms/submit-plan.njk',
  title: (scope) => `Submit action plan version ${lastPlanVersion(scope.record.state) + 1}`,
  dto: SubmitActionPlanDto,
  labels: {
    summary: 'a summary of the plan',
    actions: 'action',
    'actions.*.description': 'what action {n} will do',
    'actions.*.owner': 'who owns action {n}',
    'actions.*.dueOn': 'the due date of action {n}',
    'actions.*.measure': 'how action {n} will be measured',
    version: 'the version number',
  },
  dateFields: ['actions.*.dueOn'],
  fieldOfRule: { 'plan-needs-actions': 'actions.0.description', 'plan-action-details-required': 'actions.0.description' },
  defaults: (scope) => ({
    version: String(lastPlanVersion(scope.record.state) + 1),
    summary: scope.record.state.plan.versions.at(-1)?.summary ?? '',
    actions: latestActions(scope),
  }),
  viewData: (_scope, values) => ({ actionRows: rows(values, 'actions').map((_row, i) => i) }),
  adjust: (values) => (values.addAction ? { ...values, addAction: undefined, actions: [...rows(values, 'actions'), blankAction()] } : null),
  toDto: (values) => ({
    version: integer(values, 'version'),
    summary: text(values, 'summary'),
    actions: rows(values, 'actions')
      .filter((row) => !isBlankRow(row, ACTION_KEYS))
      .map((row) => ({
        ...(text(row, 'actionId') ? { actionId: text(row, 'actionId') } : {}),
        description: text(row, 'description'),
        owner: text(row, 'owner'),
        dueOn: dateFromParts(row, 'dueOn'),
        measure: text(row, 'measure'),
      })),
  }),
  command: (dto, scope) => {
    const { actions, ...rest } = dto;
    return {
      kind: 'SubmitActionPlan',
      concernId: scope.record.id,
      ...commandFields(rest),
      actions: actions.map(({ actionId, ...action }) => ({ actionId: actionId ?? uuidv7(), ...action })),
    };
  },
  done: (scope) => backToConcern(scope, 'plan-submitted'),
};

/** The review page shows the version awaiting review, with the accept and return forms. */
const reviewData = (scope: FormScope<ConcernRecord>) => ({ underReview: versionUnderReview(scope.record.state.plan) ?? null });

export const returnPlanForm: ConcernForm<ReturnActionPlanDto> = {
  slug: 'return-plan',
  view: 'forms/review-plan.njk',
  title: () => 'Review the action plan',
  dto: ReturnActionPlanDto,
  labels: { reasons: 'a reason for returning the plan' },
  fieldOfRule: { 'return-reasons-required': 'reasons' },
  viewData: reviewData,
  // One reason per line, as people write them; none typed is "Enter a reason ...".
  toDto: (values) => ({ reasons: lines(values, 'reasons') }),
  command: (dto, scope, values) => ({ kind: 'ReturnActionPlan', concernId: scope.record.id, version: reviewedVersion(values, scope), ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'plan-returned'),
};

export const acceptPlanForm: ConcernForm<CommandDto> = {
  slug: 'accept-plan',
  view: 'forms/review-plan.njk',
  title: () => 'Review the action plan',
  dto: CommandDto,
  labels: {},
  viewData: reviewData,
  toDto: () => ({}),
  command: (dto, scope, values) => ({ kind: 'AcceptActionPlan', concernId: scope.record.id, version: reviewedVersion(values, scope), ...commandFields(dto) }),
  done: (scope) => backToConcern(scope, 'plan-accepted'),
};

/**
 * The version the officer reviewed, as the page showed it (a hidden field); the domain refuses it if
 * it is no longer under review.
 */
const reviewedVersion = (values: FormValues, scope: FormScope<ConcernRecord>): number =>
  Number(text(values, 'version')) || (versionUnderReview(scope.record.state.plan)?.version ?? 0);

const STATUS_KEYS = ['status', 'note'];

/** The periods an update may be given for now: those ended or running, newest first, not yet reported. */
function periodChoices(scope: FormScope<ConcernRecord>) {
  const plan = scope.record.state.plan;
  if (!plan.schedule) return [];
  const current = currentUpdatePeriod(plan.schedule, scope.today);
  const reported = new Set(plan.updates.map((u) => u.periodEnding));
  return Array.from({ length: current.index }, (_, i) => updatePeriod(plan.schedule!, current.index - i))
    .filter((p) => !reported.has(p.endsOn))
    .slice(0, 6)
    .map((p) => ({
      value: p.endsOn,
      text: `Period ending ${formatDate(p.endsOn)}`,
      hint: `${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}; on time until ${formatDate(p.dueBy)}`,
    }));
}

/** Actions still open or in progress in the accepted plan: the ones an update reports on. */
const reportableActions = (scope: FormScope<ConcernRecord>) =>
  Object.values(scope.record.state.plan.actions).filter((a) => a.inAcceptedPlan && (a.status === 'open' || a.status === 'in_progress'));

export const planUpdateForm: ConcernForm<PlanUpdateDto> = {
  slug: 'update',
  view: 'forms/plan-update.njk',
  title: () => 'Submit a plan update',
  dto: PlanUpdateDto,
  labels: {
    periodEnding: 'the period this update covers',
    summary: 'a summary of progress',
    'actions.*.status': 'the status of action {n}',
    'actions.*.note': 'a note on action {n}',
    'evidence.*.name': 'the name of evidence document {n}',
    'evidence.*.sha256': 'the SHA-256 digest of evidence document {n}',
  },
  fieldOfRule: { 'period-ending-on-cadence': 'periodEnding', 'one-update-per-period': 'periodEnding' },
  defaults: (scope) => ({
    actions: reportableActions(scope).map((a) => ({ actionId: a.actionId, status: a.status, note: '' })),
    evidence: [
      { name: '', sha256: '' },
      { name: '', sha256: '' },
    ],
  }),
  viewData: (scope, values) => ({
    periods: periodChoices(scope),
    actionRows: rows(values, 'actions').map((row, i) => ({ index: i, action: scope.record.state.plan.actions[String(row.actionId)] })),
    evidenceRows: rows(values, 'evidence').map((_row, i) => i),
  }),
  toDto: (values) => ({
    periodEnding: text(values, 'periodEnding'),
    summary: text(values, 'summary'),
    actions: rows(values, 'actions')
      .filter((row) => !isBlankRow(row, STATUS_KEYS))
      .map((row) => ({ actionId: text(row, 'actionId'), status: text(row, 'status'), note: text(row, 'note') })),
    evidence: rows(values, 'evidence')
      .filter((row) => !isBlankRow(row, ['name', 'sha256']))
      .map((row) => ({ name: text(row, 'name'), sha256: text(row, 'sha256')?.toLowerCase() })),
  }),
  command: (dto, scope) => {
    const { actions, evidence, ...rest } = dto;
    return {
      kind: 'SubmitPlanUpdate',
      concernId: scope.record.id,
      ...commandFields(rest),
      actions: actions.map((a) => ({ ...a })),
      evidence: evidence.map((e) => ({ ...e })),
    };
  },
  done: (scope) => backToConcern(scope, 'update-submitted'),
};
