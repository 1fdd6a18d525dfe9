import {
  concernDecider,
  concernStream,
  contractDecider,
  contractStream,
  organisationDecider,
  organisationStream,
  RecordNotFoundError,
  serviceDecider,
  serviceStream,
  type ConcernState,
  type ContractState,
  type OrganisationState,
  type ServiceState,
} from '@caretrail/domain';
import type { Folder } from '@caretrail/application';
import { readAccess } from '../access/read-access.policy';
import type { Identity } from '../identity/identity';

/** The records a query reads by id, with the state each folds to. A council is an organisation of kind council. */
export interface RecordStates {
  concern: ConcernState;
  service: ServiceState;
  contract: ContractState;
  organisation: OrganisationState;
  council: OrganisationState;
}
export type RecordKind = keyof RecordStates;

interface RecordKindSpec<S> {
  streamId(id: string): string;
  folder: Folder<S>;
  /** Who may read it, judged on the live record (so a replay never shows what the live record would not). */
  access(who: Identity, live: S, id: string): void;
  /** The read audit's scope kind and the provider whose record it is; null: not audited (not a provider's record). */
  audited: ((live: S) => { kind: string; providerId: string | null }) | null;
  /** Its record keeps a log of entries that corrections may change. */
  correctable: boolean;
}

/** For each kind: its stream, its fold, the read policy's rule for it and what the read audit records. */
export const RECORD_KINDS: { [K in RecordKind]: RecordKindSpec<RecordStates[K]> } = {
  concern: {
    streamId: concernStream,
    folder: concernDecider,
    access: (who, live) => readAccess.concern(who, live),
    audited: (live) => ({ kind: 'concerns', providerId: live.providerId }),
    correctable: true,
  },
  service: {
    streamId: serviceStream,
    folder: serviceDecider,
    access: (who, live) => readAccess.service(who, live),
    audited: (live) => ({ kind: 'services', providerId: live.providerId }),
    correctable: true,
  },
  contract: {
    streamId: contractStream,
    folder: contractDecider,
    access: (who, live) => readAccess.contract(who, live),
    audited: (live) => ({ kind: 'contracts', providerId: live.providerId }),
    correctable: true,
  },
  // Organisations' names, kinds and identifiers are not confidential: any signed-in user may read them.
  organisation: { streamId: organisationStream, folder: organisationDecider, access: () => undefined, audited: null, correctable: false },
  // A council's record (its clocks) likewise; an organisation of another kind is no council.
  council: {
    streamId: organisationStream,
    folder: organisationDecider,
    access: (_who, live, id) => {
      if (live.kind !== 'council') throw new RecordNotFoundError('council', id);
    },
    audited: null,
    correctable: false,
  },
};
