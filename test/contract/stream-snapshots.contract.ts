import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Client } from 'pg';
import { CommandExecutor, STATE_KINDS, StaleRecordError, StreamStates, toDomainEvent, verifySnapshots } from '@caretrail/application';
import { concernDecider, concernStream, contractStream, fold, type CareTrailCommand, type ConcernState } from '@caretrail/domain';
import {
  EventIntegrityError,
  sealSnapshot,
  verifyChain,
  verifyStoreChains,
  type EventStore,
  type NewEvent,
  type SnapshotCapable,
} from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { PostgresEventStore } from '@caretrail/event-store/postgres';

/*
 * Long records (docs/long-records.md), on both stores: a state loaded through snapshots and incremental
 * chain checks equals the fold of the stream from its first event; an altered event or snapshot is
 * caught; commands sent without an expected version survive contention.
 */

type Store = EventStore & SnapshotCapable;

interface Subject {
  store: Store;
  /** Runs SQL on the store's database behind its back, as someone with database access would. */
  sql(text: string): Promise<void>;
  cleanup(): Promise<void>;
}

const COUNCIL = 'council-snap';
const CONTRACT = 'contract-snap';
const council = { userId: 'officer-snap', organisationId: COUNCIL, organisationKind: 'council' as const, role: 'qa_officer' as const };

const event = (type: string, data: Record<string, unknown>): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  occurredAt: '2026-01-05T10:00:00.000Z',
  actor: { userId: council.userId, organisationId: COUNCIL, role: council.role },
  correlationId: randomUUID(),
  causationId: null,
  commandId: null,
});

const raised = (concernId: string): NewEvent =>
  event('ConcernRaised', {
    concernId,
    serviceId: 'service-snap',
    providerId: 'provider-snap',
    councilId: COUNCIL,
    contractId: CONTRACT,
    category: 'documentation',
    severity: 'amber',
    source: 'monitoring_visit',
    summary: 'Care records lapsed',
  });

/** One later event of a concern; `target` picks an earlier event for corrections and retractions. */
type Step =
  | { kind: 'comment'; text: string }
  | { kind: 'escalate'; level: number }
  | { kind: 'placements'; suspended: boolean }
  | { kind: 'correct'; target: number; text: string }
  | { kind: 'retract'; target: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('comment' as const), text: fc.string({ maxLength: 30 }) }),
  fc.record({ kind: fc.constant('escalate' as const), level: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('placements' as const), suspended: fc.boolean() }),
  fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), text: fc.string({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('retract' as const), target: fc.nat() }),
);

function toEvents(concernId: string, steps: readonly Step[]): NewEvent[] {
  const events = [raised(concernId)];
  for (const step of steps) {
    const target = 'target' in step ? events[step.target % events.length] : undefined;
    switch (step.kind) {
      case 'comment':
        events.push(event('CommentRecorded', { commentId: randomUUID(), party: 'council', topic: 'general', text: step.text }));
        break;
      case 'escalate':
        events.push(event('ConcernEscalated', { concernId, fromLevel: 0, toLevel: step.level, reason: 'worse' }));
        break;
      case 'placements':
        events.push(event(step.suspended ? 'PlacementsSuspended' : 'PlacementsResumed', { concernId, reason: 'checks' }));
        break;
      case 'correct':
        events.push(event('EntryCorrected', { targetEventId: target!.eventId, targetType: target!.type, reason: 'typo', changes: { text: step.text } }));
        break;
      case 'retract':
        events.push(event('EntryRetracted', { targetEventId: target!.eventId, targetType: target!.type, reason: 'wrong record' }));
        break;
    }
  }
  return events;
}

/** The fold of the whole stream from its first event, every link verified: what every load must equal. */
async function foldFromZero(store: EventStore, streamId: string): Promise<ConcernState> {
  return fold(concernDecider, verifyChain(await store.readStream(streamId)).map(toDomainEvent));
}

const quiet = { onProblem: () => undefined };

function describeLongRecords(name: string, open: () => Promise<Subject>): void {
  describe(`long records on ${name}`, () => {
    let subject: Subject;
    beforeEach(async () => {
      subject = await open();
    });
    afterEach(async () => subject?.cleanup());

    it('loads, through held states and snapshots, exactly the state a fold from zero gives (property)', async () => {
      const { store } = subject;
      const warm = new StreamStates(store, { snapshotEvery: 3, snapshotFrom: 1, ...quiet });
      await fc.assert(
        fc.asyncProperty(
          fc.array(stepArb, { minLength: 1, maxLength: 40 }),
          fc.array(fc.record({ size: fc.integer({ min: 1, max: 7 }), cold: fc.boolean() }), { minLength: 1, maxLength: 12 }),
          async (steps, loads) => {
            const stream = concernStream(randomUUID());
            const events = toEvents(stream.slice('concern-'.length), steps);
            let version = 0;
            for (let i = 0; version < events.length; i++) {
              const { size, cold } = loads[i % loads.length];
              const batch = events.slice(version, version + size);
              version = (await store.append(stream, batch, version)).nextExpectedVersion;
              // A cold load is a new process: nothing held, the newest snapshot and the events after it.
              const states = cold ? new StreamStates(store, { snapshotFrom: 1, snapshotEvery: 3, ...quiet }) : warm;
              const loaded = await states.load(stream, concernDecider);
              expect(loaded.version).toBe(version);
              expect(loaded.state).toEqual(await foldFromZero(store, stream));
              await states.settled();
            }
          },
        ),
        { numRuns: 25 },
      );
      // Snapshots were written and used, and every one of them equals the fold from zero up to its version.
      const check = await verifySnapshots(store);
      expect(check.checked).toBeGreaterThan(0);
      expect(check.problems).toEqual([]);
    });

    it('starts a new process from the snapshot, reading only the events from its version on', async () => {
      const { store } = subject;
      const stream = concernStream(randomUUID());
      const steps: Step[] = Array.from({ length: 30 }, (_, i) => ({ kind: 'comment', text: `note ${i}` }));
      await store.append(stream, toEvents(stream.slice(8), steps), 'no_stream');
      const first = new StreamStates(store, { snapshotFrom: 10, snapshotEvery: 10, ...quiet });
      await first.load(stream, concernDecider);
      await first.settled();
      expect((await store.listSnapshots()).find((s) => s.streamId === stream)).toMatchObject({ stateType: 'concern', streamVersion: 31 });
      await store.append(stream, [event('CommentRecorded', { commentId: 'c', party: 'council', topic: 'general', text: 'later' })], 31);

      const reads: (number | undefined)[] = [];
      const spied = new Proxy(store, {
        get(target, key, receiver) {
          if (key === 'readStream') return (id: string, o?: { fromVersion?: number }) => (reads.push(o?.fromVersion), target.readStream(id, o));
          const value = Reflect.get(target, key, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const loaded = await new StreamStates(spied, { snapshotFrom: 10, ...quiet }).load(stream, concernDecider);
      expect(reads).toEqual([31]);
      expect(loaded.version).toBe(32);
      expect(loaded.state).toEqual(await foldFromZero(store, stream));
      expect(loaded.state.log.comments.map((c) => c.text).slice(-2)).toEqual(['note 29', 'later']);
    });

    it('catches an older event altered behind its back on the next read of its stream, and verify-store names it', async () => {
      const { store } = subject;
      const states = new StreamStates(store, quiet);
      const stream = concernStream(randomUUID());
      const steps: Step[] = Array.from({ length: 20 }, (_, i) => ({ kind: 'comment', text: `note ${i}` }));
      await store.append(stream, toEvents(stream.slice(8), steps), 'no_stream');
      await states.load(stream, concernDecider);

      await subject.sql(`UPDATE events SET data = replace(data::text, 'note 3', 'note 4')::jsonb WHERE stream_id = '${stream}' AND stream_version = 5`);
      await expect(states.load(stream, concernDecider)).rejects.toBeInstanceOf(EventIntegrityError);
      await expect(states.load(stream, concernDecider)).rejects.toMatchObject({ streamId: stream, streamVersion: 5 });
      const verified = await verifyStoreChains(store);
      expect(verified.problems.map((p) => `${p.streamId} v${p.streamVersion}`)).toEqual([`${stream} v5`]);
    });

    it('does not use an altered snapshot (the state comes from the events), and verify-store reports it', async () => {
      const { store } = subject;
      const problems: string[] = [];
      const stream = concernStream(randomUUID());
      const steps: Step[] = Array.from({ length: 20 }, (_, i) => ({ kind: 'comment', text: `note ${i}` }));
      await store.append(stream, toEvents(stream.slice(8), steps), 'no_stream');
      const first = new StreamStates(store, { snapshotFrom: 10, snapshotEvery: 10, ...quiet });
      await first.load(stream, concernDecider);
      await first.settled();

      await subject.sql(`UPDATE snapshots SET state = replace(state, 'note 3', 'note 4') WHERE stream_id = '${stream}'`);
      const loaded = await new StreamStates(store, { snapshotFrom: 10, onProblem: (m) => problems.push(m) }).load(stream, concernDecider);
      expect(loaded.state).toEqual(await foldFromZero(store, stream));
      expect(loaded.state.log.comments[3].text).toBe('note 3');
      expect(problems).toEqual([expect.stringContaining('content hash')]);
      expect((await verifySnapshots(store)).problems).toEqual([
        expect.objectContaining({ streamId: stream, problem: expect.stringContaining('content hash') }),
      ]);
    });

    it('verify-store catches a snapshot forged with a recomputed content hash, by folding its stream from zero', async () => {
      const { store } = subject;
      const stream = concernStream(randomUUID());
      const steps: Step[] = Array.from({ length: 20 }, (_, i) => ({ kind: 'comment', text: `note ${i}` }));
      await store.append(stream, toEvents(stream.slice(8), steps), 'no_stream');
      const first = new StreamStates(store, { snapshotFrom: 10, snapshotEvery: 10, ...quiet });
      await first.load(stream, concernDecider);
      await first.settled();
      const stored = (await store.readSnapshot(stream, 'concern', STATE_KINDS.get(concernDecider)!.schema))!;
      const { contentHash: _c, ...rest } = stored;
      await store.writeSnapshot(sealSnapshot({ ...rest, stateJson: stored.stateJson.replace('"severity":"amber"', '"severity":"green"') }));
      expect((await verifySnapshots(store)).problems).toEqual([
        expect.objectContaining({ streamId: stream, problem: 'its state differs from a fold of the stream from its first event' }),
      ]);
    });

    it('lets 16 concurrent comments without an expected version all succeed, from two processes; a stale version is still refused', async () => {
      const { store } = subject;
      const concernId = randomUUID();
      await store.append(
        contractStream(CONTRACT),
        [
          event('ContractAwarded', {
            contractId: CONTRACT,
            councilId: COUNCIL,
            providerId: 'provider-snap',
            serviceIds: ['service-snap'],
            reference: 'R',
            startsOn: '2026-01-01',
            endsOn: '2030-12-31',
          }),
        ],
        'any',
      );
      await store.append(concernStream(concernId), [raised(concernId)], 'no_stream');
      // Two executors on one store stand for two processes: their queues do not see each other.
      const executors = [new CommandExecutor(store), new CommandExecutor(store)];
      const comment = (i: number, expectedVersion?: number) => {
        const commandId = randomUUID();
        const command = {
          kind: 'RecordConcernComment',
          concernId,
          commentId: randomUUID(),
          topic: 'general',
          text: `comment ${i}`,
          occurredAt: '2026-01-06T10:00:00.000Z',
        } as unknown as CareTrailCommand;
        return executors[i % 2].execute(command, { actor: council, commandId, correlationId: commandId, causationId: null, expectedVersion });
      };
      const results = await Promise.all(Array.from({ length: 16 }, (_, i) => comment(i)));
      expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 2));
      const state = await foldFromZero(store, concernStream(concernId));
      expect(state.log.comments.map((c) => c.text).sort()).toEqual(Array.from({ length: 16 }, (_, i) => `comment ${i}`).sort());

      await expect(comment(0, 5)).rejects.toBeInstanceOf(StaleRecordError);
      expect(await store.streamVersion(concernStream(concernId))).toBe(17);
    });
  });
}

describeLongRecords('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'caretrail-snapshots-'));
  const filename = join(dir, 'events.db');
  const store = new SqliteEventStore({ filename });
  await store.init();
  return {
    store,
    async sql(text) {
      const db = new Database(filename);
      try {
        db.exec(text.replace(/data::text/g, 'data').replace(/\)::jsonb/g, ')'));
      } finally {
        db.close();
      }
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const url = process.env.CARETRAIL_TEST_PG_URL;
if (url) {
  describeLongRecords('PostgreSQL', async () => {
    const schema = `caretrail_snap_${process.pid}_${randomBytes(4).toString('hex')}`;
    const store = new PostgresEventStore({ connectionString: url, schema, pollIntervalMs: 50 });
    await store.init();
    const withClient = async (run: (c: Client) => Promise<unknown>) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await run(client);
      } finally {
        await client.end();
      }
    };
    return {
      store,
      sql: (text) =>
        withClient(async (c) => {
          await c.query(`SET search_path TO "${schema}"`);
          await c.query(text);
        }),
      async cleanup() {
        await store.close();
        await withClient((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
      },
    };
  });
} else {
  describe.skip('long records on PostgreSQL (CARETRAIL_TEST_PG_URL not set)', () => {
    it('needs a PostgreSQL database', () => undefined);
  });
}
