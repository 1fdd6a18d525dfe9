import { speedRatio, type RowResult } from './bench-result';

const LABEL = { caretrail: 'CareTrail', peer: 'Emmett', ceiling: 'raw ceiling' } as const;

export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (unit === 'ms') return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
  return Math.round(value).toLocaleString('en-GB');
}

const formatRatio = (r: number | undefined): string => (r === undefined ? '—' : `${r.toFixed(2)}x`);

/** "(p99 x)" after a latency median, "(p50 x, p99 y)" after a rate that has latencies. */
function latencyNote(row: RowResult, unit: string): string {
  if (!row.extra || !('p99' in row.extra)) return '';
  const p99 = `p99 ${formatValue(Number(row.extra.p99), 'ms')}${unit}`;
  return row.unit === 'ms' ? ` (${p99})` : ` (p50 ${formatValue(Number(row.extra.p50), 'ms')}${unit}, ${p99})`;
}

/** One line printed as soon as a row is measured. */
export function progressLine(row: RowResult): string {
  const parts = (['caretrail', 'peer', 'ceiling'] as const)
    .map((role) => {
      const v = row.values[role];
      if (v !== undefined) return `${LABEL[role]} ${formatValue(v, row.unit)} ${row.unit}`;
      const why = row.missing?.[role];
      return why && role === 'caretrail' ? `${LABEL[role]}: ${why}` : undefined;
    })
    .filter(Boolean);
  const extra = latencyNote(row, ' ms');
  const verdict = row.met === undefined ? '' : row.met ? '  [target met]' : '  [target missed]';
  return `  ▸ [${row.backend}] ${row.title}: ${parts.join(' · ')}${extra}${verdict}`;
}

/** The console and Markdown table: one line per row, ratios as speed (above 1: CareTrail faster). */
export function markdownTable(rows: readonly RowResult[]): string {
  const head = ['store', 'row', 'unit', 'CareTrail', 'Emmett', 'raw ceiling', 'CT/Emmett', 'CT/ceiling', 'target'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cell = (role: 'caretrail' | 'peer' | 'ceiling') =>
      row.values[role] !== undefined ? formatValue(row.values[role], row.unit) : row.missing?.[role] ? 'n/a' : '—';
    const p99 = latencyNote(row, '');
    lines.push(
      `| ${[
        row.backend,
        row.title,
        row.unit,
        cell('caretrail') + p99,
        cell('peer'),
        cell('ceiling'),
        formatRatio(speedRatio(row, 'peer')),
        formatRatio(speedRatio(row, 'ceiling')),
        row.met === undefined ? (row.target ? '—' : '') : row.met ? 'met' : 'missed',
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** Why figures are missing, once per reason. */
export function missingNotes(rows: readonly RowResult[]): string[] {
  const notes = new Set<string>();
  for (const row of rows) {
    for (const [role, why] of Object.entries(row.missing ?? {})) notes.add(`${LABEL[role as keyof typeof LABEL]} (${row.backend}): ${why}`);
  }
  return [...notes];
}
