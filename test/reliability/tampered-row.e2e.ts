import { DEMO_IDS } from '@caretrail/demo';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import request from 'supertest';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

const concern = DEMO_IDS.documentationConcern;
const stream = `concern-${concern}`;

/** Changes a stored row behind the application's back, as an attacker with database access would. */
async function tamper(t: TestApp, set: 'data' | 'hash'): Promise<void> {
  const sql =
    set === 'data'
      ? `UPDATE events SET data = replace(data::text, 'Daily records incomplete', 'Daily records complete')${t.config.CARETRAIL_STORE === 'postgres' ? '::jsonb' : ''} WHERE stream_id = $1 AND stream_version = 1`
      : `UPDATE events SET hash = repeat('0', 64) WHERE stream_id = $1 AND stream_version = 3`;
  if (t.config.CARETRAIL_STORE === 'sqlite') {
    const db = new Database(t.config.CARETRAIL_SQLITE_FILE);
    db.prepare(
      sql
        .replace('data::text', 'data')
        .replace('$1', '?')
        .replace("repeat('0', 64)", `'${'0'.repeat(64)}'`),
    ).run(stream);
    db.close();
  } else {
    const client = new Client({ connectionString: t.config.CARETRAIL_PG_URL });
    await client.connect();
    await client.query(`SET search_path TO "${t.config.CARETRAIL_PG_SCHEMA}"`);
    await client.query(sql, [stream]);
    await client.end();
  }
}

describe.each(storesUnderTest())('a tampered event row on %s', (store) => {
  let t: TestApp;
  let seeded: number;
  const officer = { Authorization: 'Bearer demo-council-officer' };

  beforeEach(async () => {
    t = await startTestApp(store);
    seeded = await seedDemoStory(t);
  });
  afterEach(async () => t?.close());

  it.each(['data', 'hash'] as const)('with a changed %s is detected on read and reported, never served as valid', async (column) => {
    await request(t.server as never)
      .get(`/concerns/${concern}`)
      .set(officer)
      .expect(200);
    await tamper(t, column);
    const read = await request(t.server as never)
      .get(`/concerns/${concern}`)
      .set(officer)
      .expect(500);
    expect(read.body).toMatchObject({ type: 'urn:caretrail:problem:integrity-check-failed', title: 'Integrity Check Failed', status: 500 });
    expect(read.body.detail).toContain(stream);
    expect(JSON.stringify(read.body)).not.toMatch(/Daily records|SELECT|at \w+ \(/);

    // Nor exported: the service's evidence bundle carries the concern's stream, and is refused, not signed.
    const bundle = await request(t.server as never)
      .get(`/evidence/services/${DEMO_IDS.mapleCourt}?minPosition=${seeded}`)
      .set(officer)
      .expect(500);
    expect(bundle.body).toMatchObject({ title: 'Integrity Check Failed' });
    expect(bundle.body.detail).toContain(stream);

    // Nothing is decided on a tampered history: a command on it records nothing.
    const version = await t.app.get<EventStore>(EVENT_STORE).streamVersion(stream);
    await request(t.server as never)
      .post(`/concerns/${concern}/comments`)
      .set(officer)
      .send({ topic: 'general', text: 'Still here' })
      .expect(500);
    expect(await t.app.get<EventStore>(EVENT_STORE).streamVersion(stream)).toBe(version);
  });
});
