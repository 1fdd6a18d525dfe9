import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { ReadDatabase } from '@caretrail/read-store';
import { READ_DATABASE } from '../../apps/api/src/store/store.module';
import { Client } from 'pg';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import {
  ADMIN,
  COUNCIL,
  OTHER_COUNCIL,
  OTHER_COUNCIL_ID,
  PROVIDER,
  PROVIDER_ID,
  COUNCIL_ID,
  recordTwoCouncilsStory,
  type Post,
} from '../support/two-councils-story';
import { FakeNotify, fakeNotifyKey } from './support/fake-notify';
import { DEFAULT_TEMPLATE, notifyEnv, PLAN_SUBMITTED_TEMPLATE, PUBLIC_URL, until, useNotifyEnv } from './support/notify-env';

/**
 * E-mail through GOV.UK Notify, end to end: the real app on SQLite, its checkpointed outbox and
 * sender, and a local server speaking Notify's REST API (JWT verified) that records what arrives.
 */
describe.each(storesUnderTest())('e-mail notifications through GOV.UK Notify on %s', (kind) => {
  const key = fakeNotifyKey();
  let notify: FakeNotify;
  let t: TestApp;
  let dir: string;
  let restoreEnv: () => void;
  let storeEnv: Record<string, string>;
  let story: { serviceId: string; concerns: { own: string; other: string } };
  const contacts: Record<string, string> = {};

  const post =
    (app: () => TestApp): Post =>
    async (path, headers, body, status) => {
      const res = await request(app().server as never)
        .post(path)
        .set(headers)
        .send(body);
      if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };
  const send = post(() => t);
  const db = () => t.app.get<ReadDatabase>(READ_DATABASE).db;
  const deliveries = () => db().selectFrom('notification_deliveries').selectAll().orderBy('reference').execute();

  beforeAll(async () => {
    notify = await new FakeNotify(key).start();
    restoreEnv = useNotifyEnv(notifyEnv(notify, key.apiKey));
    dir = mkdtempSync(join(tmpdir(), 'caretrail-notify-'));
    // The same store across the restart below: a file, or a schema of this test's own.
    storeEnv =
      kind === 'sqlite'
        ? { CARETRAIL_SQLITE_FILE: join(dir, 'caretrail.db'), CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem') }
        : { CARETRAIL_PG_SCHEMA: `notify_${process.pid}_${Date.now().toString(36)}`, CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem') };
    t = await startTestApp(kind, storeEnv);
  });
  afterAll(async () => {
    await t?.close();
    await notify?.stop();
    restoreEnv?.();
    rmSync(dir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const client = new Client({ connectionString: process.env.CARETRAIL_TEST_PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${storeEnv.CARETRAIL_PG_SCHEMA}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${storeEnv.CARETRAIL_PG_SCHEMA}_read" CASCADE`);
      await client.end();
    }
  });

  it('lets each organisation keep its own contacts, and refuses a bad one with a 400 naming the field', async () => {
    for (const [name, who, emailAddress, kinds] of [
      ['Hollybank quality team', PROVIDER, 'quality@hollybank.example', ['*']],
      ['Northshire quality assurance', COUNCIL, 'qa@northshire.example', ['plan-submitted', 'update-overdue']],
      ['Eastvale quality assurance', OTHER_COUNCIL, 'qa@eastvale.example', ['*']],
    ] as const) {
      const res = await send('/notifications/contacts', who, { name, emailAddress, kinds }, 201);
      contacts[emailAddress] = res.body.contactId as string;
    }
    const bad = await request(t.server as never)
      .post('/notifications/contacts')
      .set(PROVIDER)
      .send({ name: 'X', emailAddress: 'not-an-address', kinds: ['nonsense'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('emailAddress');
    expect(JSON.stringify(bad.body)).toContain('kinds');

    const own = await request(t.server as never)
      .get('/notifications/contacts')
      .set(OTHER_COUNCIL);
    expect(own.body.contacts.map((c: { emailAddress: string }) => c.emailAddress)).toEqual(['qa@eastvale.example']);
    // Another organisation's contact is not there for you.
    const gone = await request(t.server as never)
      .delete(`/notifications/contacts/${contacts['qa@northshire.example']}`)
      .set(OTHER_COUNCIL);
    expect(gone.status).toBe(404);
    // An administrator sees any organisation's; an organisationId that is not an id is a 400 naming it.
    const byAdmin = await request(t.server as never)
      .get(`/notifications/contacts?organisationId=${PROVIDER_ID}`)
      .set(ADMIN);
    expect(byAdmin.body.contacts.map((c: { name: string }) => c.name)).toEqual(['Hollybank quality team']);
    for (const query of ['organisationId=nope', `organisationId=${PROVIDER_ID}&organisationId=${COUNCIL_ID}`]) {
      const res = await request(t.server as never)
        .get(`/notifications/contacts?${query}`)
        .set(ADMIN);
      expect([res.status, JSON.stringify(res.body)]).toEqual([400, expect.stringContaining('uuid')]);
    }
  });

  it('sends each event’s message once to each contact who asked for it, with its template and personalisation', async () => {
    story = await recordTwoCouncilsStory(t, send);
    const { own } = story.concerns;
    await send(
      `/concerns/${own}/action-plan/requests`,
      COUNCIL,
      { dueOn: '2025-04-04', updateCadenceDays: 7, graceDays: 2, occurredAt: '2025-03-21T09:00:00Z' },
      201,
    );
    await send(
      `/concerns/${own}/action-plan/versions`,
      PROVIDER,
      {
        version: 1,
        summary: 'Restore complete records',
        actions: [{ description: 'Audit every care plan', owner: 'Registered manager', dueOn: '2025-05-01', measure: 'All plans audited' }],
        occurredAt: '2025-03-28T09:00:00Z',
      },
      201,
    );

    // Two concerns notified to the provider; one plan submitted to Northshire.
    await until(() => notify.emails.length >= 3);
    const toProvider = notify.emailsTo('quality@hollybank.example');
    expect(toProvider).toHaveLength(2);
    for (const email of toProvider) {
      expect(email.template_id).toBe(DEFAULT_TEMPLATE);
      expect(email.reference).toMatch(new RegExp(`^concern-notified:[0-9a-f-]{36}:${PROVIDER_ID}:${contacts['quality@hollybank.example']}$`));
      expect(email.personalisation).toMatchObject({
        name: 'Hollybank quality team',
        service_name: 'Maple Court',
        category: 'documentation',
        subject: 'A concern has been raised about Maple Court',
        due_on: '',
      });
      expect(email.personalisation['detail']).toContain('Please acknowledge it');
    }
    expect(toProvider.map((e) => e.personalisation['concern_link']).sort()).toEqual(
      [`${PUBLIC_URL}/app/concerns/${story.concerns.own}`, `${PUBLIC_URL}/app/concerns/${story.concerns.other}`].sort(),
    );
    const toNorthshire = notify.emailsTo('qa@northshire.example');
    expect(toNorthshire).toHaveLength(1);
    expect(toNorthshire[0]).toMatchObject({
      template_id: PLAN_SUBMITTED_TEMPLATE,
      personalisation: { subject: 'Action plan version 1 submitted for Maple Court', concern_link: `${PUBLIC_URL}/app/concerns/${own}` },
    });
    // Eastvale asked for everything, but nothing here was its business.
    expect(notify.emailsTo('qa@eastvale.example')).toEqual([]);
    expect(notify.rejectedTokens).toEqual([]);
    expect(new Set(notify.emails.map((e) => e.reference)).size).toBe(notify.emails.length);
  });

  it('e-mails nobody about a concern they may not read, whoever the message names', async () => {
    // A message addressed to Eastvale about Northshire's concern: the read policy refuses Eastvale's contact.
    await db()
      .insertInto('notification_outbox')
      .values({
        reference: `plan-submitted:misaddressed:${OTHER_COUNCIL_ID}`,
        kind: 'plan-submitted',
        organisation_id: OTHER_COUNCIL_ID,
        concern_id: story.concerns.own,
        council_id: COUNCIL_ID,
        provider_id: PROVIDER_ID,
        service_id: story.serviceId,
        personalisation: JSON.stringify({
          subject: 'Not for Eastvale',
          detail: '',
          concern_reference: story.concerns.own,
          concern_link: '',
          category: '',
          service_name: '',
          due_on: '',
        }),
        source_position: null,
        status: 'pending',
        created_at: new Date().toISOString(),
      })
      .execute();
    await until(
      async () =>
        (
          await db()
            .selectFrom('notification_outbox')
            .select('status')
            .where('reference', '=', `plan-submitted:misaddressed:${OTHER_COUNCIL_ID}`)
            .executeTakeFirst()
        )?.status === 'expanded',
    );
    expect((await deliveries()).filter((d) => d.outbox_reference.includes('misaddressed'))).toEqual([]);
    expect(notify.emailsTo('qa@eastvale.example')).toEqual([]);
  });

  it('after a restart sends nothing twice, and looks a send cut short up at Notify before sending it again', async () => {
    const before = notify.emails.length;
    // As if the process had died after Notify took the e-mail but before it was marked sent.
    const northshire = (await deliveries()).find((d) => d.contact_id === contacts['qa@northshire.example'])!;
    await db()
      .updateTable('notification_deliveries')
      .set({ status: 'sending', claim: 'dead-process', claimed_at: new Date(Date.now() - 60 * 60 * 1000).toISOString(), attempts: 1, notify_id: null })
      .where('reference', '=', northshire.reference)
      .execute();
    await t.close();
    t = await startTestApp(kind, storeEnv);

    await until(async () => (await deliveries()).find((d) => d.reference === northshire.reference)?.status === 'sent');
    expect(notify.requests.some((r) => r.method === 'GET' && r.reference === northshire.reference)).toBe(true);
    expect(notify.emails.filter((e) => e.reference === northshire.reference)).toHaveLength(1);

    // A new event after the restart is sent once; nothing from before is sent again.
    await send(
      `/concerns/${story.concerns.own}/action-plan/versions/1/returns`,
      COUNCIL,
      { reasons: ['Actions need measurable outcomes'], occurredAt: '2025-04-01T09:00:00Z' },
      201,
    );
    await until(() => notify.emails.length >= before + 1);
    const returned = notify.emails.slice(before);
    expect(returned.map((e) => [e.email_address, e.personalisation['subject']])).toEqual([
      ['quality@hollybank.example', 'Action plan returned for Maple Court'],
    ]);
    expect(returned[0].personalisation['detail']).toContain('Actions need measurable outcomes');
    expect(new Set(notify.emails.map((e) => e.reference)).size).toBe(notify.emails.length);
  });

  it('retries Notify’s temporary failures, and lists permanent ones for an administrator', async () => {
    await send(
      '/notifications/contacts',
      PROVIDER,
      { name: 'Old mailbox', emailAddress: 'old@hollybank.invalid', kinds: ['plan-submitted', 'plan-accepted'] },
      201,
    );
    const before = notify.emails.length;
    notify.failNext(500, 2);
    await send(
      `/concerns/${story.concerns.own}/action-plan/versions`,
      PROVIDER,
      {
        version: 2,
        summary: 'Restore complete records, measured',
        actions: [{ description: 'Audit every care plan monthly', owner: 'Registered manager', dueOn: '2025-05-01', measure: 'All plans audited' }],
        occurredAt: '2025-04-02T09:00:00Z',
      },
      201,
    );
    // Version 2 submitted: one message, to Northshire, refused twice with a 500 before it is taken.
    await until(() => notify.emails.length >= before + 1);
    const submitted = notify.emailsTo('qa@northshire.example').filter((e) => e.personalisation['subject'].includes('version 2'));
    expect(submitted).toHaveLength(1);
    const attempts = notify.requests.filter((r) => r.method === 'POST' && r.reference === submitted[0].reference);
    expect(attempts.map((r) => r.status)).toEqual([500, 500, 201]);

    // Accepted: to the provider's two contacts, one with an address Notify refuses (400).
    await send(`/concerns/${story.concerns.own}/action-plan/versions/2/acceptances`, COUNCIL, { occurredAt: '2025-04-03T09:00:00Z' }, 201);
    await until(() => notify.emailsTo('quality@hollybank.example').some((e) => e.personalisation['subject'] === 'Action plan accepted for Maple Court'));

    const status = await until(async () => {
      const res = await request(t.server as never)
        .get('/admin/notifications')
        .set(ADMIN);
      return res.body.failed?.length ? res.body : null;
    });
    expect(status.sender).toBe('notify');
    expect(status.failed).toEqual([
      expect.objectContaining({
        kind: 'plan-accepted',
        organisationId: PROVIDER_ID,
        attempts: 1,
        error: expect.stringContaining('400 (ValidationError: email_address Not a valid email address)'),
      }),
    ]);
    expect(notify.emailsTo('old@hollybank.invalid')).toEqual([]);
    expect(
      (
        await request(t.server as never)
          .get('/admin/notifications')
          .set(PROVIDER)
      ).status,
    ).toBe(403);
  });
});

describe('without a Notify API key', () => {
  let t: TestApp;
  let restoreEnv: () => void;
  beforeAll(async () => {
    restoreEnv = useNotifyEnv(notifyEnv(null, null));
    t = await startTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
    restoreEnv?.();
  });

  it('writes messages to the log instead, and says so to the administrator', async () => {
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
      { name: 'Hollybank quality team', emailAddress: 'quality@hollybank.example', kinds: ['concern-notified'] },
      201,
    );
    await recordTwoCouncilsStory(t, send);
    const status = await until(async () => {
      const res = await request(t.server as never)
        .get('/admin/notifications')
        .set(ADMIN);
      return res.body.deliveries?.logged === 2 ? res.body : null;
    });
    expect(status).toMatchObject({ sender: 'log', deliveries: { logged: 2 }, failed: [] });
  });
});
