import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addToOutbox } from '@caretrail/projections';
import { openReadDatabase, type ReadDatabase } from '@caretrail/read-store';
import { FakeNotify, fakeNotifyKey } from './support/fake-notify';
import { notifyEnv, until } from './support/notify-env';

/**
 * Exactly once across kill -9: the sender runs in a child process; Notify takes the first e-mail but
 * the child is killed before it hears back (so the e-mail is at Notify, unmarked here). A new child
 * takes the claim over once its lease has run out, finds the reference at Notify and marks it sent
 * without sending again; the message after it is sent once. Nothing is sent twice, nothing is lost.
 */
describe('the notification sender under kill -9', () => {
  const key = fakeNotifyKey();
  let notify: FakeNotify;
  let dir: string;
  let read: ReadDatabase;
  const children: ChildProcess[] = [];

  const startChild = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, [join(__dirname, 'support', 'sender-child.js')], {
      env: {
        ...process.env,
        ...notifyEnv(notify, key.apiKey, { CARETRAIL_NOTIFY_LEASE_MS: '5500', CARETRAIL_NOTIFY_TIMEOUT_MS: '5000' }),
        READ_DB: join(dir, 'read.db'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', () => output.includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the sender exited (${code}) before it was ready: ${output}`)));
    });
    return child;
  };
  const killHard = async (child: ChildProcess) => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  const deliveries = () => read.db.selectFrom('notification_deliveries').selectAll().orderBy('created_at').orderBy('reference').execute();

  beforeAll(async () => {
    notify = await new FakeNotify(key).start();
    dir = mkdtempSync(join(tmpdir(), 'caretrail-notify-kill-'));
    read = await openReadDatabase({ kind: 'sqlite', filename: join(dir, 'read.db') });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) await killHard(child);
    await read?.close();
    await notify?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each message exactly once though the sender is killed between Notify taking it and marking it sent', async () => {
    const providerId = randomUUID();
    const concernId = randomUUID();
    const now = new Date();
    await read.db
      .insertInto('notification_contacts')
      .values({
        contact_id: randomUUID(),
        organisation_id: providerId,
        organisation_kind: 'provider',
        name: 'Quality team',
        email_address: 'quality@provider.example',
        kinds: '["*"]',
        created_at: now.toISOString(),
        created_by: 'test',
      })
      .execute();
    for (const [n, kind] of [
      [1, 'plan-accepted'],
      [2, 'claim-verified'],
    ] as const) {
      await addToOutbox(
        read.db,
        {
          reference: `${kind}:event-${n}:${providerId}`,
          kind,
          organisationId: providerId,
          concernId,
          councilId: randomUUID(),
          providerId,
          serviceId: randomUUID(),
          personalisation: {
            subject: `Message ${n}`,
            detail: '',
            concern_reference: concernId,
            concern_link: `/app/concerns/${concernId}`,
            category: 'documentation',
            service_name: 'Maple Court',
            due_on: '',
          },
          sourcePosition: n,
        },
        'pending',
        new Date(now.getTime() + n),
      );
    }

    notify.holdNext();
    const first = await startChild();
    await until(() => notify.emails.length === 1);
    await killHard(first);
    const [cutShort] = await deliveries();
    expect(cutShort).toMatchObject({ status: 'sending', attempts: 1, notify_id: null });

    await startChild();
    await until(async () => (await deliveries()).every((d) => d.status === 'sent'));
    const sent = await deliveries();
    expect(sent.map((d) => [d.outbox_reference.split(':')[0], d.status])).toEqual([
      ['plan-accepted', 'sent'],
      ['claim-verified', 'sent'],
    ]);
    // Each reference arrived once; the one cut short was looked up, not sent again.
    expect(notify.emails.map((e) => e.reference).sort()).toEqual(sent.map((d) => d.reference).sort());
    expect(notify.requests.filter((r) => r.method === 'POST' && r.reference === cutShort.reference)).toHaveLength(1);
    expect(notify.requests.some((r) => r.method === 'GET' && r.reference === cutShort.reference)).toBe(true);
    expect(sent[0].notify_id).toBe(notify.emails.find((e) => e.reference === cutShort.reference)!.id);
  });
});
