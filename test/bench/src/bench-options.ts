import { resolve } from 'node:path';
import type { StoreRowSizes } from './store-rows';

export interface BenchOptions {
  quick: boolean;
  root: string;
  backends: ('sqlite' | 'postgres')[];
  sections: Set<'store' | 'history' | 'http' | 'long' | 'pages'>;
  pgUrl: string | undefined;
  peers: boolean;
  historyEvents: number;
  /** Events of the history each projection is rebuilt over, for the rebuild rows. */
  rebuildEvents: number;
  outDir: string;
  storeSizes: StoreRowSizes;
  /** Samples per latency row (timeline, replay). */
  latencySamples: number;
  httpSeconds: number;
}

const FULL: StoreRowSizes = {
  singleStreams: 2000,
  eventsPerStream: 10,
  writers: 8,
  batches: 500,
  batchSize: 100,
  longStream: 1000,
  streamReads: 20,
  feedPage: 500,
  rounds: 3,
};

const QUICK: StoreRowSizes = { ...FULL, singleStreams: 150, batches: 40, rounds: 1 };

const USAGE = `npm run bench -- [options]
  --quick                 small sizes, a smoke check (under two minutes)
  --backends=sqlite,postgres
  --only=store,history,http,long,pages   sections to run (default all)
  --no-peers              skip Emmett
  --history-events=N      size of the generated history (default 1000000; quick 8000)
  --rebuild-events=N|all  events each projection is rebuilt over for the rebuild rows (default 50000; quick: all)
  --pg-url=URL            server to create the bench databases on (default CARETRAIL_BENCH_PG_URL,
                          CARETRAIL_TEST_PG_URL, or postgres://root@127.0.0.1:5432/test; 'none' skips PostgreSQL)
  --out=DIR               where the JSON goes (default test-artifacts/bench)`;

export function parseOptions(argv: readonly string[], root: string): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`Unknown argument ${arg}\n${USAGE}`);
    flags.set(m[1], m[2] ?? 'true');
  }
  const quick = flags.has('quick');
  const pgFlag = flags.get('pg-url') ?? process.env.CARETRAIL_BENCH_PG_URL ?? process.env.CARETRAIL_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const backends = (flags.get('backends') ?? 'sqlite,postgres').split(',').filter((b): b is 'sqlite' | 'postgres' => b === 'sqlite' || b === 'postgres');
  const sections = new Set((flags.get('only') ?? 'store,history,long,pages,http').split(',')) as BenchOptions['sections'];
  return {
    quick,
    root,
    backends: pgFlag === 'none' ? backends.filter((b) => b !== 'postgres') : backends,
    sections,
    pgUrl: pgFlag === 'none' ? undefined : pgFlag,
    peers: !flags.has('no-peers'),
    historyEvents: Number(flags.get('history-events') ?? (quick ? 8_000 : 1_000_000)),
    rebuildEvents: flags.get('rebuild-events') === 'all' || (quick && !flags.has('rebuild-events')) ? Infinity : Number(flags.get('rebuild-events') ?? 50_000),
    outDir: resolve(root, flags.get('out') ?? 'test-artifacts/bench'),
    storeSizes: quick ? QUICK : FULL,
    latencySamples: quick ? 50 : 200,
    httpSeconds: quick ? 3 : 10,
  };
}
