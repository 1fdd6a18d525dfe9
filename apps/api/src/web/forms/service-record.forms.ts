import { COMMENT_TOPICS, ENFORCEMENT_ACTIONS, KEY_QUESTIONS, RATINGS, REGULATORS, VISIT_PARTIES, VISIT_TYPES, serviceStream } from '@caretrail/domain';
import { v7 as uuidv7 } from 'uuid';
import { EnforcementActionDto, PublishRatingDto } from '../../resources/ratings/ratings.dto';
import { commandFields } from '../../resources/shared/command.dto';
import { ManagerAbsenceDto, ManagerRegisteredDto, ManagerReturnDto, ServiceCommentDto, ServiceVisitDto } from '../../resources/services/services.dto';
import { relationTo } from '../pages/offered-actions';
import type { PortfolioContract } from '../read/portfolio';
import type { ServiceRecord } from '../read/service-record.reader';
import { formatDate } from '../rendering/date-format';
import { visitTypeWords } from '../pages/record-words';
import { humanise } from '../rendering/nunjucks-environment';
import { dateFromParts } from './date-parts';
import { options, text, yesNo } from './form-values';
import { correctionForm, retractionForm } from './record-entries.forms';
import type { FormScope, WebForm } from './web-form';

type ServiceForm<D extends object> = WebForm<ServiceRecord, D>;

const backToService = (scope: FormScope<ServiceRecord>, outcome: string) => ({ href: `/app/services/${scope.record.id}`, outcome });

/** A service as its forms see it: with the confirmed contracts under which the reader's council acts there. */
export type ServiceFormRecord = ServiceRecord & { councilContracts: PortfolioContract[] };

/**
 * How the reader stands to the service: a council holding a confirmed contract for it is its
 * commissioning council (known on the forms, which read the council's contracts).
 */
export const serviceRelation = (
  record: { live: { providerId: string | null }; councilContracts?: PortfolioContract[] },
  who: FormScope<ServiceRecord>['who'],
) => relationTo(who, { providerId: record.live.providerId, councilId: record.councilContracts?.length ? who.organisationId : null });

/** A council names the contract it acts under: the only one, or the one chosen. */
const contractChoice = (scope: FormScope<ServiceFormRecord>) =>
  (scope.record.councilContracts ?? []).map((c) => ({
    value: c.contractId,
    text: `Contract ${c.reference}`,
    hint: `${formatDate(c.startsOn)} to ${c.endsOn ? formatDate(c.endsOn) : 'no end date'}`,
  }));
const contractOf = (values: Record<string, unknown>, scope: FormScope<ServiceFormRecord>) => {
  const choices = contractChoice(scope);
  return choices.length === 1 ? choices[0].value : text(values, 'contractId') || undefined;
};

const managerInPost = (scope: FormScope<ServiceRecord>) => scope.record.live.manager;

export const registerManagerForm: ServiceForm<ManagerRegisteredDto> = {
  slug: 'register-manager',
  view: 'forms/register-manager.njk',
  title: (scope) => `Record ${managerInPost(scope)?.managerName ?? 'the manager'}'s registration`,
  dto: ManagerRegisteredDto,
  labels: { registeredOn: 'the day the registration took effect' },
  dateFields: ['registeredOn'],
  fieldOfRule: { 'manager-must-be-in-post': 'registeredOn', 'date-not-in-future': 'registeredOn', 'manager-dates-in-order': 'registeredOn' },
  viewData: (scope) => ({ manager: managerInPost(scope) }),
  toDto: (values) => ({ registeredOn: dateFromParts(values, 'registeredOn') }),
  command: (dto, scope, values) => ({
    kind: 'RecordManagerRegistered',
    serviceId: scope.record.id,
    managerId: text(values, 'managerId') || (managerInPost(scope)?.managerId ?? ''),
    ...commandFields(dto),
  }),
  done: (scope) => backToService(scope, 'manager-registered'),
};

export const managerAbsenceForm: ServiceForm<ManagerAbsenceDto> = {
  slug: 'manager-absence',
  view: 'forms/manager-absence.njk',
  title: (scope) => `Record ${managerInPost(scope)?.managerName ?? 'the manager'}'s absence`,
  dto: ManagerAbsenceDto,
  labels: {
    absenceStartedOn: 'the first day of the absence',
    notifiedOn: 'the day you told the regulator',
    emergency: 'whether the absence was an emergency',
    expectedReturnOn: 'the expected day of return',
  },
  dateFields: ['absenceStartedOn', 'notifiedOn', 'expectedReturnOn'],
  fieldOfRule: { 'manager-must-be-in-post': 'absenceStartedOn', 'date-not-in-future': 'notifiedOn', 'absence-notified-after-start': 'notifiedOn' },
  viewData: (scope) => ({ manager: managerInPost(scope) }),
  toDto: (values) => ({
    absenceStartedOn: dateFromParts(values, 'absenceStartedOn'),
    notifiedOn: dateFromParts(values, 'notifiedOn'),
    emergency: yesNo(values, 'emergency'),
    expectedReturnOn: dateFromParts(values, 'expectedReturnOn') || undefined,
  }),
  command: (dto, scope, values) => {
    const { expectedReturnOn, ...rest } = dto;
    return {
      kind: 'NotifyManagerAbsence',
      serviceId: scope.record.id,
      managerId: text(values, 'managerId') || (managerInPost(scope)?.managerId ?? ''),
      ...commandFields(rest),
      expectedReturnOn: expectedReturnOn ?? null,
    };
  },
  done: (scope) => backToService(scope, 'absence-notified'),
};

/** The absence of the manager in post that has not ended yet, if any. */
export function openAbsenceOf<A extends { managerId: string; returnedOn: string | null }>(live: {
  manager: { managerId: string } | null;
  absences?: readonly A[];
}): A | null {
  const latest = live.manager ? (live.absences ?? []).filter((a) => a.managerId === live.manager?.managerId).at(-1) : undefined;
  return latest && latest.returnedOn === null ? latest : null;
}

export const managerReturnForm: ServiceForm<ManagerReturnDto> = {
  slug: 'manager-return',
  view: 'forms/manager-return.njk',
  title: (scope) => `Record ${managerInPost(scope)?.managerName ?? 'the manager'}'s return from absence`,
  dto: ManagerReturnDto,
  labels: { returnedOn: 'the first day back' },
  dateFields: ['returnedOn'],
  fieldOfRule: {
    'manager-must-be-in-post': 'returnedOn',
    'manager-not-absent': 'returnedOn',
    'absence-already-ended': 'returnedOn',
    'date-not-in-future': 'returnedOn',
    'manager-dates-in-order': 'returnedOn',
  },
  viewData: (scope) => ({ manager: managerInPost(scope), absence: openAbsenceOf(scope.record.live) }),
  toDto: (values) => ({ returnedOn: dateFromParts(values, 'returnedOn') }),
  command: (dto, scope, values) => ({
    kind: 'RecordManagerReturn',
    serviceId: scope.record.id,
    managerId: text(values, 'managerId') || (managerInPost(scope)?.managerId ?? ''),
    ...commandFields(dto),
  }),
  done: (scope) => backToService(scope, 'manager-returned'),
};

/** The visit types the reader's side conducts (the domain's own table of who records which). */
const visitTypesFor = (scope: FormScope<ServiceFormRecord>) => {
  const relation = serviceRelation(scope.record, scope.who);
  const side = relation === 'ownProvider' ? 'provider' : relation === 'commissioningCouncil' ? 'council' : relation === 'regulator' ? 'regulator' : 'none';
  const own = VISIT_TYPES.filter((t) => VISIT_PARTIES[t] === side);
  // "PAMMS audit", not "Pamms audit": the one table of visit words.
  return options(own.length > 0 ? own : VISIT_TYPES, visitTypeWords);
};

export const serviceVisitForm: WebForm<ServiceFormRecord, ServiceVisitDto> = {
  slug: 'visit',
  view: 'forms/visit.njk',
  title: (scope) => (scope.who.organisationKind === 'regulator' ? 'Record an inspection' : 'Record a visit'),
  dto: ServiceVisitDto,
  labels: {
    visitType: 'the type of visit',
    announced: 'whether the visit was announced',
    visitedOn: 'the date of the visit',
    visitorRole: "the visitor's role",
    findings: 'the findings',
    contractId: 'the contract you visited under',
  },
  dateFields: ['visitedOn'],
  fieldOfRule: {
    'date-not-in-future': 'visitedOn',
    'visit-party': 'visitType',
    'contract-must-cover-service': 'contractId',
    'contract-council-only': 'contractId',
    'council-needs-contract': 'contractId',
  },
  defaults: (scope) => ({ contractId: scope.params.contractId ?? '' }),
  viewData: (scope) => ({ visitTypes: visitTypesFor(scope), contracts: contractChoice(scope) }),
  toDto: (values, scope) => ({
    visitType: text(values, 'visitType'),
    announced: yesNo(values, 'announced'),
    visitedOn: dateFromParts(values, 'visitedOn'),
    visitorRole: text(values, 'visitorRole'),
    findings: text(values, 'findings'),
    contractId: contractOf(values, scope),
  }),
  command: (dto, scope) => {
    const { contractId, ...rest } = dto;
    return { kind: 'RecordServiceVisit', serviceId: scope.record.id, visitId: uuidv7(), contractId: contractId ?? null, ...commandFields(rest) };
  },
  done: (scope) => backToService(scope, 'visit-recorded'),
};

export const serviceCommentForm: WebForm<ServiceFormRecord, ServiceCommentDto> = {
  slug: 'comment',
  view: 'forms/comment.njk',
  title: () => 'Add a comment',
  dto: ServiceCommentDto,
  labels: { topic: 'what the comment is about', text: 'your comment', contractId: 'the contract you speak under' },
  fieldOfRule: { 'contract-must-cover-service': 'contractId', 'contract-council-only': 'contractId', 'council-needs-contract': 'contractId' },
  defaults: (scope) => ({ contractId: scope.params.contractId ?? '' }),
  viewData: (scope) => ({ topics: options(COMMENT_TOPICS, humanise), contracts: contractChoice(scope) }),
  toDto: (values, scope) => ({ topic: text(values, 'topic'), text: text(values, 'text'), contractId: contractOf(values, scope) }),
  command: (dto, scope) => {
    const { contractId, ...rest } = dto;
    return { kind: 'RecordServiceComment', serviceId: scope.record.id, commentId: uuidv7(), contractId: contractId ?? null, ...commandFields(rest) };
  },
  done: (scope) => backToService(scope, 'comment-recorded'),
};

/** The service's own entries (its page's record also holds the concerns about it). */
const ownEntries = (record: ServiceRecord) => ({
  id: record.id,
  entries: record.events.filter((e) => e.streamId === serviceStream(record.id)),
  log: record.live.log,
});

export const serviceCorrectionForm = correctionForm<ServiceRecord>(
  ownEntries,
  (record, dto) => ({ kind: 'CorrectServiceEntry', serviceId: record.id, ...commandFields(dto) }),
  (scope) => backToService(scope, 'entry-corrected'),
);

export const serviceRetractionForm = retractionForm<ServiceRecord>(
  ownEntries,
  (record, dto) => ({ kind: 'RetractServiceEntry', serviceId: record.id, ...commandFields(dto) }),
  (scope) => backToService(scope, 'entry-retracted'),
);

/** Key-question ratings chosen from a select: "Not rated" sends null. */
const ratingOrNull = (values: Record<string, unknown>, key: string) => {
  const raw = text(values, key);
  return raw === '' || raw === undefined ? null : raw;
};

export const ratingForm: ServiceForm<PublishRatingDto> = {
  slug: 'rating',
  view: 'forms/rating.njk',
  title: () => 'Record a published rating',
  dto: PublishRatingDto,
  labels: {
    regulator: 'the regulator',
    overall: 'the overall rating',
    publishedOn: 'the date the rating was published',
    reportReference: 'the report reference',
    keyQuestions: 'the key question ratings',
    ...Object.fromEntries(KEY_QUESTIONS.map((q) => [`keyQuestions.${q}`, `the rating for ${humanise(q).toLowerCase()}`])),
  },
  inputOf: Object.fromEntries(KEY_QUESTIONS.map((q) => [`keyQuestions.${q}`, `kq-${q}`])),
  dateFields: ['publishedOn'],
  fieldOfRule: { 'date-not-in-future': 'publishedOn', 'rating-by-service-regulator': 'regulator' },
  defaults: (scope) => ({ regulator: scope.record.live.regulator ?? '' }),
  viewData: () => ({
    regulators: options(REGULATORS, (r) => r),
    ratings: options(RATINGS, humanise),
    keyQuestions: KEY_QUESTIONS.map((q) => ({ key: `kq-${q}`, label: humanise(q) })),
  }),
  toDto: (values) => ({
    regulator: text(values, 'regulator'),
    overall: text(values, 'overall'),
    keyQuestions: Object.fromEntries(KEY_QUESTIONS.map((q) => [q, ratingOrNull(values, `kq-${q}`)])),
    publishedOn: dateFromParts(values, 'publishedOn'),
    reportReference: text(values, 'reportReference') || undefined,
  }),
  command: (dto, scope) => {
    const { reportReference, keyQuestions, ...rest } = dto;
    return {
      kind: 'PublishRating',
      serviceId: scope.record.id,
      ...commandFields(rest),
      keyQuestions: { ...keyQuestions },
      reportReference: reportReference ?? null,
    };
  },
  done: (scope) => backToService(scope, 'rating-published'),
};

export const enforcementForm: ServiceForm<EnforcementActionDto> = {
  slug: 'enforcement',
  view: 'forms/enforcement.njk',
  title: () => 'Record an enforcement action',
  dto: EnforcementActionDto,
  labels: { action: 'the enforcement action', decidedOn: 'the date of the decision', summary: 'a summary' },
  dateFields: ['decidedOn'],
  fieldOfRule: { 'date-not-in-future': 'decidedOn' },
  viewData: () => ({ actions: options(ENFORCEMENT_ACTIONS, humanise) }),
  toDto: (values) => ({ action: text(values, 'action'), decidedOn: dateFromParts(values, 'decidedOn'), summary: text(values, 'summary') }),
  command: (dto, scope) => ({ kind: 'RecordEnforcementAction', serviceId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToService(scope, 'enforcement-recorded'),
};
