import type { Actor } from '@caretrail/event-store';
import { COUNCIL_OFFICER, EventHistory, PROVIDER_MANAGER } from '@caretrail/timeline/testing';
import { foldCouncilRecord } from './council-record';
import { parseReportPeriod } from './report-period';
import { tagGroups, type TagGroupRow } from './tag-groups';

const MEDICINES = 'pamms:safeguarding-and-safety/management-of-medicines';
const RECORDS = 'pamms:quality-of-management/records';
const CQC_MEDICINES = 'cqc:safe/medicines-optimisation';
const OTHER_OFFICER: Actor = { userId: 'u-other', organisationId: 'council-2', role: 'qa_officer' };

/** A council's concern with a tagged visit, a tagged plan accepted, one action verified; another council's concern tagged alike. */
function story() {
  const h = new EventHistory();
  h.record(
    'ServiceRegistered',
    { serviceId: 's1', providerId: 'provider-1', name: 'Maple Court', serviceType: 'supported_living', regulator: 'CQC' } as never,
    'service-s1',
    '2024-01-02',
    PROVIDER_MANAGER,
  );
  for (const [concernId, councilId, actor] of [
    ['c1', 'council-1', COUNCIL_OFFICER],
    ['c2', 'council-2', OTHER_OFFICER],
  ] as const) {
    const stream = `concern-${concernId}`;
    h.record(
      'ConcernRaised',
      {
        concernId,
        serviceId: 's1',
        providerId: 'provider-1',
        councilId,
        contractId: 'k1',
        category: 'medication',
        severity: 'amber',
        source: 'monitoring_visit',
        summary: 'x',
      },
      stream,
      '2025-03-17',
      actor,
    );
    h.record(
      'VisitConducted',
      {
        visitId: `v-${concernId}`,
        serviceId: 's1',
        concernId,
        visitType: 'council_monitoring',
        announced: false,
        visitedOn: '2025-03-24',
        visitorRole: 'QA officer',
        findings: 'MAR gaps',
        tags: [MEDICINES, CQC_MEDICINES],
      },
      stream,
      '2025-03-24',
      actor,
    );
    h.record(
      'VisitConducted',
      {
        visitId: `u-${concernId}`,
        serviceId: 's1',
        concernId,
        visitType: 'council_monitoring',
        announced: true,
        visitedOn: '2025-03-25',
        visitorRole: 'QA officer',
        findings: 'Fine',
        tags: [],
      },
      stream,
      '2025-03-25',
      actor,
    );
    h.record('ActionPlanRequested', { concernId, dueOn: '2025-04-08', updateCadenceDays: 7, graceDays: 2 }, stream, '2025-03-26', actor);
    h.record(
      'ActionPlanSubmitted',
      {
        concernId,
        version: 1,
        summary: 'Plan',
        actions: [
          { actionId: 'a1', description: 'Audit MAR charts', owner: 'RM', dueOn: '2025-04-30', measure: 'No gaps', tags: [MEDICINES] },
          { actionId: 'a2', description: 'Retrain', owner: 'Lead', dueOn: '2025-09-30', measure: 'Trained', tags: [RECORDS, CQC_MEDICINES] },
          { actionId: 'a3', description: 'Untagged', owner: 'Lead', dueOn: '2025-04-30', measure: 'Done', tags: [] },
        ],
      },
      stream,
      '2025-03-28',
      PROVIDER_MANAGER,
    );
    h.record('ActionPlanAccepted', { concernId, version: 1 }, stream, '2025-04-01', actor);
    h.record('ActionVerified', { concernId, actionId: 'a2', note: 'All trained' }, stream, '2025-08-01', actor);
  }
  // A visit on the service's own record by the other council: never this council's.
  h.record(
    'VisitConducted',
    {
      visitId: 'v-other-own',
      serviceId: 's1',
      concernId: null,
      visitType: 'council_monitoring',
      announced: false,
      visitedOn: '2025-05-01',
      visitorRole: 'QA officer',
      findings: 'x',
      tags: [MEDICINES],
    },
    'service-s1',
    '2025-05-01',
    OTHER_OFFICER,
  );
  // And one by the provider itself: counted.
  h.record(
    'VisitConducted',
    {
      visitId: 'v-provider',
      serviceId: 's1',
      concernId: null,
      visitType: 'provider_senior_visit',
      announced: true,
      visitedOn: '2025-06-01',
      visitorRole: 'Chief executive',
      findings: 'x',
      tags: [RECORDS],
    },
    'service-s1',
    '2025-06-01',
    PROVIDER_MANAGER,
  );
  return h;
}

const row = (rows: TagGroupRow[], tag: string) => {
  const found = rows.find((r) => r.tag === tag);
  if (!found) throw new Error(`no row ${tag}`);
  return {
    visits: found.visits.value,
    findings: found.findings.value,
    agreed: found.actionsAgreed.value,
    open: found.actionsOpen.value,
    overdue: found.actionsOverdue.value,
  };
};

describe('the report grouped by PAMMS domain and CQC key question', () => {
  it('counts each group’s tagged visits and actions (a standard under its domain), open and overdue at the period’s end, for this council only', () => {
    const h = story();
    const record = foldCouncilRecord(h.events, 'council-1', '2026-01-10');
    const groups = tagGroups(record, parseReportPeriod('2025'), '2025-12-31');
    expect(groups.pamms.map((r) => r.tag)).toEqual([
      'pamms:involvement-and-information',
      'pamms:personalised-care-and-support',
      'pamms:safeguarding-and-safety',
      'pamms:suitability-of-staffing',
      'pamms:quality-of-management',
    ]);
    expect(groups.cqc.map((r) => r.name)).toEqual(['Safe', 'Effective', 'Caring', 'Responsive', 'Well-led']);
    // a1 (medicines) is owed past 30 April; a2 (records, CQC medicines) was verified in August.
    expect(row(groups.pamms, 'pamms:safeguarding-and-safety')).toEqual({ visits: 1, findings: 0, agreed: 1, open: 1, overdue: 1 });
    expect(row(groups.pamms, 'pamms:quality-of-management')).toEqual({ visits: 1, findings: 0, agreed: 1, open: 0, overdue: 0 });
    expect(row(groups.cqc, 'cqc:safe')).toEqual({ visits: 1, findings: 0, agreed: 1, open: 0, overdue: 0 });
    expect(row(groups.pamms, 'pamms:involvement-and-information')).toEqual({ visits: 0, findings: 0, agreed: 0, open: 0, overdue: 0 });
    const council1Ids = new Set(h.events.filter((e) => e.streamId === 'concern-c1' || e.actor.organisationId === 'provider-1').map((e) => e.eventId));
    for (const r of [...groups.pamms, ...groups.cqc]) {
      for (const f of [r.visits, r.findings, r.actionsAgreed, r.actionsOpen, r.actionsOverdue]) {
        expect(f.eventIds.every((id) => council1Ids.has(id))).toBe(true);
        expect(f.key.startsWith(`byTag.${r.framework}.`)).toBe(true);
      }
    }
  });

  it('judges open and overdue at the end of an earlier period, and counts only the period’s visits', () => {
    const record = foldCouncilRecord(story().events, 'council-1', '2026-01-10');
    const q1 = tagGroups(record, parseReportPeriod('2025-Q1'), '2025-03-31');
    // Visited in March; the plan was accepted on 1 April, so nothing was agreed or owed by 31 March.
    expect(row(q1.pamms, 'pamms:safeguarding-and-safety')).toEqual({ visits: 1, findings: 0, agreed: 0, open: 0, overdue: 0 });
    const q2 = tagGroups(record, parseReportPeriod('2025-Q2'), '2025-06-30');
    expect(row(q2.pamms, 'pamms:safeguarding-and-safety')).toEqual({ visits: 0, findings: 0, agreed: 1, open: 1, overdue: 1 });
    // a2 was still owed at the end of June, and not yet due.
    expect(row(q2.pamms, 'pamms:quality-of-management')).toEqual({ visits: 1, findings: 0, agreed: 1, open: 1, overdue: 0 });
  });

  it('follows a correction of the tags, and stops owing the actions of a closed concern', () => {
    const h = story();
    const visit = h.events.find((e) => e.type === 'VisitConducted' && e.data['visitId'] === 'u-c1');
    if (!visit) throw new Error('no visit');
    h.corrected('2025-04-02', visit, { tags: ['pamms:safeguarding-and-safety/safety-of-premises'] }, 'Tags left off');
    h.record('ConcernClosed', { concernId: 'c1', reason: 'Resolved' } as never, 'concern-c1', '2025-11-01', COUNCIL_OFFICER);
    const groups = tagGroups(foldCouncilRecord(h.events, 'council-1', '2026-01-10'), parseReportPeriod('2025'), '2025-12-31');
    expect(row(groups.pamms, 'pamms:safeguarding-and-safety')).toEqual({ visits: 2, findings: 0, agreed: 1, open: 0, overdue: 0 });
  });

  it('counts the tagged findings of a visit report published in the period', () => {
    const h = story();
    h.record(
      'VisitReportPublished',
      {
        visitId: 'r1',
        serviceId: 's1',
        concernId: 'c1',
        visitType: 'pamms_audit',
        visitedOn: '2025-05-01',
        findings: [
          { findingNo: 1, text: 'MAR gaps', draftText: 'MAR gaps', tags: [MEDICINES], challenge: null, decision: null },
          {
            findingNo: 2,
            text: 'No drill',
            draftText: 'No drill',
            tags: ['pamms:safeguarding-and-safety/safety-of-premises', CQC_MEDICINES],
            challenge: null,
            decision: null,
          },
          { findingNo: 3, text: 'Untagged', draftText: 'Untagged', tags: [], challenge: null, decision: null },
        ],
      },
      'concern-c1',
      '2025-05-30',
      COUNCIL_OFFICER,
    );
    const groups = tagGroups(foldCouncilRecord(h.events, 'council-1', '2026-01-10'), parseReportPeriod('2025'), '2025-12-31');
    expect(row(groups.pamms, 'pamms:safeguarding-and-safety').findings).toBe(2);
    expect(row(groups.cqc, 'cqc:safe').findings).toBe(1);
  });
});
