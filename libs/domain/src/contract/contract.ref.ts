import type { RefRequest } from '../shared/command-spec';
import { contractStream } from '../shared/stream-names';
import { contractDecider } from './contract.decider';
import type { ContractState } from './contract.state';

/** Loads a contract for another record's decision. */
export const contractRef = (contractId: string): RefRequest<ContractState> => ({
  stream: contractStream(contractId),
  decider: contractDecider,
  recordType: 'contract',
  recordId: contractId,
});
