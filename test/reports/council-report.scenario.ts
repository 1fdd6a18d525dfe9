import { computeCouncilReport, parseReportPeriod, reportFigures, type CouncilReport, type Figure } from '@caretrail/reports';
import { IDS, NAMES, smallPortfolio } from './support/small-portfolio';

/**
 * Northshire Council's report for 2025 on a small portfolio, every figure worked by hand from the
 * story in support/small-portfolio.ts (the comments give the working).
 */
describe('council report: a small portfolio worked by hand', () => {
  const { events, at } = smallPortfolio();
  const report = (asOf: string | null = null, basis: 'recorded' | 'occurred' | null = null, period = '2025'): CouncilReport =>
    computeCouncilReport({ councilId: IDS.council, events, period: parseReportPeriod(period), asOf, basis, today: '2026-01-20', organisationNames: NAMES });
  const r = report();
  const v = (f: Figure) => f.value;

  it('names the council, the period and the one before, and evaluates on the day it is made', () => {
    expect(r.councilName).toBe('Northshire Council');
    expect([r.period.from, r.period.to, r.previousPeriod.from, r.previousPeriod.to]).toEqual(['2025-01-01', '2025-12-31', '2024-01-01', '2024-12-31']);
    expect(r.on).toBe('2026-01-20');
    expect(r.notes.join(' ')).toMatch(/Spend is not reported/);
  });

  it('counts services and providers under confirmed contracts, by service type, against 2024', () => {
    // 2025: k1 (Acorn House, Acorn View), k2 (Birch Lodge), k3 (Cedar at Home, from March); k4 was never confirmed.
    expect([v(r.current.contracts.inForce), v(r.current.contracts.services), v(r.current.contracts.providers)]).toEqual([3, 4, 3]);
    // 2024: k1 (from April) and k2; k3 had not started.
    expect([v(r.previous.contracts.inForce), v(r.previous.contracts.services), v(r.previous.contracts.providers)]).toEqual([2, 3, 2]);
    expect(r.current.byServiceType.map((t) => [t.serviceType, v(t.services), v(t.providers)])).toEqual([
      ['domiciliary_care', 1, 1],
      ['nursing_home', 1, 1],
      ['residential_home', 2, 1],
    ]);
    expect(r.current.contracts.services.eventIds).toEqual(expect.arrayContaining(r.current.contracts.rows.find((c) => c.contractId === 'k3')!.eventIds));
  });

  it('gives the latest ratings and their distribution against the end of 2024, with the trend over three years', () => {
    // End of 2025: Acorn House RI (May 2025), Acorn View not rated, Birch Lodge Outstanding (corrected), Cedar RI.
    const counts = r.current.ratings.counts;
    expect([v(counts.outstanding), v(counts.good), v(counts.requires_improvement), v(counts.inadequate), v(counts.not_rated)]).toEqual([1, 0, 2, 0, 1]);
    expect(v(r.current.ratings.goodOrBetterShare)).toBe(0.3333); // 1 of 3 rated
    // End of 2024: Acorn House Good, Birch Lodge Outstanding, Acorn View not rated (Cedar not under contract).
    expect(v(r.previous.ratings.goodOrBetterShare)).toBe(1);
    expect(v(r.previous.ratings.counts.requires_improvement)).toBe(0);
    expect(r.ratingTrend.map((t) => [t.period.label, v(t.ratings.services), v(t.ratings.goodOrBetterShare)])).toEqual([
      ['2023', 0, null],
      ['2024', 3, 1],
      ['2025', 4, 0.3333],
    ]);
    // The Outstanding count carries the rating and the correction that made it Outstanding.
    expect(counts.outstanding.eventIds).toEqual([at.birchLodgeRating.eventId, at.birchLodgeCorrection.eventId]);
    const house = r.services.find((s) => s.serviceId === IDS.acornHouse)!;
    expect([house.rating, house.ratedOn, house.previousRating]).toEqual(['requires_improvement', '2025-05-10', 'good']);
  });

  it('shows providers in escalation by their highest level in the period', () => {
    // 2025: Cedar reached level 2 (q1). Acorn's q4 was closed in 2024; Southvale's level 3 is not Northshire's.
    expect([
      v(r.current.escalation.providersByLevel['1']),
      v(r.current.escalation.providersByLevel['2']),
      v(r.current.escalation.providersByLevel['3']),
    ]).toEqual([0, 1, 0]);
    expect(r.current.escalation.rows).toEqual([expect.objectContaining({ providerId: IDS.cedar, highestLevel: 2, concernIds: ['q1'] })]);
    expect(r.current.escalation.rows[0].eventIds).toEqual([at.q1.eventId, at.q1Level2.eventId]);
    // 2024: Acorn at level 1 (q4).
    expect(v(r.previous.escalation.providersByLevel['1'])).toBe(1);
  });

  it('lists placement suspensions with their lengths, and default notices', () => {
    expect(r.current.suspensions.rows).toEqual([
      expect.objectContaining({
        concernId: 'q1',
        suspendedOn: '2025-04-01',
        endedOn: '2025-05-01',
        days: 30,
        eventIds: [at.q1Suspended.eventId, at.q1Resumed.eventId],
      }),
    ]);
    expect([v(r.current.suspensions.count), v(r.current.suspensions.totalDays), v(r.current.suspensions.ongoing)]).toEqual([1, 30, 0]);
    expect(v(r.current.defaultNotices.count)).toBe(1);
    expect(r.current.defaultNotices.rows[0]).toEqual(
      expect.objectContaining({ reference: 'K3', issuedOn: '2025-04-15', remedyBy: '2025-05-15', eventIds: [at.notice.eventId] }),
    );
    expect(v(r.previous.suspensions.count)).toBe(0);
  });

  it('counts concerns raised, closed and reopened by category and severity', () => {
    // 2025: raised q1, q3; closed q2 (January), q3 (July); reopened q2; open at the end: q1, q2.
    const c = r.current.concerns;
    expect([v(c.raised), v(c.closed), v(c.reopened), v(c.openAtEnd)]).toEqual([2, 2, 1, 2]);
    expect(c.byCategory.map((row) => [row.value, v(row.raised), v(row.closed), v(row.reopened)])).toEqual([
      ['documentation', 0, 1, 1],
      ['medication', 1, 0, 0],
      ['staffing', 1, 1, 0],
    ]);
    expect(c.bySeverity.map((row) => [row.value, v(row.raised), v(row.closed), v(row.reopened)])).toEqual([
      ['red', 1, 0, 0],
      ['amber', 0, 1, 1],
      ['green', 1, 1, 0],
    ]);
    expect(c.reopened.eventIds).toEqual([at.q2Reopened.eventId]);
    // 2024: raised q2, q4; closed q4.
    expect([v(r.previous.concerns.raised), v(r.previous.concerns.closed)]).toEqual([2, 1]);
  });

  it('gives registered-manager vacancies and interim spans', () => {
    // Acorn House: left 30 June (still covered that day), registered manager again from 1 November: 1 July to 31 October.
    expect(r.current.managers.vacancies).toEqual([expect.objectContaining({ serviceId: IDS.acornHouse, from: '2025-07-01', to: '2025-10-31', days: 123 })]);
    expect(r.current.managers.vacancies[0].eventIds).toEqual(expect.arrayContaining([at.left.eventId, at.registered.eventId]));
    // The interim from 1 July until the permanent manager started on 1 October: 31 + 31 + 30 days.
    expect(r.current.managers.interims).toEqual([expect.objectContaining({ managerId: 'm-interim', from: '2025-07-01', to: '2025-09-30', daysInPeriod: 92 })]);
    expect([v(r.current.managers.servicesWithVacancy), v(r.current.managers.vacancyDays), v(r.current.managers.interimSpans)]).toEqual([1, 123, 1]);
    expect(v(r.previous.managers.vacancyDays)).toBe(0);
  });

  it('gives the responsiveness measures per provider, the council review lag beside the plan lag', () => {
    const cedar = r.responsiveness.rows.find((row) => row.providerId === IDS.cedar)!;
    expect(r.responsiveness.on).toBe('2025-12-31');
    // Notified Mon 10 March, acknowledged Wed 12 March: 2 working days. Requested 12 March, plan 19 March: 5.
    // Submitted Wed 19 March, accepted Mon 24 March: 3 working days of the council's.
    expect([
      v(cedar.acknowledgeMedianWorkingDays),
      v(cedar.planLagMedianWorkingDays),
      v(cedar.planOnTimeRate),
      v(cedar.councilReviewLagMedianWorkingDays),
    ]).toEqual([2, 5, 1, 3]);
    expect(cedar.councilReviewLagMedianWorkingDays.eventIds.length).toBe(2);
    expect(r.responsiveness.rows.map((row) => row.providerName)).toEqual(['Acorn Care Ltd', 'Birch Homes Ltd', 'Cedar Domiciliary Ltd']);
  });

  it('sets each figure beside the previous period with the change', () => {
    const change = Object.fromEntries(r.changes.map((c) => [c.key, [v(c.previous), v(c.current), c.change]]));
    expect(change.services).toEqual([3, 4, 1]);
    expect(change.goodOrBetter).toEqual([1, 0.3333, -0.6667]);
    expect(change.requiresImprovement).toEqual([0, 2, 2]);
    expect(change.raised).toEqual([2, 2, 0]);
    expect(change.suspensions).toEqual([0, 1, 1]);
  });

  it("traces every figure to events that exist, and never to another council's", () => {
    const ids = new Set(events.map((e) => e.eventId));
    const figures = reportFigures(r);
    expect(figures.length).toBeGreaterThan(80);
    expect(new Set(figures.map((f) => f.key)).size).toBe(figures.length);
    for (const f of figures) for (const id of f.eventIds) expect(ids.has(id)).toBe(true);
    const south = new Set(events.filter((e) => ['concern-q9', 'contract-s1'].includes(e.streamId)).map((e) => e.eventId));
    expect(figures.flatMap((f) => f.eventIds).filter((id) => south.has(id))).toEqual([]);
    // A figure of a count has as many events as it counts, where each counted thing has one event.
    expect(r.current.concerns.raised.eventIds).toEqual([at.q1.eventId, at.q3.eventId]);
  });

  it('replays: as recorded on 31 July 2025 the late closure of q3 is not there; as occurred it is', () => {
    const recorded = report('2025-07-31', 'recorded');
    const occurred = report('2025-07-31', 'occurred');
    expect([recorded.on, recorded.basis, occurred.basis]).toEqual(['2025-07-31', 'recorded', 'occurred']);
    expect(v(recorded.current.concerns.closed)).toBe(1); // q2 only
    expect(v(occurred.current.concerns.closed)).toBe(2); // q2 and q3
    expect(recorded.notes.join(' ')).toMatch(/had not ended on the evaluation date \(2025-07-31\)/);
    // The interim appointed on 1 July is in post on 31 July.
    expect(recorded.current.managers.interims[0]).toEqual(expect.objectContaining({ to: null, daysInPeriod: 31 }));
    // Replaying to a date before the Cedar contract leaves it out.
    expect(v(report('2025-02-01', 'recorded').current.contracts.services)).toBe(3);
  });

  it('takes quarters and financial years, with the previous one of the same kind', () => {
    const q = report(null, null, '2025-Q2');
    expect([q.period.from, q.period.to, q.previousPeriod.label]).toEqual(['2025-04-01', '2025-06-30', '2025-Q1']);
    expect(v(q.current.suspensions.count)).toBe(1);
    const fy = report(null, null, '2025-26');
    expect([fy.period.from, fy.period.to, fy.previousPeriod.label]).toEqual(['2025-04-01', '2026-03-31', '2024-25']);
  });
});

describe('council report: an event it cannot read', () => {
  it('is left out and named, and the rest of the report stands', () => {
    const { events } = smallPortfolio();
    const clean = computeCouncilReport({
      councilId: IDS.council,
      events,
      period: parseReportPeriod('2025'),
      asOf: null,
      basis: null,
      today: '2026-01-20',
      organisationNames: NAMES,
    });
    const broken = {
      ...events.find((e) => e.type === 'ManagerAppointed')!,
      eventId: 'e-broken',
      globalPosition: 99_999,
      streamVersion: 99,
      data: { serviceId: IDS.acornHouse, managerId: 'm-x', managerName: 'X', startedOn: '2025-13-45', basis: 'interim' },
    };
    const report = computeCouncilReport({
      councilId: IDS.council,
      events: [...events, broken],
      period: parseReportPeriod('2025'),
      asOf: null,
      basis: null,
      today: '2026-01-20',
      organisationNames: NAMES,
    });
    expect(report.unreadableEventIds).toEqual(['e-broken']);
    expect(report.notes.at(-1)).toBe('1 event could not be read and is left out of the figures: e-broken.');
    expect({ ...report, notes: clean.notes, unreadableEventIds: undefined }).toEqual({ ...clean, unreadableEventIds: undefined });
  });
});
