import type { Actor, RecordedEvent } from '@caretrail/event-store';
import { EventHistory, type When } from '@caretrail/timeline/testing';

/**
 * A small portfolio whose report is worked by hand in test/reports/council-report.scenario.ts:
 * Northshire Council contracts three providers for four services; Southvale Council (another
 * council) has a concern about one of the same services, which must never reach Northshire's report.
 */
export const IDS = {
  council: 'council-north',
  otherCouncil: 'council-south',
  acorn: 'provider-acorn',
  birch: 'provider-birch',
  cedar: 'provider-cedar',
  acornHouse: 'svc-acorn-house',
  acornView: 'svc-acorn-view',
  birchLodge: 'svc-birch-lodge',
  cedarAtHome: 'svc-cedar-home',
} as const;

export const NAMES: Record<string, string> = {
  [IDS.council]: 'Northshire Council',
  [IDS.otherCouncil]: 'Southvale Council',
  [IDS.acorn]: 'Acorn Care Ltd',
  [IDS.birch]: 'Birch Homes Ltd',
  [IDS.cedar]: 'Cedar Domiciliary Ltd',
};

/** A staff name: personal data, which the public summary must not carry. */
export const INTERIM_MANAGER_NAME = 'Dana Interimson';

const QA: Actor = { userId: 'u-qa', organisationId: IDS.council, role: 'qa_officer' };
const SOUTH_QA: Actor = { userId: 'u-south', organisationId: IDS.otherCouncil, role: 'qa_officer' };
const INSPECTOR: Actor = { userId: 'u-insp', organisationId: 'cqc', role: 'inspector' };
const ADMIN: Actor = { userId: 'u-admin', organisationId: 'caretrail', role: 'admin' };
const manager = (providerId: string): Actor => ({ userId: `u-rm-${providerId}`, organisationId: providerId, role: 'registered_manager' });

export function smallPortfolio() {
  const h = new EventHistory();
  const at: Record<string, RecordedEvent> = {};
  for (const id of [IDS.council, IDS.otherCouncil]) h.organisation('2022-12-01', id, 'council', NAMES[id]);
  for (const id of [IDS.acorn, IDS.birch, IDS.cedar]) h.organisation('2022-12-01', id, 'provider', NAMES[id]);

  const services: [string, string, string, string][] = [
    [IDS.acornHouse, IDS.acorn, 'Acorn House', 'residential_home'],
    [IDS.acornView, IDS.acorn, 'Acorn View', 'residential_home'],
    [IDS.birchLodge, IDS.birch, 'Birch Lodge', 'nursing_home'],
    [IDS.cedarAtHome, IDS.cedar, 'Cedar at Home', 'domiciliary_care'],
  ];
  for (const [serviceId, providerId, name, serviceType] of services) {
    h.record(
      'ServiceRegistered',
      { serviceId, providerId, name, serviceType: serviceType as never, regulator: 'CQC', locationId: null },
      `service-${serviceId}`,
      '2023-01-01',
      manager(providerId),
    );
    const managerId = `m-${serviceId}`;
    h.record(
      'ManagerRegistered',
      { serviceId, managerId, managerName: `Manager of ${name}`, registeredOn: '2023-01-01' },
      `service-${serviceId}`,
      '2023-01-02',
      manager(providerId),
    );
  }

  const contract = (
    id: string,
    providerId: string,
    serviceIds: string[],
    startsOn: string,
    endsOn: string,
    confirmedOn: string | null,
    councilId: string = IDS.council,
  ) => {
    const actor = councilId === IDS.council ? QA : SOUTH_QA;
    h.record(
      'ContractAwarded',
      { contractId: id, councilId, providerId, serviceIds, reference: id.toUpperCase(), startsOn, endsOn },
      `contract-${id}`,
      addDaysText(startsOn, -30),
      actor,
    );
    if (confirmedOn) {
      h.record(
        'ContractConfirmed',
        { contractId: id, councilId, providerId, serviceIds, confirmedBy: 'provider', signedContract: null },
        `contract-${id}`,
        confirmedOn,
        manager(providerId),
      );
    }
  };
  contract('k1', IDS.acorn, [IDS.acornHouse, IDS.acornView], '2024-04-01', '2027-03-31', '2024-03-20');
  contract('k2', IDS.birch, [IDS.birchLodge], '2024-01-01', '2026-12-31', '2023-12-10');
  contract('k3', IDS.cedar, [IDS.cedarAtHome], '2025-03-01', '2028-02-28', '2025-02-20');
  // Awarded, never confirmed by the provider: gives the council no rights and is not counted.
  contract('k4', IDS.cedar, [IDS.cedarAtHome], '2024-01-01', '2024-12-31', null);
  contract('s1', IDS.birch, [IDS.birchLodge], '2024-01-01', '2026-12-31', '2023-12-15', IDS.otherCouncil);

  const rating = (serviceId: string, overall: string, publishedOn: string) =>
    h.record(
      'RatingPublished',
      {
        serviceId,
        regulator: 'CQC',
        overall: overall as never,
        keyQuestions: { safe: null, effective: null, caring: null, responsive: null, well_led: null },
        publishedOn,
        reportReference: null,
      },
      `service-${serviceId}`,
      publishedOn,
      INSPECTOR,
    );
  at.acornHouseGood = rating(IDS.acornHouse, 'good', '2023-06-01');
  at.birchLodgeRating = rating(IDS.birchLodge, 'good', '2024-02-01');
  // Recorded as Good by mistake; the inspector corrects it to Outstanding.
  at.birchLodgeCorrection = h.corrected('2024-02-05', at.birchLodgeRating, { overall: 'outstanding' }, 'The published rating is Outstanding');
  at.cedarRi = rating(IDS.cedarAtHome, 'requires_improvement', '2024-09-01');
  at.acornHouseRi = rating(IDS.acornHouse, 'requires_improvement', '2025-05-10');

  // Acorn House: the registered manager leaves, an interim covers, a permanent manager starts and registers.
  const house = `service-${IDS.acornHouse}`;
  at.left = h.record(
    'ManagerLeft',
    { serviceId: IDS.acornHouse, managerId: `m-${IDS.acornHouse}`, managerName: 'Manager of Acorn House', leftOn: '2025-06-30', reason: 'Retired' },
    house,
    '2025-06-30',
    manager(IDS.acorn),
  );
  at.interim = h.record(
    'ManagerAppointed',
    { serviceId: IDS.acornHouse, managerId: 'm-interim', managerName: INTERIM_MANAGER_NAME, startedOn: '2025-07-01', basis: 'interim' },
    house,
    '2025-07-01',
    manager(IDS.acorn),
  );
  at.permanent = h.record(
    'ManagerAppointed',
    { serviceId: IDS.acornHouse, managerId: 'm-permanent', managerName: 'Pat Permanent', startedOn: '2025-10-01', basis: 'permanent' },
    house,
    '2025-10-01',
    manager(IDS.acorn),
  );
  at.registered = h.record(
    'ManagerRegistered',
    { serviceId: IDS.acornHouse, managerId: 'm-permanent', managerName: 'Pat Permanent', registeredOn: '2025-11-01' },
    house,
    '2025-11-01',
    manager(IDS.acorn),
  );

  const raise = (
    id: string,
    serviceId: string,
    providerId: string,
    contractId: string,
    category: string,
    severity: string,
    when: When,
    councilId: string = IDS.council,
  ) =>
    h.record(
      'ConcernRaised',
      {
        concernId: id,
        serviceId,
        providerId,
        councilId,
        contractId,
        category: category as never,
        severity: severity as never,
        source: 'monitoring_visit',
        summary: `Concern ${id}`,
      },
      `concern-${id}`,
      when,
      councilId === IDS.council ? QA : SOUTH_QA,
    );
  const on = (id: string) => `concern-${id}`;

  // Q1: Cedar at Home, medication, red: escalated to 1 then 2 with placements suspended for 30 days, a default notice.
  at.q1 = raise('q1', IDS.cedarAtHome, IDS.cedar, 'k3', 'medication', 'red', '2025-03-10');
  h.record('ConcernNotifiedToProvider', { concernId: 'q1', method: 'email' }, on('q1'), '2025-03-10', QA);
  h.record('ActionPlanRequested', { concernId: 'q1', dueOn: '2025-03-26', updateCadenceDays: 14, graceDays: 2 }, on('q1'), '2025-03-12', QA);
  h.record('ConcernAcknowledged', { concernId: 'q1', note: 'Seen' }, on('q1'), '2025-03-12', manager(IDS.cedar));
  h.record(
    'ActionPlanSubmitted',
    {
      concernId: 'q1',
      version: 1,
      summary: 'Plan',
      actions: [{ actionId: 'a1', description: 'Retrain staff on MAR charts', owner: 'Registered manager', dueOn: '2026-06-30', measure: 'All trained' }],
    },
    on('q1'),
    '2025-03-19',
    manager(IDS.cedar),
  );
  at.q1Level1 = h.record('ConcernEscalated', { concernId: 'q1', fromLevel: 0, toLevel: 1, reason: 'Repeated errors' }, on('q1'), '2025-03-20', QA);
  h.record('ActionPlanAccepted', { concernId: 'q1', version: 1 }, on('q1'), '2025-03-24', QA);
  at.q1Level2 = h.record('ConcernEscalated', { concernId: 'q1', fromLevel: 1, toLevel: 2, reason: 'A missed dose' }, on('q1'), '2025-04-01', QA);
  at.q1Suspended = h.record('PlacementsSuspended', { concernId: 'q1', reason: 'Safety' }, on('q1'), '2025-04-01', QA);
  at.notice = h.record(
    'DefaultNoticeIssued',
    { contractId: 'k3', concernId: 'q1', issuedOn: '2025-04-15', reason: 'Medication failures', remedyBy: '2025-05-15' },
    'contract-k3',
    '2025-04-15',
    QA,
  );
  at.q1Resumed = h.record('PlacementsResumed', { concernId: 'q1', reason: 'Improved' }, on('q1'), '2025-05-01', QA);
  h.record('ConcernDeescalated', { concernId: 'q1', fromLevel: 2, toLevel: 1, reason: 'Improved' }, on('q1'), '2025-05-01', QA);

  // Q2: Acorn House, documentation, amber: raised in 2024, closed and reopened in 2025, still open.
  at.q2 = raise('q2', IDS.acornHouse, IDS.acorn, 'k1', 'documentation', 'amber', '2024-11-04');
  at.q2Closed = h.record('ConcernClosed', { concernId: 'q2', outcome: 'Resolved', overrideReason: null, unverifiedActionIds: [] }, on('q2'), '2025-01-15', QA);
  at.q2Reopened = h.record('ConcernReopened', { concernId: 'q2', reason: 'Lapsed again' }, on('q2'), '2025-02-03', QA);

  // Q3: Birch Lodge, staffing, green: closed on 1 July 2025 but recorded only on 15 August.
  at.q3 = raise('q3', IDS.birchLodge, IDS.birch, 'k2', 'staffing', 'green', '2025-06-02');
  at.q3Closed = h.record(
    'ConcernClosed',
    { concernId: 'q3', outcome: 'Resolved', overrideReason: null, unverifiedActionIds: [] },
    on('q3'),
    { occurred: '2025-07-01', recorded: '2025-08-15' },
    QA,
  );

  // Q4: Acorn House, staffing, amber: escalated to 1 and closed, all in 2024.
  at.q4 = raise('q4', IDS.acornHouse, IDS.acorn, 'k1', 'staffing', 'amber', '2024-03-01');
  at.q4Level1 = h.record('ConcernEscalated', { concernId: 'q4', fromLevel: 0, toLevel: 1, reason: 'Rota gaps' }, on('q4'), '2024-03-10', QA);
  at.q4Closed = h.record('ConcernClosed', { concernId: 'q4', outcome: 'Resolved', overrideReason: null, unverifiedActionIds: [] }, on('q4'), '2024-06-01', QA);

  // Southvale's concern about Birch Lodge, at level 3: Northshire's report never shows it.
  at.south = raise('q9', IDS.birchLodge, IDS.birch, 's1', 'safeguarding', 'red', '2025-02-01', IDS.otherCouncil);
  h.record('ConcernEscalated', { concernId: 'q9', fromLevel: 0, toLevel: 3, reason: 'Referral' }, on('q9'), '2025-02-02', SOUTH_QA);

  void ADMIN;
  return { events: h.events, at };
}

/** Northshire's scope as the read models give it: its records, its contracts' services' own records, not Southvale's. */
export function northshireScope(events: readonly RecordedEvent[]): RecordedEvent[] {
  const southStreams = new Set(['contract-s1', 'concern-q9', `organisation-${IDS.otherCouncil}`]);
  return events.filter((e) => !southStreams.has(e.streamId));
}

function addDaysText(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
