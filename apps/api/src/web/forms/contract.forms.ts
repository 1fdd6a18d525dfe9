import type { ContractState } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { v7 as uuidv7 } from 'uuid';
import { DefaultNoticeDto, EndContractDto, ExtendContractDto } from '../../resources/contracts/contracts.dto';
import { CommentDto } from '../../resources/shared/record-entries.dto';
import { COMMENT_TOPICS } from '@caretrail/domain';
import { humanise } from '../rendering/nunjucks-environment';
import { dateFromParts } from './date-parts';
import { options } from './form-values';
import { correctionForm, retractionForm } from './record-entries.forms';
import { ConfirmContractDto } from '../../resources/contracts/contracts.dto';
import { commandFields } from '../../resources/shared/command.dto';
import { text } from './form-values';
import type { FormScope, WebForm } from './web-form';

/** A contract as its confirmation form shows it: the award, and the names of the council and services. */
export interface ContractRecord {
  id: string;
  state: ContractState;
  councilName: string;
  serviceNames: string[];
  /** The contract's own entries (for withdrawing one). */
  events: readonly RecordedEvent[];
}

/**
 * The provider confirms a contract awarded to it: until then the award gives the council no rights
 * (docs/contracts.md). The signed copy is optional: its name and SHA-256 digest, never the document.
 */
export const confirmContractForm: WebForm<ContractRecord, ConfirmContractDto> = {
  slug: 'confirm',
  view: 'forms/confirm-contract.njk',
  title: (scope) => `Confirm contract ${scope.record.state.reference ?? ''}`.trim(),
  dto: ConfirmContractDto,
  labels: {
    signedContract: 'the signed copy',
    'signedContract.name': "the signed copy's file name",
    'signedContract.sha256': "the signed copy's SHA-256 digest",
  },
  inputOf: { signedContract: 'signedName', 'signedContract.name': 'signedName', 'signedContract.sha256': 'signedSha256' },
  fieldOfRule: { 'evidence-digest-sha256': 'signedContract.sha256' },
  viewData: (scope) => ({ contract: scope.record.state, councilName: scope.record.councilName, serviceNames: scope.record.serviceNames }),
  toDto: (values) => {
    const name = text(values, 'signedName') || undefined;
    const sha256 = text(values, 'signedSha256')?.toLowerCase() || undefined;
    return name === undefined && sha256 === undefined ? {} : { signedContract: { name, sha256 } };
  },
  command: (dto, scope: FormScope<ContractRecord>) => {
    const { signedContract, ...fields } = commandFields(dto);
    return { kind: 'ConfirmContract', contractId: scope.record.id, signedContract: signedContract ?? null, ...fields };
  },
  back: (scope) => `/app/providers/${scope.record.state.providerId}`,
  done: (scope) => ({ href: `/app/providers/${scope.record.state.providerId}`, outcome: 'contract-confirmed' }),
};

type ContractForm<D extends object> = WebForm<ContractRecord, D>;

const backToContract = (scope: FormScope<ContractRecord>, outcome: string) => ({ href: `/app/contracts/${scope.record.id}`, outcome });
const contractView = (scope: FormScope<ContractRecord>) => ({
  contract: scope.record.state,
  councilName: scope.record.councilName,
  serviceNames: scope.record.serviceNames,
});
/** Rules about the contract's term link to the date the person typed. */
const termRules = (field: string) => ({
  'contract-term-over': field,
  'contract-awaiting-confirmation': field,
  'date-not-in-future': field,
  'contract-ended': field,
  'extension-must-move-end-later': field,
  'contract-end-within-term': field,
  'default-notice-on-live-contract': field,
});

export const extendContractForm: ContractForm<ExtendContractDto> = {
  slug: 'extend',
  view: 'forms/extend-contract.njk',
  title: (scope) => `Extend contract ${scope.record.state.reference ?? ''}`.trim(),
  dto: ExtendContractDto,
  labels: { endsOn: 'the new end date', reason: 'why the contract is extended' },
  dateFields: ['endsOn'],
  fieldOfRule: termRules('endsOn'),
  viewData: contractView,
  toDto: (values) => ({ endsOn: dateFromParts(values, 'endsOn'), reason: text(values, 'reason') }),
  command: (dto, scope) => ({ kind: 'ExtendContract', contractId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToContract(scope, 'contract-extended'),
};

export const endContractForm: ContractForm<EndContractDto> = {
  slug: 'end',
  view: 'forms/end-contract.njk',
  title: (scope) => `End contract ${scope.record.state.reference ?? ''}`.trim(),
  dto: EndContractDto,
  labels: { endedOn: 'the day the contract ended', how: 'how the contract ended', reason: 'the reason' },
  dateFields: ['endedOn'],
  fieldOfRule: termRules('endedOn'),
  viewData: contractView,
  toDto: (values) => ({ endedOn: dateFromParts(values, 'endedOn'), how: text(values, 'how'), reason: text(values, 'reason') }),
  command: (dto, scope) => ({ kind: 'EndContract', contractId: scope.record.id, ...commandFields(dto) }),
  done: (scope) => backToContract(scope, 'contract-ended'),
};

export const defaultNoticeForm: ContractForm<DefaultNoticeDto> = {
  slug: 'default-notice',
  view: 'forms/default-notice.njk',
  title: () => 'Record a default notice',
  dto: DefaultNoticeDto,
  labels: {
    issuedOn: 'the day the notice was issued',
    reason: 'the reason for the notice',
    remedyBy: 'the day the default must be remedied by',
    concernId: 'the concern that led to the notice',
  },
  dateFields: ['issuedOn', 'remedyBy'],
  fieldOfRule: { ...termRules('issuedOn'), 'remedy-after-notice': 'remedyBy', 'default-notice-concern-on-contract': 'concernId' },
  defaults: (scope) => ({ concernId: scope.params.concernId ?? '' }),
  viewData: contractView,
  toDto: (values) => ({
    issuedOn: dateFromParts(values, 'issuedOn'),
    reason: text(values, 'reason'),
    remedyBy: dateFromParts(values, 'remedyBy') || undefined,
    concernId: text(values, 'concernId') || undefined,
  }),
  command: (dto, scope) => {
    const { concernId, remedyBy, ...rest } = dto;
    return { kind: 'IssueDefaultNotice', contractId: scope.record.id, ...commandFields(rest), concernId: concernId ?? null, remedyBy: remedyBy ?? null };
  },
  done: (scope) => backToContract(scope, 'default-notice-issued'),
};

export const contractCommentForm: ContractForm<CommentDto> = {
  slug: 'comment',
  view: 'forms/comment.njk',
  title: () => 'Add a comment on the contract',
  dto: CommentDto,
  labels: { topic: 'what the comment is about', text: 'your comment' },
  viewData: () => ({ topics: options(COMMENT_TOPICS, humanise) }),
  toDto: (values) => ({ topic: text(values, 'topic'), text: text(values, 'text') }),
  command: (dto, scope) => ({ kind: 'RecordContractComment', contractId: scope.record.id, commentId: uuidv7(), ...commandFields(dto) }),
  done: (scope) => backToContract(scope, 'comment-recorded'),
};

export const contractCorrectionForm = correctionForm<ContractRecord>(
  (record) => ({ id: record.id, entries: record.events, log: record.state.log }),
  (record, dto) => ({ kind: 'CorrectContractEntry', contractId: record.id, ...commandFields(dto) }),
  (scope) => backToContract(scope, 'entry-corrected'),
);

export const contractRetractionForm = retractionForm<ContractRecord>(
  (record) => ({ id: record.id, entries: record.events, log: record.state.log }),
  (record, dto) => ({ kind: 'RetractContractEntry', contractId: record.id, ...commandFields(dto) }),
  (scope) => backToContract(scope, 'entry-retracted'),
);

/** The forms at `/app/contracts/:id/<form>` (confirming has its own page). */
export const CONTRACT_FORMS: Record<string, WebForm<ContractRecord, object>> = Object.fromEntries(
  [extendContractForm, endContractForm, defaultNoticeForm, contractCommentForm, contractCorrectionForm, contractRetractionForm].map((form) => [
    form.slug,
    form as unknown as WebForm<ContractRecord, object>,
  ]),
);
