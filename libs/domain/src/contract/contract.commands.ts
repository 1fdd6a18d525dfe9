import type { CommentFields, CorrectionFields, RetractionFields } from '../records/record.commands';
import type { EvidenceReference, LocalDate } from '../shared/primitives';

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

/** The provider confirms an award made to it (or an administrator does, from the signed contract). */
export interface ConfirmContract {
  kind: 'ConfirmContract';
  contractId: string;
  signedContract: EvidenceReference | null;
  occurredAt: string;
}

/** An administrator records an award from the signed contract: awarded and confirmed at once. */
export interface RecordSignedContract extends Omit<AwardContract, 'kind'> {
  kind: 'RecordSignedContract';
  signedContract: EvidenceReference;
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
  | RecordSignedContract
  | ConfirmContract
  | ExtendContract
  | EndContract
  | IssueDefaultNotice
  | RecordContractComment
  | CorrectContractEntry
  | RetractContractEntry;
