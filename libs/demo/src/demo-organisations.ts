/** Fixed ids, so demo tokens, links in the README and tests stay valid across fresh installs. */
export const DEMO_IDS = {
  council: '01900000-0000-7000-8000-000000000001',
  otherCouncil: '01900000-0000-7000-8000-000000000002',
  provider: '01900000-0000-7000-8000-000000000003',
  otherProvider: '01900000-0000-7000-8000-000000000004',
  regulator: '01900000-0000-7000-8000-000000000005',
  mapleCourt: '01900000-0000-7000-8000-000000000011',
  kestrelHomecare: '01900000-0000-7000-8000-000000000012',
  contract: '01900000-0000-7000-8000-000000000021',
  otherContract: '01900000-0000-7000-8000-000000000022',
  documentationConcern: '01900000-0000-7000-8000-000000000031',
  kestrelContract: '01900000-0000-7000-8000-000000000023',
  missedCallsConcern: '01900000-0000-7000-8000-000000000032',
} as const;

export const DEMO_ORGANISATIONS = [
  { organisationId: DEMO_IDS.council, organisationKind: 'council', name: 'Northshire County Council' },
  { organisationId: DEMO_IDS.otherCouncil, organisationKind: 'council', name: 'Eastvale Borough Council' },
  { organisationId: DEMO_IDS.provider, organisationKind: 'provider', name: 'Hollybank Support Trust' },
  { organisationId: DEMO_IDS.otherProvider, organisationKind: 'provider', name: 'Kestrel Homecare Ltd' },
  { organisationId: DEMO_IDS.regulator, organisationKind: 'regulator', name: 'Care Quality Commission' },
] as const;
