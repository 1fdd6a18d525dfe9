import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type { ReadDatabase } from '@caretrail/read-store';
import { READ_DATABASE } from '../../apps/api/src/store/store.module';
import { startTestApp, type TestApp } from '../support/test-app';
import { PROVIDER, recordTwoCouncilsStory, type Post } from '../support/two-councils-story';
import { FakeNotify, fakeNotifyKey } from './support/fake-notify';
import { notifyEnv, until, useNotifyEnv } from './support/notify-env';

const url = process.env.CARETRAIL_TEST_PG_URL;

if (!url) {
  const reason = 'CARETRAIL_TEST_PG_URL is not set (the standalone projector needs PostgreSQL)';
  console.warn(`Notify with the projector process skipped: ${reason}`);
  describe.skip(`e-mail from the projector process (skipped: ${reason})`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  /**
   * With CARETRAIL_PROJECTIONS=external the API does not send (its sender follows the projections): the standalone projector (apps/projector,
   * its real main, in a process of its own) keeps the outbox from the feed and sends it to Notify.
   */
  describe('e-mail from the projector process', () => {
    const key = fakeNotifyKey();
    const schema = `notifyproj_${process.pid}_${Date.now().toString(36)}`;
    let notify: FakeNotify;
    let t: TestApp;
    let projector: ChildProcess | undefined;
    let restoreEnv: () => void;
    let dir: string;
    let output = '';

    beforeAll(async () => {
      notify = await new FakeNotify(key).start();
      restoreEnv = useNotifyEnv(notifyEnv(notify, key.apiKey));
      dir = mkdtempSync(join(tmpdir(), 'caretrail-notify-projector-'));
      t = await startTestApp('postgres', {
        CARETRAIL_PG_SCHEMA: schema,
        CARETRAIL_PROJECTIONS: 'external',
        CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem'),
      });
      projector = spawn(
        process.execPath,
        ['-e', "require('./test/support/register-typescript.js'); require('reflect-metadata'); require('./apps/projector/src/main.ts')"],
        {
          cwd: join(__dirname, '..', '..'),
          env: { ...process.env, ...notifyEnv(notify, key.apiKey), CARETRAIL_STORE: 'postgres', CARETRAIL_PG_URL: url, CARETRAIL_PG_SCHEMA: schema, PORT: '0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      projector.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      projector.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    });
    afterAll(async () => {
      if (projector && projector.exitCode === null && projector.signalCode === null) {
        const exited = new Promise((resolve) => projector!.once('exit', resolve));
        projector.kill('SIGTERM');
        // A projector still starting may not stop at once: it is this test's own child, so end it.
        const hard = setTimeout(() => projector!.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(hard);
      }
      await t?.close();
      await notify?.stop();
      restoreEnv?.();
      rmSync(dir, { recursive: true, force: true });
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${schema}_read" CASCADE`);
      await client.end();
    });

    it('consumes the feed and sends each message once from the projector while the API runs with external projections', async () => {
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
      await until(() => output.includes('E-mail: GOV.UK Notify'));
      // The leader runs the outbox's consumer beside the read models.
      await until(() => /took the lease .*notification-intents/.test(output));
      await recordTwoCouncilsStory(t, send);

      await until(() => notify.emails.length >= 2);
      expect(notify.emails.map((e) => [e.email_address, e.personalisation['subject']])).toEqual([
        ['quality@hollybank.example', 'A concern has been raised about Maple Court'],
        ['quality@hollybank.example', 'A concern has been raised about Maple Court'],
      ]);
      // Notify answers before the projector records the send: wait until no delivery is still in hand
      // ('pending' or 'sending'), then read what each ended as (a busy machine showed one still 'sending').
      const read = t.app.get<ReadDatabase>(READ_DATABASE).db;
      const deliveries = await until(async () => {
        const rows = await read.selectFrom('notification_deliveries').select(['status', 'reference']).execute();
        return rows.length >= 2 && rows.every((d) => d.status !== 'pending' && d.status !== 'sending') ? rows : undefined;
      });
      expect(deliveries.map((d) => d.status)).toEqual(['sent', 'sent']);
      expect(new Set(notify.emails.map((e) => e.reference))).toEqual(new Set(deliveries.map((d) => d.reference)));
    });
  });
}
