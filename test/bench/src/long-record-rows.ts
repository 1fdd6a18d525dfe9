import type { RowResult } from './bench-result';
import type { Backend } from './bench-subject';
import type { BenchOptions } from './bench-options';
import { measureLongRecords, type LongRecordRow } from './long-record';

/**
 * Issue 12 in `npm run bench` (section "long"): a command and a record read on one concern of 100,
 * 1,000 and 10,000 events, each store, p50 with p99, and the ratio to the 100-event row. Targets: p50
 * within 1.5x of the 100-event row; on SQLite at 10,000 events command p50 <= 15 ms, read p50 <= 10 ms.
 * What is timed is in long-record.ts (in process, no HTTP). Quick: the same sizes, fewer samples.
 */
export async function runLongRecordRows(backends: readonly Backend[], options: BenchOptions, report: (row: RowResult) => void): Promise<void> {
  const rows = await measureLongRecords({
    backends: [...backends],
    pgUrl: options.pgUrl ?? '',
    sizes: [100, 1_000, 10_000],
    samples: options.quick ? 60 : 200,
  });
  const first = (r: LongRecordRow) => rows.find((x) => x.backend === r.backend)!;
  for (const r of rows) {
    const backend = r.backend as Backend;
    const base = first(r);
    const size = r.size.toLocaleString('en-GB');
    for (const [what, p50, p99, baseP50, ceiling] of [
      ['command', r.commandP50, r.commandP99, base.commandP50, 15],
      ['read', r.readP50, r.readP99, base.readP50, 10],
    ] as const) {
      const ratio = p50 / baseP50;
      const absolute = backend === 'sqlite' && r.size === 10_000;
      const met = ratio <= 1.5 && (!absolute || p50 <= ceiling);
      report({
        id: `${backend}.long.${what}.${r.size}`,
        backend,
        title:
          what === 'command'
            ? `long record: comment command on a concern of ${size} events (p50 / 100-event row ${ratio.toFixed(2)}x)`
            : `long record: read of a concern of ${size} events (p50 / 100-event row ${ratio.toFixed(2)}x)`,
        unit: 'ms',
        better: 'lower',
        values: { caretrail: p50 },
        extra: { p50, p99, ratioTo100: Math.round(ratio * 100) / 100, coldRead: r.coldRead },
        target: `p50 <= 1.5 x the 100-event row${absolute ? ` and <= ${ceiling} ms` : ''}`,
        met,
      });
    }
  }
}
