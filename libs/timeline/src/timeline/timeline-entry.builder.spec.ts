import { concernRecord } from '../testing/concern-record';
import { EventHistory, PROVIDER_MANAGER } from '../testing/event-history';
import { fengatesStory } from '../testing/concern-story';
import { serviceRecord } from '../testing/service-record';
import { buildTimeline } from './timeline-entry.builder';

describe('timeline entries', () => {
  it('summarises each entry as a council officer would write it', () => {
    const story = fengatesStory();
    const lines = buildTimeline(story.events).map((e) => `${e.occurredOn} ${e.party}: ${e.summary}`);
    expect(lines).toEqual([
      '2025-01-06 admin: Council registered: Northshire County Council',
      '2025-01-06 admin: Provider registered: Fengates Care',
      '2025-01-06 admin: Regulator registered: Care Quality Commission',
      '2025-01-06 admin: Service registered: 5 Fengates (supported living, CQC)',
      '2025-03-03 council: Concern raised: documentation (amber) — Records lapsed after manager changes',
      '2025-03-03 council: Concern notified to provider by email',
      '2025-03-05 provider: Concern acknowledged by provider',
      "2025-03-05 council: Action plan requested, due 19 Mar 2025; weekly updates, 2 days' grace",
      '2025-03-12 provider: Action plan v1 submitted (1 action)',
      '2025-03-13 council: Action plan v1 returned: Actions lack owners',
      '2025-03-14 provider: Action plan v2 submitted (1 action)',
      '2025-03-17 council: Action plan v2 accepted',
      '2025-03-18 provider: Provider senior visit on 18 Mar 2025 (announced) by Chief executive',
      '2025-03-21 provider: Weekly update for period ending 14 Mar 2025',
      '2025-03-21 provider: Correction to the plan update of 21 Mar 2025 (period ending) — Wrong week ending',
      '2025-03-24 provider: Comment (general) by provider',
      '2025-03-24 provider: Retraction of the comment of 24 Mar 2025 — Posted on the wrong concern',
      '2025-03-26 provider: Comment (proportionality) by provider',
    ]);
  });

  it('keeps both dates, the links and the category', () => {
    const story = fengatesStory();
    const entry = buildTimeline(story.events).find((e) => e.eventId === story.accepted.eventId)!;
    expect(entry).toMatchObject({
      streamId: 'concern-c1',
      globalPosition: story.accepted.globalPosition,
      occurredAt: story.accepted.occurredAt,
      recordedAt: story.accepted.recordedAt,
      kind: 'ActionPlanAccepted',
      category: 'documentation',
      links: { concernId: 'c1', serviceId: 's1', providerId: 'provider-1', councilId: 'council-1', contractId: 'k1', planVersion: 2 },
    });
  });

  it('flags a visit recorded a week after it happened as recorded late', () => {
    const story = fengatesStory();
    const entries = buildTimeline(story.events);
    const visit = entries.find((e) => e.eventId === story.visit.eventId)!;
    expect(visit.flags).toMatchObject({ recordedLate: true, recordedWorkingDaysAfter: 5 });
    expect(entries.filter((e) => e.flags.recordedLate)).toHaveLength(1);
  });

  it('late means more than 2 working days: a Friday event recorded on Tuesday is not late, on Wednesday it is', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised({ occurred: '2025-03-07', recorded: '2025-03-11' });
    c.notified({ occurred: '2025-03-07', recorded: '2025-03-12' });
    c.acknowledged({ occurred: '2025-04-17', recorded: '2025-04-23' }); // Easter: 22, 23
    expect(buildTimeline(h.events).map((e) => [e.flags.recordedWorkingDaysAfter, e.flags.recordedLate])).toEqual([
      [2, false],
      [3, true],
      [2, false],
    ]);
    expect(buildTimeline(h.events, { clocks: { lateRecordAfterWorkingDays: 1 } })[0].flags.recordedLate).toBe(true);
  });

  it('shows a corrected entry as recorded, with the correction beside it', () => {
    const story = fengatesStory();
    const update = buildTimeline(story.events).find((e) => e.eventId === story.update.eventId)!;
    expect(update.summary).toBe('Weekly update for period ending 14 Mar 2025');
    expect(update.flags.corrected).toEqual({
      byEventIds: [story.correction.eventId],
      reasons: ['Wrong week ending'],
      changes: { periodEnding: '2025-03-21' },
      summaryAfterCorrection: 'Weekly update for period ending 21 Mar 2025',
    });
  });

  it('keeps a retracted entry, flagged, and links the retraction to it', () => {
    const story = fengatesStory();
    const entries = buildTimeline(story.events);
    expect(entries.find((e) => e.eventId === story.wrongComment.eventId)!.flags.retracted).toEqual({
      byEventId: story.retraction.eventId,
      reason: 'Posted on the wrong concern',
    });
    expect(entries.find((e) => e.eventId === story.retraction.eventId)!.links.targetEventId).toBe(story.wrongComment.eventId);
  });

  it('marks plan versions superseded by a later accepted version', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const v1 = c.planSubmitted('2025-03-12', 1, []);
    const accepted1 = c.planAccepted('2025-03-13', 1);
    const v2 = c.planSubmitted('2025-04-01', 2, []);
    const accepted2 = c.planAccepted('2025-04-02', 2);
    const superseded = (id: string) => buildTimeline(h.events).find((e) => e.eventId === id)!.flags.superseded;
    expect(superseded(v1.eventId)).toEqual({ byEventId: accepted2.eventId, byVersion: 2 });
    expect(superseded(accepted1.eventId)).toEqual({ byEventId: accepted2.eventId, byVersion: 2 });
    expect(superseded(v2.eventId)).toBeNull();
    expect(superseded(accepted2.eventId)).toBeNull();
    // a retracted acceptance supersedes nothing
    h.retracted('2025-04-03', accepted2, 'Accepted in error');
    expect(superseded(v1.eventId)).toBeNull();
  });

  it('orders by occurredAt then global position, not by recording order', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    const late = c.visit({ occurred: '2025-03-03T09:00:00Z', recorded: '2025-03-10' }, 'council_monitoring', '2025-03-03');
    const raised = c.raised('2025-03-03T08:00:00Z');
    const sameInstant = c.notified('2025-03-03T09:00:00.000Z');
    expect(buildTimeline(h.events).map((e) => e.eventId)).toEqual([raised.eventId, late.eventId, sameInstant.eventId]);
  });

  it('takes parties from the actor organisation, a given map or function, or the role', () => {
    const h = new EventHistory();
    const c = concernRecord(h);
    c.raised('2025-03-03');
    const ack = c.acknowledged('2025-03-04');
    expect(buildTimeline(h.events).map((e) => e.party)).toEqual(['council', 'provider']); // from roles
    const swapped = buildTimeline(h.events, { organisationKinds: { 'council-1': 'regulator' } });
    expect(swapped[0].party).toBe('regulator');
    const decided = buildTimeline(h.events, { partyOf: (e) => (e.eventId === ack.eventId ? 'admin' : undefined) });
    expect(decided.map((e) => e.party)).toEqual(['council', 'admin']);
    const staff = h.record('CommentRecorded', { commentId: 'x', party: 'provider', topic: 'context', text: 'Staff view' }, 'concern-c1', '2025-03-05', {
      ...PROVIDER_MANAGER,
      role: 'provider_staff',
    });
    expect(buildTimeline(h.events).find((e) => e.eventId === staff.eventId)!.party).toBe('provider');
  });

  it('writes one-liners for service, regulator and escalation entries', () => {
    const h = new EventHistory();
    const s = serviceRecord(h);
    s.managerLeft('2025-02-28', 'm1', '2025-02-28');
    s.managerAppointed('2025-03-03', 'm2', '2025-03-03', 'interim');
    s.absenceNotified('2025-05-30', { managerId: 'm2', absenceStartedOn: '2025-05-23', notifiedOn: '2025-05-30', emergency: true });
    s.rating('2025-06-01', 'requires_improvement', '2025-06-01');
    const c = concernRecord(h);
    c.escalated('2025-06-02', 0, 1, 'Updates missed');
    c.update('2025-06-03', '2025-06-01'); // no plan request among the inputs: no cadence word
    expect(buildTimeline(h.events).map((e) => e.summary)).toEqual([
      'Manager left on 28 Feb 2025 — Resigned',
      'Interim manager appointed, starting 3 Mar 2025',
      'Emergency manager absence from 23 May 2025, notified 30 May 2025',
      'CQC rating published: requires improvement',
      'Escalated from level 0 (routine) to level 1 (enhanced monitoring) — Updates missed',
      'Plan update for period ending 1 Jun 2025',
    ]);
  });
});
