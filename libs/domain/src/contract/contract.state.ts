import { evolveRecordLog, initialRecordLog, type RecordLog } from '../records/record-log';
import type { Recorded } from '../shared/decider';
import type { EvidenceReference, Instant, LocalDate } from '../shared/primitives';

export interface ContractExtension {
  previousEndsOn: LocalDate;
  endsOn: LocalDate;
  reason: string;
  at: Instant;
}

export interface ContractEnding {
  endedOn: LocalDate;
  how: 'expired' | 'terminated';
  reason: string;
  at: Instant;
}

export interface DefaultNotice {
  concernId: string | null;
  issuedOn: LocalDate;
  reason: string;
  remedyBy: LocalDate | null;
  at: Instant;
}

/** Who confirmed the award, and when: the provider, or an administrator from the signed contract. */
export interface ContractConfirmation {
  by: 'provider' | 'administrator';
  signedContract: EvidenceReference | null;
  at: Instant;
}

export interface ContractState {
  exists: boolean;
  contractId: string | null;
  councilId: string | null;
  providerId: string | null;
  serviceIds: string[];
  reference: string | null;
  startsOn: LocalDate | null;
  /** The end date in force, after any extensions. */
  endsOn: LocalDate | null;
  originalEndsOn: LocalDate | null;
  extensions: ContractExtension[];
  ended: ContractEnding | null;
  /**
   * Null while the award awaits the provider's confirmation: until then it gives its council no rights.
   * Awards recorded before confirmations existed load as awaiting too (see docs/contracts.md).
   */
  confirmation: ContractConfirmation | null;
  defaultNotices: DefaultNotice[];
  log: RecordLog;
  recordBeganAt: Instant | null;
}

export const initialContractState = (): ContractState => ({
  exists: false,
  contractId: null,
  councilId: null,
  providerId: null,
  serviceIds: [],
  reference: null,
  startsOn: null,
  endsOn: null,
  originalEndsOn: null,
  extensions: [],
  ended: null,
  confirmation: null,
  defaultNotices: [],
  log: initialRecordLog(),
  recordBeganAt: null,
});

export function evolveContract(previous: ContractState, event: Recorded): ContractState {
  const state: ContractState = {
    ...previous,
    log: evolveRecordLog(previous.log, event),
    recordBeganAt: previous.recordBeganAt ?? event.occurredAt,
  };
  switch (event.type) {
    case 'ContractAwarded': {
      const { contractId, councilId, providerId, serviceIds, reference, startsOn, endsOn } = event.data;
      return { ...state, exists: true, contractId, councilId, providerId, serviceIds, reference, startsOn, endsOn, originalEndsOn: endsOn };
    }
    case 'ContractConfirmed': {
      const { confirmedBy, signedContract } = event.data;
      return { ...state, confirmation: { by: confirmedBy, signedContract, at: event.occurredAt } };
    }
    case 'ContractExtended': {
      const { previousEndsOn, endsOn, reason } = event.data;
      return { ...state, endsOn, extensions: [...state.extensions, { previousEndsOn, endsOn, reason, at: event.occurredAt }] };
    }
    case 'ContractEnded': {
      const { endedOn, how, reason } = event.data;
      return { ...state, ended: { endedOn, how, reason, at: event.occurredAt } };
    }
    case 'DefaultNoticeIssued': {
      const { concernId, issuedOn, reason, remedyBy } = event.data;
      return { ...state, defaultNotices: [...state.defaultNotices, { concernId, issuedOn, reason, remedyBy, at: event.occurredAt }] };
    }
    default:
      return state;
  }
}
