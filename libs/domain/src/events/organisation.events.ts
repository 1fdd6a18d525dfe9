import type { CouncilClocks } from '../organisation/council-clocks';
import type { EvidenceReference, LocalDate, OrganisationKind, RegulatorName, ServiceType } from '../shared/primitives';

export interface OrganisationRegistered {
  type: 'OrganisationRegistered';
  data: {
    organisationId: string;
    kind: OrganisationKind;
    name: string;
    /** A provider's CQC provider id (schema 2); absent on version-1 events, which upcast to null. */
    cqcProviderId?: string | null;
  };
}

/** A council's clocks, in force from occurredAt until the next setting; on the council's own stream. */
export interface CouncilClocksSet {
  type: 'CouncilClocksSet';
  data: { councilId: string; clocks: CouncilClocks; reason: string };
}

export interface ServiceRegistered {
  type: 'ServiceRegistered';
  data: {
    serviceId: string;
    providerId: string;
    name: string;
    serviceType: ServiceType;
    regulator: RegulatorName;
    /** The regulator's location id, where registered. */
    locationId: string | null;
    /** The service's NHS ODS (site) code, upper case (schema 2); absent on version-1 events, which upcast to null. */
    odsCode?: string | null;
  };
}

/** A provider's CQC provider id from now on, with the one it replaces (docs/procedure.md). */
export interface ProviderIdentifiersRecorded {
  type: 'ProviderIdentifiersRecorded';
  data: { organisationId: string; cqcProviderId: string | null; previousCqcProviderId: string | null; reason: string };
}

/** A service's outside identifiers from now on, with those they replace (docs/procedure.md). */
export interface ServiceIdentifiersRecorded {
  type: 'ServiceIdentifiersRecorded';
  data: {
    serviceId: string;
    locationId: string | null;
    odsCode: string | null;
    previousLocationId: string | null;
    previousOdsCode: string | null;
    reason: string;
  };
}

export interface ContractAwarded {
  type: 'ContractAwarded';
  data: {
    contractId: string;
    councilId: string;
    providerId: string;
    serviceIds: string[];
    reference: string;
    startsOn: LocalDate;
    endsOn: LocalDate;
  };
}

/**
 * The provider accepts an award (or an administrator records it from the signed contract). Until this
 * event a contract gives its council no rights; it repeats the parties and services it confirms so a
 * reader (and the projections) need not look back at the award.
 */
export interface ContractConfirmed {
  type: 'ContractConfirmed';
  data: {
    contractId: string;
    councilId: string;
    providerId: string;
    serviceIds: string[];
    confirmedBy: 'provider' | 'administrator';
    /** The signed contract, by name and digest: required from an administrator, optional from the provider. */
    signedContract: EvidenceReference | null;
  };
}

export interface ContractExtended {
  type: 'ContractExtended';
  data: { contractId: string; previousEndsOn: LocalDate; endsOn: LocalDate; reason: string };
}

export interface ContractEnded {
  type: 'ContractEnded';
  data: { contractId: string; endedOn: LocalDate; how: 'expired' | 'terminated'; reason: string };
}

export interface DefaultNoticeIssued {
  type: 'DefaultNoticeIssued';
  data: { contractId: string; concernId: string | null; issuedOn: LocalDate; reason: string; remedyBy: LocalDate | null };
}
