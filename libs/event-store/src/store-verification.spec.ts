import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from './recorded-event';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { describeChainProblem, verifyStoreChains } from './store-verification';

const event = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'CommentRecorded',
  schemaVersion: 1,
  data: { text: `Note ${n}`, n },
  occurredAt: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
  actor: { userId: 'u-1', organisationId: 'org-1', role: 'qa_officer' },
  correlationId: randomUUID(),
  causationId: null,
  commandId: null,
});

describe('verifyStoreChains', () => {
  let dir: string;
  let file: string;

  /** 30 events over three interleaved streams, in batches. */
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caretrail-verify-'));
    file = join(dir, 'events.db');
    const store = new SqliteEventStore({ filename: file });
    await store.init();
    for (let n = 0; n < 15; n++) await store.append(`concern-${n % 3}`, [event(2 * n), event(2 * n + 1)], 'any');
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const verify = async (pageSize?: number) => {
    const store = new SqliteEventStore({ filename: file, readonly: true });
    await store.init();
    try {
      return await verifyStoreChains(store, { pageSize });
    } finally {
      await store.close();
    }
  };
  const tamper = (statement: string) => {
    const db = new Database(file);
    expect(db.prepare(statement).run().changes).toBe(1);
    db.close();
  };

  it('counts events and streams across pages and finds nothing wrong in a sound store', async () => {
    for (const pageSize of [7, 1000]) expect(await verify(pageSize)).toEqual({ events: 30, streams: 3, lastPosition: 30, problems: [] });
  });

  it('names the stream and version whose content was changed', async () => {
    tamper(`UPDATE events SET data = replace(data, 'Note 9', 'Note 8') WHERE stream_id = 'concern-1' AND stream_version = 4`);
    const { problems } = await verify(7);
    expect(problems).toHaveLength(1);
    expect(describeChainProblem(problems[0])).toMatch(/^BROKEN concern-1 v4 \(.+\): hash [0-9a-f]{64} does not match its content/);
  });

  it('finds a missing event (the next one follows the wrong version) and a stream that does not start at 1', async () => {
    tamper(`DELETE FROM events WHERE stream_id = 'concern-2' AND stream_version = 3`);
    tamper(`DELETE FROM events WHERE stream_id = 'concern-0' AND stream_version = 1`);
    const problems = (await verify()).problems.map((p) => `${p.streamId} v${p.streamVersion}: ${p.problem}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'concern-0 v2: stream does not start at version 1',
        'concern-2 v4: follows version 2',
        expect.stringMatching(/^concern-2 v4: version 4 where 3 was expected|^concern-2 v4: previousHash/),
      ]),
    );
  });

  it('names an event whose stored JSON no longer parses, and stops there', async () => {
    tamper(`UPDATE events SET data = substr(data, 2) WHERE stream_id = 'concern-0' AND stream_version = 6`);
    const result = await verify(1000);
    expect(result.problems).toHaveLength(1);
    expect(describeChainProblem(result.problems[0])).toMatch(/^BROKEN concern-0 v6 \(.+\): stored data is not valid JSON/);
  });
});
