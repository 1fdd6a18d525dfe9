import type { DueItem } from '@caretrail/projections';
import { dueItemTodo, type TodoOptions } from './todo-list';

const options = (on: string): TodoOptions => ({
  on,
  actionsWithinWorkingDays: 10,
  serviceNames: new Map([['s-1', 'Maple Court']]),
  acknowledgeWithinWorkingDays: () => 2,
});
const due = (kind: DueItem['kind'], dueOn: string | null, state: string | null, facts: DueItem['facts'] = {}): DueItem => ({
  concernId: 'c-1',
  itemKey: kind,
  kind,
  councilId: 'co-1',
  providerId: 'p-1',
  serviceId: 's-1',
  contractId: 'k-1',
  dueOn,
  state,
  facts: { visitId: 'v-1', visitType: 'council_monitoring', visitedOn: '2026-03-02', ...facts },
});

/** The visit report items judged on the day asked: the stored row does not change as days pass. */
describe('draft report items on a to-do list', () => {
  it('offers the provider the challenge until the end of the window’s last day, approaching within two working days, then drops it', () => {
    const open = due('challenge-open', '2026-03-20', null, { findingNos: [1] });
    expect(dueItemTodo('provider', open, options('2026-03-10'))).toMatchObject({
      group: 'challenges-open',
      title: 'Check the draft report of the council monitoring visit on 2 March 2026',
      detail: 'You may challenge finding 1 until the end of 20 March 2026',
      overdue: false,
      approaching: false,
      href: '/app/concerns/c-1/challenge-finding',
    });
    expect(dueItemTodo('provider', open, options('2026-03-19'))).toMatchObject({ approaching: true, overdue: false });
    expect(dueItemTodo('provider', open, options('2026-03-20'))).toMatchObject({ approaching: true, overdue: false });
    expect(dueItemTodo('provider', open, options('2026-03-21'))).toBeNull();
    expect(dueItemTodo('council', open, options('2026-03-10'))).toBeNull();
  });

  it('tells the council an unchallenged draft may be published only after its window closed; a challenged one once decided', () => {
    const unchallenged = due('report-to-publish', '2026-03-20', 'unchallenged');
    expect(dueItemTodo('council', unchallenged, options('2026-03-20'))).toBeNull();
    expect(dueItemTodo('council', unchallenged, options('2026-03-21'))).toMatchObject({
      group: 'reports-to-publish',
      detail: 'Challenges closed at the end of 20 March 2026 with none made',
      overdue: false,
      href: '/app/concerns/c-1/publish-report',
    });
    expect(dueItemTodo('council', due('report-to-publish', '2026-03-20', 'challenged'), options('2026-03-10'))).toMatchObject({
      detail: 'Every challenge is decided',
    });
    expect(dueItemTodo('provider', unchallenged, options('2026-03-21'))).toBeNull();
  });
});

/** Meeting actions judged on the day asked: on the owning party's list only, Overdue the day after their due date. */
describe('meeting action items on a to-do list', () => {
  const facts = {
    actionId: 'a-1',
    description: 'Send the revised staffing rota',
    meetingId: 'm-1',
    meetingKind: 'provider_concerns_meeting',
    heldOn: '2026-03-02',
    owner: 'Registered manager, Sunrise Care',
  };
  it('shows the provider’s own action with its due date, Overdue once late, and never on the council’s list', () => {
    const mine = due('meeting-action', '2026-03-09', 'provider', facts);
    expect(dueItemTodo('provider', mine, options('2026-03-09'))).toMatchObject({
      group: 'meeting-actions',
      title: 'Send the revised staffing rota',
      detail: 'Provider concerns meeting of 2 March 2026; owner Registered manager, Sunrise Care; due on 9 March 2026',
      overdue: false,
      href: '/app/concerns/c-1#meeting-actions',
    });
    expect(dueItemTodo('provider', mine, options('2026-03-12'))).toMatchObject({
      overdue: true,
      detail: expect.stringContaining('was due on 9 March 2026, 3 days ago'),
    });
    expect(dueItemTodo('council', mine, options('2026-03-12'))).toBeNull();
    expect(dueItemTodo('council', due('meeting-action', '2026-03-09', 'council', facts), options('2026-03-12'))).toMatchObject({
      group: 'meeting-actions',
      overdue: true,
    });
    expect(dueItemTodo('provider', due('meeting-action', '2026-03-09', 'council', facts), options('2026-03-12'))).toBeNull();
  });
});
