import type { PlanVersion } from '@caretrail/domain';
import { compareVersions } from './plan-version-diff';

const action = (actionId: string, dueOn = '2025-04-01', owner = 'Registered manager') => ({
  actionId,
  description: `Action ${actionId}`,
  owner,
  dueOn,
  measure: 'Done',
});
const version = (n: number, actions: ReturnType<typeof action>[]): PlanVersion => ({
  version: n,
  summary: `v${n}`,
  actions,
  submittedAt: '2025-03-01T10:00:00Z',
  status: 'submitted',
  returnedReasons: [],
  decidedAt: null,
  supersededAt: null,
});

describe('plan versions compared', () => {
  it('matches actions by id: added, removed, and changed field by field', () => {
    const [first, second] = compareVersions([version(1, [action('a'), action('b')]), version(2, [action('a', '2025-04-15', 'Deputy'), action('c')])]);
    expect(first.against).toBeNull();
    expect(first.actions.map((a) => a.change)).toEqual(['unchanged', 'unchanged']);
    expect(second.against).toBe(1);
    expect(second.actions.map((a) => [a.action.actionId, a.change])).toEqual([
      ['a', 'changed'],
      ['c', 'added'],
    ]);
    expect(second.actions[0].was).toEqual([
      { field: 'Owner', before: 'Registered manager' },
      { field: 'Due date', before: '2025-04-01' },
    ]);
    expect(second.removed.map((a) => a.actionId)).toEqual(['b']);
    expect(second.counts).toEqual({ added: 1, changed: 1, removed: 1 });
  });
});
