import { concernRecord } from '../testing/concern-record';
import { EventHistory } from '../testing/event-history';
import { measureContext } from './measure-context';
import { onTimeActionRate } from './on-time-action-rate.measure';
import { overdueActionDays } from './overdue-action-days.measure';

/**
 * Four actions accepted on 17 March 2025:
 * A1 due 31 Mar, verified 28 Mar (met);
 * A2 due 11 Apr, moved by agreement to 25 Apr, verified 24 Apr (late by the original date, met by the agreed one);
 * A3 due 30 Apr, moved by the provider alone to 15 May, unverified (by 20 May: late either way);
 * A4 due 30 May, unverified (not yet due on 20 May).
 */
function actionHistory() {
  const h = new EventHistory();
  const c = concernRecord(h);
  c.raised('2025-03-03');
  c.planRequested('2025-03-03', { dueOn: '2025-03-17' });
  c.planSubmitted('2025-03-14', 1, [
    { actionId: 'A1', dueOn: '2025-03-31', description: 'Audit every care record' },
    { actionId: 'A2', dueOn: '2025-04-11' },
    { actionId: 'A3', dueOn: '2025-04-30' },
    { actionId: 'A4', dueOn: '2025-05-30' },
  ]);
  c.planAccepted('2025-03-17', 1);
  c.completionClaimed('2025-03-27', 'A1');
  c.verified('2025-03-28', 'A1');
  c.dueDateRevised('2025-04-07', 'A2', '2025-04-11', '2025-04-25', 'agreed');
  c.verified('2025-04-24', 'A2');
  const unilateral = c.dueDateRevised('2025-04-20', 'A3', '2025-04-30', '2025-05-15', 'unilateral');
  return { h, c, unilateral };
}

describe('measure 5: on-time action rate', () => {
  it('counts verified by the original due date over actions due, agreed revisions beside', () => {
    const { h } = actionHistory();
    const result = onTimeActionRate(measureContext(h.events, { on: '2025-05-20' }));
    expect(result.byConcern[0].actions.map((a) => [a.actionId, a.byOriginalDueDate, a.byAgreedDueDate, a.agreedRevisions, a.unilateralRevisions])).toEqual([
      ['A1', 'met', 'met', 0, 0],
      ['A2', 'missed', 'met', 1, 0],
      ['A3', 'missed', 'missed', 0, 1],
      ['A4', 'not_yet_due', 'not_yet_due', 0, 0],
    ]);
    expect(result.overall.byOriginalDueDate).toEqual({ numerator: 1, denominator: 3, rate: 1 / 3 });
    expect(result.overall.byAgreedDueDate).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(result.overall.revisions).toEqual({ agreed: 1, unilateral: 1, actionsRevisedByAgreement: 1, actionsRevisedUnilaterally: 1 });
    expect(result.byConcern[0].actions[0].description).toBe('Audit every care record');
  });

  it('an action due on the evaluation date is not yet due', () => {
    const { h } = actionHistory();
    const a4 = (on: string) => onTimeActionRate(measureContext(h.events, { on })).byConcern[0].actions[3].byOriginalDueDate;
    expect(a4('2025-05-30')).toBe('not_yet_due');
    expect(a4('2025-05-31')).toBe('missed');
  });

  it('a later accepted version moving a due date is an agreed revision; an action it drops unverified is no longer owed', () => {
    const { h, c } = actionHistory();
    c.planSubmitted('2025-05-01', 2, [
      { actionId: 'A1', dueOn: '2025-03-31' },
      { actionId: 'A2', dueOn: '2025-04-25' },
      { actionId: 'A4', dueOn: '2025-06-30' },
    ]);
    c.planAccepted('2025-05-02', 2);
    const result = onTimeActionRate(measureContext(h.events, { on: '2025-06-02' }));
    expect(result.byConcern[0].actions.map((a) => [a.actionId, a.originalDueOn, a.agreedDueOn, a.byOriginalDueDate, a.byAgreedDueDate])).toEqual([
      ['A1', '2025-03-31', '2025-03-31', 'met', 'met'],
      ['A2', '2025-04-11', '2025-04-25', 'missed', 'met'],
      ['A4', '2025-05-30', '2025-06-30', 'missed', 'not_yet_due'],
    ]);
  });

  it('ignores a retracted verification', () => {
    const { h, c } = actionHistory();
    const wrong = c.verified('2025-05-01', 'A4');
    expect(onTimeActionRate(measureContext(h.events, { on: '2025-05-20' })).byConcern[0].actions[3].byOriginalDueDate).toBe('met');
    h.retracted('2025-05-02', wrong, 'Verified the wrong action');
    expect(onTimeActionRate(measureContext(h.events, { on: '2025-05-20' })).byConcern[0].actions[3].byOriginalDueDate).toBe('not_yet_due');
  });
});

describe('measure 6: overdue action-days', () => {
  it('sums calendar days past the agreed due date of unverified actions; unilateral moves do not stop the clock', () => {
    const { h, unilateral } = actionHistory();
    const result = overdueActionDays(measureContext(h.events, { on: '2025-05-20' }));
    expect(result.byConcern).toHaveLength(1);
    expect(result.byConcern[0].actions).toEqual([
      expect.objectContaining({ actionId: 'A3', agreedDueOn: '2025-04-30', daysOverdue: 20, currentDueOn: '2025-05-15', daysOverdueByCurrentDueDate: 5 }),
    ]);
    expect(result.byConcern[0].eventIds).toContain(unilateral.eventId);
    expect(result.overall).toMatchObject({ overdueActions: 1, overdueActionDays: 20, overdueActionDaysByCurrentDueDate: 5 });
  });

  it('adds up across actions as the evaluation date moves on', () => {
    const { h } = actionHistory();
    // 2 June: A3 33 days past 30 Apr, A4 3 days past 30 May
    expect(overdueActionDays(measureContext(h.events, { on: '2025-06-02' })).overall.overdueActionDays).toBe(36);
  });

  it('does not count the actions of a closed concern, and counts again once it is reopened', () => {
    const { h, c } = actionHistory();
    c.closed('2025-05-10');
    expect(overdueActionDays(measureContext(h.events, { on: '2025-05-20' })).overall.overdueActionDays).toBe(0);
    c.reopened('2025-05-15');
    expect(overdueActionDays(measureContext(h.events, { on: '2025-05-20' })).overall.overdueActionDays).toBe(20);
  });
});

describe('actions across plans', () => {
  it("a new request starts a fresh plan: the old plan's unverified actions were due but are no longer owed", () => {
    const { h, c } = actionHistory();
    c.closed('2025-05-21', 'Closed with actions outstanding');
    c.reopened('2025-06-02');
    c.planRequested('2025-06-02', { dueOn: '2025-06-16' });
    c.planSubmitted('2025-06-09', 2, [{ actionId: 'A1', dueOn: '2025-07-31', description: 'Re-audit care records' }]);
    c.planAccepted('2025-06-10', 2);
    const context = measureContext(h.events, { on: '2025-08-04' });
    const timeliness = onTimeActionRate(context).byConcern[0].actions;
    // A1 of the first plan (met) and A1 of the new plan (unverified, due 31 Jul) are two actions
    expect(timeliness.map((a) => [a.actionId, a.originalDueOn, a.byOriginalDueDate])).toEqual([
      ['A1', '2025-03-31', 'met'],
      ['A2', '2025-04-11', 'missed'],
      ['A3', '2025-04-30', 'missed'],
      ['A4', '2025-05-30', 'missed'],
      ['A1', '2025-07-31', 'missed'],
    ]);
    const overdue = overdueActionDays(context).byConcern[0];
    expect(overdue.actions.map((a) => [a.actionId, a.daysOverdue])).toEqual([['A1', 4]]);
  });
});
