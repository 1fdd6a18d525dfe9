import type { CommentFields, CorrectionFields, RetractionFields } from '../records/record.commands';
import type { LocalDate } from '../shared/primitives';

export interface AwardContract {
  kind: 'AwardContract';
  contractId: string;
  councilId: string;
  providerId: string;
  serviceIds: string[];
  reference: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  occurredAt: string;
}

export interface ExtendContract {
  kind: 'ExtendContract';
  contractId: string;
  endsOn: LocalDate;
  reason: string;
  occurredAt: string;
}

export interface EndContract {
  kind: 'EndContract';
  contractId: string;
  endedOn: LocalDate;
  how: 'expired' | 'terminated';
  reason: string;
  occurredAt: string;
}

export interface IssueDefaultNotice {
  kind: 'IssueDefaultNotice';
  contractId: string;
  /** The concern that led to the notice, when there is one; it must be on this contract. */
  concernId: string | null;
  issuedOn: LocalDate;
  reason: string;
  remedyBy: LocalDate | null;
  occurredAt: string;
}

export interface RecordContractComment extends CommentFields {
  kind: 'RecordContractComment';
  contractId: string;
}

export interface CorrectContractEntry extends CorrectionFields {
  kind: 'CorrectContractEntry';
  contractId: string;
}

export interface RetractContractEntry extends RetractionFields {
  kind: 'RetractContractEntry';
  contractId: string;
}

export type ContractCommand =
  | AwardContract
  | ExtendContract
  | EndContract
  | IssueDefaultNotice
  | RecordContractComment
  | CorrectContractEntry
  | RetractContractEntry;
