/*
 * Long records (issue 12, docs/long-records.md): the cost of a command and of a record read on one
 * concern of 100, 1,000 and 10,000 events, on SQLite and PostgreSQL, with the ratio to the 100-event
 * row. Run through test/bench/long-record.js (`node test/bench/long-record.js [--quick] [--backends=sqlite,postgres]`).
 *
 * What is timed is the application's own path, in process, without HTTP: a command is
 * CommandExecutor.execute(RecordConcernComment) (load state, load the contract it refers to, decide,
 * append, durable commit); a read is `readRecord` of the concern (what ReadRecordQuery runs for GET /concerns/:id),
 * with the answer serialised. The record grows by appending comments straight to the store (the
 * commands' own cost is what is measured, not the seeding), then a warm-up load folds them in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { CommandExecutor, readRecord } from '@caretrail/application';
import { concernDecider, concernStream, contractStream, EVENT_SCHEMAS, type CareTrailCommand } from '@caretrail/domain';
import { type EventStore, type NewEvent } from '@caretrail/event-store';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { PostgresEventStore } from '@caretrail/event-store/postgres';

/** The concern read live, chain-checked, as the record query reads it. */
const readConcern = (executor: CommandExecutor) =>
  readRecord(executor, { recordType: 'concern', id: CONCERN, streamId: concernStream(CONCERN), folder: concernDecider, point: null });

const COUNCIL = '01900000-0000-7000-8000-0000000000c1';
const PROVIDER = '01900000-0000-7000-8000-0000000000b1';
const SERVICE = '01900000-0000-7000-8000-0000000000d1';
const CONTRACT = '01900000-0000-7000-8000-0000000000e1';
const CONCERN = '01900000-0000-7000-8000-0000000000f1';
const officer = { userId: 'bench-officer', organisationId: COUNCIL, organisationKind: 'council' as const, role: 'qa_officer' as const };

interface Options {
  quick: boolean;
  backends: ('sqlite' | 'postgres')[];
  pgUrl: string;
  sizes: number[];
  samples: number;
}

function parse(argv: string[]): Options {
  const flags = new Map(
    argv
      .map((a) => /^--([a-z-]+)(?:=(.*))?$/.exec(a))
      .filter((m) => m !== null)
      .map((m) => [m[1], m[2] ?? 'true']),
  );
  const quick = flags.has('quick');
  return {
    quick,
    backends: (flags.get('backends') ?? 'sqlite,postgres').split(',').filter((b): b is 'sqlite' | 'postgres' => b === 'sqlite' || b === 'postgres'),
    pgUrl: flags.get('pg-url') ?? process.env.CARETRAIL_BENCH_PG_URL ?? process.env.CARETRAIL_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test',
    sizes: quick ? [100, 500, 1000] : [100, 1000, 10_000],
    samples: Number(flags.get('samples') ?? (quick ? 30 : 200)),
  };
}

const base = (type: string, data: Record<string, unknown>, occurredAt: string): NewEvent => {
  const id = uuidv7();
  return {
    eventId: uuidv7(),
    type,
    schemaVersion: EVENT_SCHEMAS[type as keyof typeof EVENT_SCHEMAS]?.schemaVersion ?? 1,
    data,
    occurredAt,
    actor: { userId: officer.userId, organisationId: COUNCIL, role: officer.role },
    correlationId: id,
    causationId: null,
    commandId: id,
  };
};

/** The contract and the concern, as stored events (the bench times the comments, not the setup). */
async function seedRecord(store: EventStore): Promise<void> {
  const at = '2026-01-05T10:00:00.000Z';
  await store.append(
    contractStream(CONTRACT),
    [
      base(
        'ContractAwarded',
        {
          contractId: CONTRACT,
          councilId: COUNCIL,
          providerId: PROVIDER,
          serviceIds: [SERVICE],
          reference: 'BENCH-1',
          startsOn: '2026-01-01',
          endsOn: '2030-12-31',
        },
        at,
      ),
    ],
    'no_stream',
  );
  await store.append(
    concernStream(CONCERN),
    [
      base(
        'ConcernRaised',
        {
          concernId: CONCERN,
          serviceId: SERVICE,
          providerId: PROVIDER,
          councilId: COUNCIL,
          contractId: CONTRACT,
          category: 'documentation',
          severity: 'amber',
          source: 'monitoring_visit',
          summary: 'Care records lapsed',
        },
        at,
      ),
    ],
    'no_stream',
  );
}

/** Grows the concern to `size` events with comments appended straight to the store, 500 a batch. */
async function growTo(store: EventStore, size: number): Promise<void> {
  const stream = concernStream(CONCERN);
  for (let version = await store.streamVersion(stream); version < size;) {
    const n = Math.min(500, size - version);
    const batch = Array.from({ length: n }, (_, i) =>
      base(
        'CommentRecorded',
        {
          commentId: uuidv7(),
          party: 'council',
          topic: 'general',
          text: `Weekly note ${version + i}: records checked, two gaps found and followed up with the manager.`,
        },
        new Date().toISOString(),
      ),
    );
    version = (await store.append(stream, batch, version)).nextExpectedVersion;
  }
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (n: number): string => n.toFixed(n < 10 ? 2 : 1);

export interface LongRecordRow {
  backend: string;
  size: number;
  commandP50: number;
  commandP99: number;
  readP50: number;
  readP99: number;
  coldRead: number;
}

async function measure(backend: string, open: () => Promise<EventStore>, options: Pick<Options, 'sizes' | 'samples'>): Promise<LongRecordRow[]> {
  const store = await open();
  const rows: LongRecordRow[] = [];
  try {
    await seedRecord(store);
    const executor = new CommandExecutor(store);
    const read = async () => {
      const view = await readConcern(executor);
      const { log: _log, ...state } = view.state;
      return JSON.stringify({ id: CONCERN, version: view.version, ...state });
    };
    for (const size of options.sizes) {
      await growTo(store, size);
      const warm = performance.now();
      await read(); // folds the new events in once, as the first read after them would
      const warmMs = performance.now() - warm;
      // A new process: nothing in memory, the snapshot written by the warm-up (if any) and the events after it.
      await executor.states.settled();
      const coldStart = performance.now();
      await readConcern(new CommandExecutor(store));
      const coldRead = performance.now() - coldStart;
      const commands: number[] = [];
      const reads: number[] = [];
      for (let i = 0; i < options.samples; i++) {
        const commandId = uuidv7();
        const command = {
          kind: 'RecordConcernComment',
          concernId: CONCERN,
          commentId: uuidv7(),
          topic: 'general',
          text: `Comment ${i}`,
          occurredAt: new Date().toISOString(),
        } as unknown as CareTrailCommand;
        let t = performance.now();
        await executor.execute(command, { actor: officer, commandId, correlationId: commandId, causationId: null });
        commands.push(performance.now() - t);
        t = performance.now();
        await read();
        reads.push(performance.now() - t);
      }
      await executor.states.settled();
      commands.sort((a, b) => a - b);
      reads.sort((a, b) => a - b);
      const row = {
        backend,
        size,
        commandP50: percentile(commands, 50),
        commandP99: percentile(commands, 99),
        readP50: percentile(reads, 50),
        readP99: percentile(reads, 99),
        coldRead,
      };
      rows.push(row);
      console.log(
        `  ${backend} ${size.toLocaleString('en-GB')} events: command p50 ${ms(row.commandP50)} ms, read p50 ${ms(row.readP50)} ms (catch-up fold ${ms(warmMs)} ms, cold read ${ms(coldRead)} ms)`,
      );
    }
  } finally {
    await store.close();
  }
  return rows;
}

/**
 * The long-record rows on each store asked for (PostgreSQL skipped, with the reason printed, when it
 * cannot be reached): for npm run bench (section "long") and for long-record.js.
 */
export async function measureLongRecords(options: Pick<Options, 'backends' | 'pgUrl' | 'sizes' | 'samples'>): Promise<LongRecordRow[]> {
  const all: LongRecordRow[] = [];
  for (const backend of options.backends) {
    if (backend === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'caretrail-long-record-'));
      try {
        all.push(
          ...(await measure(
            'sqlite',
            async () => {
              const s = new SqliteEventStore({ filename: join(dir, 'events.db') });
              await s.init();
              return s;
            },
            options,
          )),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } else {
      const schema = `caretrail_long_record_${process.pid}`;
      try {
        all.push(
          ...(await measure(
            'postgres',
            async () => {
              const s = new PostgresEventStore({ connectionString: options.pgUrl, schema });
              await s.init();
              return s;
            },
            options,
          )),
        );
      } catch (error) {
        console.log(`  postgres skipped: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        const client = new Client({ connectionString: options.pgUrl });
        await client
          .connect()
          .then(() => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))
          .catch(() => undefined);
        await client.end().catch(() => undefined);
      }
    }
  }
  return all;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  console.log(
    `Long records${options.quick ? ' (quick)' : ''}: one concern at ${options.sizes.join(', ')} events, ${options.samples} commands and reads each; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const all = await measureLongRecords(options);
  console.log('');
  console.log('| store | events | command p50 | command p99 | read p50 | read p99 | command p50 / 100-event row | read p50 / 100-event row | cold read |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of all) {
    const first = all.find((x) => x.backend === r.backend)!;
    console.log(
      `| ${r.backend} | ${r.size.toLocaleString('en-GB')} | ${ms(r.commandP50)} ms | ${ms(r.commandP99)} ms | ${ms(r.readP50)} ms | ${ms(r.readP99)} ms | ${(r.commandP50 / first.commandP50).toFixed(2)}x | ${(r.readP50 / first.readP50).toFixed(2)}x | ${ms(r.coldRead)} ms |`,
    );
  }
  console.log(
    `Load average at the end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
