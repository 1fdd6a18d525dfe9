/** A calendar date in Europe/London, `YYYY-MM-DD` (a visit's day, a due date, a period ending). */
export type LocalDate = string;
/** A UTC instant, ISO 8601 with `Z`. */
export type Instant = string;

export const ORGANISATION_KINDS = ['council', 'provider', 'regulator'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The side of the record a party speaks for. Administrators act on no side. */
export type Party = OrganisationKind;

export const ROLES = [
  'qa_officer', // council quality-assurance / contract-monitoring officer
  'commissioner', // council commissioning manager
  'registered_manager',
  'nominated_individual',
  'chief_executive',
  'provider_staff',
  'inspector', // regulator inspector (records ratings and enforcement)
  'auditor', // read-only reader across services
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const SERVICE_TYPES = ['supported_living', 'residential_home', 'nursing_home', 'domiciliary_care', 'childrens_home'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const REGULATORS = ['CQC', 'Ofsted'] as const;
export type RegulatorName = (typeof REGULATORS)[number];

/** A document kept elsewhere, named and pinned by digest; CareTrail never stores the document. */
export interface EvidenceReference {
  name: string;
  sha256: string;
}
