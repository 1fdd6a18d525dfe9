import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost } from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { NotificationDispatcher } from '@caretrail/notifications';
import { READ_DATABASE } from '../../apps/api/src/store/store.module';
import { startTestApp, type TestApp } from '../support/test-app';
import { COUNCIL, COUNCIL_ID, OTHER_COUNCIL, PROVIDER, PROVIDER_ID, recordTwoCouncilsStory, type Post } from '../support/two-councils-story';
import { FakeNotify, fakeNotifyKey } from './support/fake-notify';
import { notifyEnv, until, useNotifyEnv } from './support/notify-env';
import { formatDate } from '../../apps/api/src/web/rendering/date-format';

const londonDate = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + offsetDays * 86_400_000));
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * Clock reminders: an overdue plan update (to the provider and the council) and a plan due tomorrow
 * (to the provider), each added once per item and due date however often the clocks are looked at.
 */
describe('clock reminders by e-mail', () => {
  const key = fakeNotifyKey();
  let notify: FakeNotify;
  let t: TestApp;
  let restoreEnv: () => void;
  let story: { serviceId: string; concerns: { own: string; other: string } };

  beforeAll(async () => {
    notify = await new FakeNotify(key).start();
    restoreEnv = useNotifyEnv(notifyEnv(notify, key.apiKey));
    t = await startTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
    await notify?.stop();
    restoreEnv?.();
  });

  it('reminds of an overdue update and a plan due tomorrow once each, to those who asked', async () => {
    const send: Post = async (path, headers, body, status) => {
      const res = await request(t.server as never)
        .post(path)
        .set(headers)
        .send(body);
      if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };
    await send(
      '/notifications/contacts',
      PROVIDER,
      { name: 'Hollybank quality team', emailAddress: 'quality@hollybank.example', kinds: ['update-overdue', 'plan-due'] },
      201,
    );
    await send(
      '/notifications/contacts',
      COUNCIL,
      { name: 'Northshire quality assurance', emailAddress: 'qa@northshire.example', kinds: ['update-overdue'] },
      201,
    );
    await send('/notifications/contacts', OTHER_COUNCIL, { name: 'Eastvale quality assurance', emailAddress: 'qa@eastvale.example', kinds: ['*'] }, 201);
    story = await recordTwoCouncilsStory(t, send);
    const { own, other } = story.concerns;
    // Northshire's plan accepted 12 days ago, weekly, no grace: the first update was due 5 days ago.
    await send(`/concerns/${own}/action-plan/requests`, COUNCIL, { dueOn: londonDate(-14), updateCadenceDays: 7, graceDays: 0, occurredAt: daysAgo(20) }, 201);
    await send(
      `/concerns/${own}/action-plan/versions`,
      PROVIDER,
      {
        version: 1,
        summary: 'Restore complete records',
        actions: [{ description: 'Audit every care plan', owner: 'Registered manager', dueOn: londonDate(30), measure: 'All plans audited' }],
        occurredAt: daysAgo(13),
      },
      201,
    );
    await send(`/concerns/${own}/action-plan/versions/1/acceptances`, COUNCIL, { occurredAt: daysAgo(12) }, 201);
    // Eastvale's plan is due tomorrow.
    await send(
      `/concerns/${other}/action-plan/requests`,
      OTHER_COUNCIL,
      { dueOn: londonDate(1), updateCadenceDays: 7, graceDays: 2, occurredAt: daysAgo(5) },
      201,
    );
    await t.app.get(ProjectionHost).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition(), 30_000);

    const dispatcher = t.app.get(NotificationDispatcher);
    await dispatcher.runOnce();
    await dispatcher.runOnce();
    const db = t.app.get<ReadDatabase>(READ_DATABASE).db;
    const reminders = (
      await db
        .selectFrom('notification_outbox')
        .select('reference')
        .where('kind', 'in', ['update-overdue', 'plan-due', 'update-due-soon'])
        .orderBy('reference')
        .execute()
    ).map((r) => r.reference);
    const due = (await db.selectFrom('concern_summaries').select('next_update_late_after').where('concern_id', '=', own).executeTakeFirstOrThrow())
      .next_update_late_after;
    expect(due).toBe(londonDate(-5));
    expect(reminders).toEqual(
      [`plan-due:${other}:${londonDate(1)}:${PROVIDER_ID}`, `update-overdue:${own}:${due}:${COUNCIL_ID}`, `update-overdue:${own}:${due}:${PROVIDER_ID}`].sort(),
    );

    await until(() => notify.emails.length >= 3);
    await dispatcher.runOnce();
    const subjects = (address: string) =>
      notify
        .emailsTo(address)
        .map((e) => e.personalisation['subject'])
        .sort();
    expect(subjects('quality@hollybank.example')).toEqual(['Action plan due for Maple Court', 'Plan update overdue for Maple Court']);
    expect(subjects('qa@northshire.example')).toEqual(['Plan update overdue for Maple Court']);
    expect(notify.emailsTo('qa@northshire.example')[0].personalisation).toMatchObject({
      due_on: formatDate(due),
      detail: `The plan update for Maple Court due by ${formatDate(due)} has not been received.`,
    });
    // Eastvale asked for every kind, but the overdue update is Northshire's concern and the plan reminder the provider's.
    expect(notify.emailsTo('qa@eastvale.example')).toEqual([]);
    expect(notify.emails).toHaveLength(3);
  });
});
