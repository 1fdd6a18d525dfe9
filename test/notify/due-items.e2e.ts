import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { DUE_ITEMS, findCheckpoint, ProjectionHost } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { READ_DATABASE } from '../../apps/api/src/store/store.module';
import { TodoReader } from '../../apps/api/src/notifications/todo/todo.reader';
import type { Identity } from '../../apps/api/src/identity/identity';
import { startTestApp, type TestApp } from '../support/test-app';
import { COUNCIL, COUNCIL_ID, OTHER_COUNCIL, PROVIDER, PROVIDER_ID, recordTwoCouncilsStory, type Post } from '../support/two-councils-story';
import { useNotifyEnv } from './support/notify-env';

const londonDate = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + offsetDays * 86_400_000));
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * The due-items read model the to-do page reads: one row per item an open concern owes or awaits,
 * none once the concern is closed, the same rows after a rebuild, and a reader's list only of the
 * concerns it may read.
 */
describe('the due-items read model', () => {
  let t: TestApp;
  let restoreEnv: () => void;
  let story: { serviceId: string; concerns: { own: string; other: string } };
  let send: Post;

  const settle = async () => t.app.get(ProjectionHost).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition(), 30_000);
  const rows = async () => {
    const db = t.app.get<ReadDatabase>(READ_DATABASE).db;
    const generation = (await findCheckpoint(db, DUE_ITEMS, 'active'))!.generation;
    const found = await db
      .selectFrom('due_items')
      .select(['concern_id', 'item_key', 'kind', 'council_id', 'provider_id', 'due_on', 'state', 'facts'])
      .where('generation', '=', generation)
      .orderBy('concern_id')
      .orderBy('item_key')
      .execute();
    return found.map((r) => ({ ...r, facts: JSON.parse(r.facts) as unknown }));
  };
  const identity = (organisationId: string, organisationKind: string) =>
    ({ userId: 'u', organisationId, organisationKind, role: 'officer' }) as unknown as Identity;

  beforeAll(async () => {
    restoreEnv = useNotifyEnv({});
    t = await startTestApp('sqlite');
    send = async (path, headers, body, status) => {
      const res = await request(t.server as never)
        .post(path)
        .set(headers)
        .send(body);
      if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };
    story = await recordTwoCouncilsStory(t, send);
    await send(
      `/concerns/${story.concerns.own}/action-plan/requests`,
      COUNCIL,
      { dueOn: londonDate(4), updateCadenceDays: 7, graceDays: 2, occurredAt: daysAgo(10) },
      201,
    );
    await send(
      `/concerns/${story.concerns.own}/action-plan/versions`,
      PROVIDER,
      {
        version: 1,
        summary: 'Restore complete records',
        actions: [{ description: 'Audit every care plan', owner: 'Registered manager', dueOn: londonDate(30), measure: 'All plans audited' }],
        occurredAt: daysAgo(2),
      },
      201,
    );
    await send(
      `/concerns/${story.concerns.other}/action-plan/requests`,
      OTHER_COUNCIL,
      { dueOn: londonDate(-3), updateCadenceDays: 7, graceDays: 2, occurredAt: daysAgo(20) },
      201,
    );
    await settle();
  });
  afterAll(async () => {
    await t?.close();
    restoreEnv?.();
  });

  it('keeps one row per item of each open concern, with its parties, due date and state', async () => {
    const own = (await rows()).filter((r) => r.concern_id === story.concerns.own);
    expect(own.map((r) => [r.item_key, r.kind, r.state])).toEqual(expect.arrayContaining([['plan-review', 'plan-review', 'submitted']]));
    expect(own.every((r) => r.council_id === COUNCIL_ID && r.provider_id === PROVIDER_ID)).toBe(true);
    const other = (await rows()).filter((r) => r.concern_id === story.concerns.other);
    expect(other).toEqual(expect.arrayContaining([expect.objectContaining({ item_key: 'plan', kind: 'plan', due_on: londonDate(-3), state: 'requested' })]));
  });

  it('gives the same rows after a rebuild', async () => {
    const before = await rows();
    expect(before.length).toBeGreaterThan(0);
    await t.app.get(ProjectionHost).rebuild(DUE_ITEMS);
    expect(await rows()).toEqual(before);
  });

  it("lists for each council only its own concerns' items", async () => {
    const reader = t.app.get(TodoReader);
    const northshire = await reader.forIdentity(identity(COUNCIL_ID, 'council'), londonDate());
    const concernsIn = (list: Awaited<ReturnType<TodoReader['forIdentity']>>) => [...new Set(list.groups.flatMap((g) => g.items.map((i) => i.concernId)))];
    expect(concernsIn(northshire)).toEqual([story.concerns.own]);
    const provider = await reader.forIdentity(identity(PROVIDER_ID, 'provider'), londonDate());
    expect(concernsIn(provider)).toContain(story.concerns.other);
    const stranger = await reader.forIdentity(identity('provider-nobody', 'provider'), londonDate());
    expect(stranger.count).toBe(0);
  });

  it('has no rows for a concern once it is closed', async () => {
    await send(`/concerns/${story.concerns.other}/closure`, OTHER_COUNCIL, { outcome: 'Resolved at the monitoring visit', occurredAt: daysAgo(0) }, 201);
    await settle();
    expect((await rows()).filter((r) => r.concern_id === story.concerns.other)).toEqual([]);
    expect((await rows()).some((r) => r.concern_id === story.concerns.own)).toBe(true);
  });
});
