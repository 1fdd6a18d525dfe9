import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { speedRatio, type RowResult } from './bench-result';
import type { Backend, BenchSubject } from './bench-subject';
import { benchDatabase, dropDatabase, postgresReachable } from './bench-databases';
import { parseOptions, type BenchOptions } from './bench-options';
import { CareTrailSubject } from './caretrail-subject';
import { PostgresCeiling, SqliteCeiling } from './ceiling-subjects';
import { describeMachine } from './machine';
import { loadPeers, type PeerModule } from './peers';
import { markdownTable, missingNotes, progressLine } from './report';
import { runStoreRows, type SubjectSlot } from './store-rows';
import { runHistoryRows } from './history-rows';
import { runHttpRow } from './http-row';
import { runLongRecordRows } from './long-record-rows';
import { runPageRows } from './page-rows';

const STORE_DB = 'caretrail_bench';

/** Whether a row meets its target, from the figures measured in this run. */
function evaluate(row: RowResult): RowResult {
  if (row.values.caretrail === undefined) return row;
  if (row.id.includes('.append.') || row.id.endsWith('.read.stream') || row.id.endsWith('.read.feed') || row.id.endsWith('.read.catchup')) {
    const peer = speedRatio(row, 'peer');
    const ceiling = speedRatio(row, 'ceiling');
    if (peer === undefined && ceiling === undefined) return row;
    return { ...row, met: (peer === undefined || peer >= 1) && (ceiling === undefined || ceiling >= 1 / 1.5) };
  }
  return row;
}

async function openSlots(backend: Backend, options: BenchOptions, peers: PeerModule | string, dir: string, pgUrl?: string): Promise<SubjectSlot[]> {
  const slots: SubjectSlot[] = [];
  const attempt = async (role: SubjectSlot['role'], open: () => Promise<BenchSubject>) => {
    try {
      slots.push({ role, subject: await open() });
    } catch (error) {
      slots.push({ role, missing: `could not open: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  if (backend === 'sqlite') {
    await attempt('caretrail', () => CareTrailSubject.open('sqlite', { filename: join(dir, 'caretrail.db') }));
    if (typeof peers === 'string') slots.push({ role: 'peer', missing: peers });
    else await attempt('peer', () => peers.openEmmettSqlite({ fileName: join(dir, 'emmett.db') }));
    await attempt('ceiling', async () => SqliteCeiling.open(join(dir, 'ceiling.db')));
  } else {
    await attempt('caretrail', () => CareTrailSubject.open('postgres', { connectionString: pgUrl!, schema: 'caretrail' }));
    if (typeof peers === 'string') slots.push({ role: 'peer', missing: peers });
    else await attempt('peer', () => peers.openEmmettPostgres({ connectionString: pgUrl! }));
    await attempt('ceiling', () => PostgresCeiling.open(pgUrl!, 'ceiling'));
  }
  return slots;
}

async function main(): Promise<void> {
  const root = process.env.CARETRAIL_BENCH_ROOT ?? process.cwd();
  const options = parseOptions(process.argv.slice(2), root);
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const work = join(options.outDir, `work-${stamp}`);
  mkdirSync(work, { recursive: true });

  const pgProblem = options.pgUrl ? await postgresReachable(options.pgUrl) : 'no PostgreSQL URL';
  const backends = options.backends.filter((b) => b !== 'postgres' || !pgProblem);
  const machine = await describeMachine(pgProblem ? undefined : options.pgUrl);
  const peers = options.peers ? loadPeers(root) : 'skipped (--no-peers)';

  console.log(
    `CareTrail bench${options.quick ? ' (quick)' : ''}: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}, SQLite ${machine.sqlite}, PostgreSQL ${machine.postgres ?? `not reachable (${pgProblem})`}`,
  );
  console.log(
    `Load average at start: ${machine.loadAverageAtStart.join(' ')}. Ratios (CareTrail/other, as speed: above 1 is faster) are the figures that count.`,
  );
  if (typeof peers === 'string') console.log(`Peer rows (Emmett) skipped: ${peers}`);
  if (options.backends.includes('postgres') && pgProblem) console.log(`PostgreSQL rows skipped: ${pgProblem}`);

  const rows: RowResult[] = [];
  const report = (row: RowResult) => {
    let judged = evaluate(row);
    // The feed at scale: within 20% of the whole-feed rate on the small store of the same run.
    const small = rows.find((r) => r.id === `${row.backend}.read.feed`)?.values.caretrail;
    if (row.id.endsWith('.history.feed') && small !== undefined && row.values.caretrail !== undefined) {
      judged = {
        ...judged,
        target: `>= 0.8 x the whole-feed row on the small store (${Math.round(small).toLocaleString('en-GB')} events/s)`,
        met: row.values.caretrail >= 0.8 * small,
      };
    }
    rows.push(judged);
    console.log(progressLine(judged));
  };
  const sectionErrors: string[] = [];

  if (options.sections.has('store')) {
    for (const backend of backends) {
      console.log(`\n[${backend}] event store rows`);
      const dir = join(work, backend);
      mkdirSync(dir, { recursive: true });
      const pgUrl = backend === 'postgres' ? await benchDatabase(options.pgUrl!, STORE_DB, true) : undefined;
      const slots = await openSlots(backend, options, peers, dir, pgUrl);
      try {
        await runStoreRows(backend, slots, options.storeSizes, report);
      } catch (error) {
        sectionErrors.push(`store rows on ${backend}: ${String(error)}`);
        console.error(error);
      } finally {
        for (const slot of slots) await slot.subject?.close().catch(() => undefined);
        if (backend === 'postgres') await dropDatabase(options.pgUrl!, STORE_DB);
      }
    }
  }

  if (options.sections.has('history')) {
    for (const backend of backends) {
      console.log(`\n[${backend}] generated history rows`);
      try {
        await runHistoryRows(backend, options, report);
      } catch (error) {
        sectionErrors.push(`history rows on ${backend}: ${String(error)}`);
        console.error(error);
      }
    }
  }

  if (options.sections.has('long')) {
    console.log(`\n[long records] one concern at 100, 1,000 and 10,000 events (${backends.join(', ')})`);
    try {
      await runLongRecordRows(backends, options, report);
    } catch (error) {
      sectionErrors.push(`long-record rows: ${String(error)}`);
      console.error(error);
    }
  }

  if (options.sections.has('pages')) {
    console.log(`\n[pages] case file and service page at ${options.quick ? '1,000' : '10,000'} events (sqlite)`);
    try {
      await runPageRows(options, work, report);
    } catch (error) {
      sectionErrors.push(`page rows: ${String(error)}`);
      console.error(error);
    }
  }

  if (options.sections.has('http')) {
    console.log('\n[http] API rows');
    try {
      await runHttpRow({ ...options, backends }, work, report);
    } catch (error) {
      sectionErrors.push(`http row: ${String(error)}`);
      console.error(error);
    }
  }

  rmSync(work, { recursive: true, force: true });
  const table = markdownTable(rows);
  const notes = missingNotes(rows);
  console.log(`\n${table}\n`);
  if (notes.length) console.log(`Missing figures:\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  if (sectionErrors.length) console.log(`Sections that failed:\n${sectionErrors.map((n) => `- ${n}`).join('\n')}\n`);

  const file = join(options.outDir, `bench-${stamp}.json`);
  const finishedAt = new Date();
  writeFileSync(
    file,
    JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        seconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
        quick: options.quick,
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
        machine: { ...machine, loadAverageAtEnd: (await import('node:os')).loadavg().map((l) => Math.round(l * 100) / 100) },
        peers: typeof peers === 'string' ? { available: false, reason: peers } : { available: true, versions: peers.versions },
        sizes: { store: options.storeSizes, historyEvents: options.historyEvents },
        rows: rows.map((r) => ({ ...r, ratioToPeer: speedRatio(r, 'peer'), ratioToCeiling: speedRatio(r, 'ceiling') })),
        sectionErrors,
        table,
      },
      null,
      2,
    ),
  );
  const markdown = [
    `Run ${startedAt.toISOString()} (${Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)} s), \`npm run bench -- ${process.argv.slice(2).join(' ')}\``,
    '',
    `Machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}; SQLite ${machine.sqlite} (better-sqlite3 ${machine.betterSqlite3}); PostgreSQL ${machine.postgres ?? 'n/a'} (pg ${machine.pgDriver}); load average at start ${machine.loadAverageAtStart.join(' ')}.`,
    typeof peers === 'string'
      ? `Peer: not run (${peers}).`
      : `Peer: ${Object.entries(peers.versions)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}.`,
    '',
    'Ratios are CareTrail/other as speed (above 1: CareTrail faster; for latencies the inverse of the times).',
    '',
    table,
    '',
    ...(notes.length ? ['Missing figures:', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  writeFileSync(file.replace(/\.json$/, '.md'), markdown);
  console.log(`Figures written to ${file} and .md (${Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)} s)`);
  if (sectionErrors.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
