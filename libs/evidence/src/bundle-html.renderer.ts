import type { RecordedEvent } from '@caretrail/event-store';
import { DEFAULT_CLOCKS, type Clocks, type ClocksInForce, type TimelineEntry } from '@caretrail/timeline';
import type { EvidenceBundle } from './bundle-format';
import type { BundleVerificationReport } from './verification-report';

export interface RenderBundleOptions {
  /** Shown at the top when given: the outcome of verifying this bundle. */
  verification?: BundleVerificationReport;
  /** The file name to quote in the "how to verify" command. Default bundle.json. */
  bundleFileName?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

const MEASURE_TITLES: Record<string, string> = {
  timeToAcknowledge: 'Time to acknowledge',
  planLag: 'Plan lag',
  councilReviewLag: 'Council review lag',
  cadenceAdherence: 'Cadence adherence',
  onTimeActionRate: 'On-time action rate',
  overdueActionDays: 'Overdue action-days',
  timeToClosure: 'Time to closure',
  reopenRate: 'Reopen rate',
  registeredManager: 'Registered-manager measures',
  turnoverAndConcerns: 'Turnover and concerns',
};

const BASIS_WORDS = {
  recorded: 'what the record showed on that date (events recorded by the end of the day, London time)',
  occurred: 'what had happened by that date (events that occurred by the end of the day, London time, including ones recorded later)',
};

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 15px; line-height: 1.45; color: #0b0c0c; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; }
  h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.4rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #0b0c0c; padding-bottom: .2rem; }
  h3 { font-size: 1.15rem; margin: 1.5rem 0 .4rem; }
  h4 { font-size: 1rem; margin: 1rem 0 .3rem; }
  .lede { font-size: 1.1rem; margin: 0 0 1rem; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
  dl.facts dt { font-weight: 600; }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
  caption { text-align: left; font-weight: 600; padding: .3rem 0; }
  th, td { border: 1px solid #b1b4b6; padding: .3rem .45rem; text-align: left; vertical-align: top; }
  thead th { background: #f3f2f1; }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .mono, code, pre { font-family: ui-monospace, "SFMono-Regular", Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; background: #f3f2f1; padding: .5rem; }
  .ids { font-family: ui-monospace, Consolas, monospace; font-size: .75rem; overflow-wrap: anywhere; color: #383f43; }
  .flag { display: inline-block; border: 1px solid #505a5f; padding: 0 .3rem; margin: 0 .2rem .2rem 0; font-size: .8rem; }
  .status { border: 4px solid #00703c; padding: .6rem 1rem; margin: 1rem 0; }
  .status.failed { border-color: #d4351c; }
  .definition { color: #383f43; margin: .2rem 0 .5rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  @page { size: A4; margin: 14mm; }
  @media print {
    body { font-size: 10pt; margin: 0; max-width: none; padding: 0; }
    h2 { break-after: avoid; page-break-after: avoid; }
    h3, h4 { break-after: avoid; page-break-after: avoid; }
    thead { display: table-header-group; }
    tr, .flag { break-inside: avoid; page-break-inside: avoid; }
    thead th, pre { background: none; }
    section.measure { break-inside: avoid-page; }
  }
`;

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const when = (date: string, instant: string): string =>
  `${escapeHtml(date)} <span class="mono">${escapeHtml(Number.isNaN(Date.parse(instant)) ? instant : londonTime.format(new Date(instant)))}</span>`;

function facts(rows: [string, string][]): string {
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function flagsOf(entry: TimelineEntry): string {
  const f = entry.flags;
  const flags: string[] = [];
  if (f.recordedLate) flags.push(`Recorded late (${f.recordedWorkingDaysAfter} working days after)`);
  if (f.corrected) flags.push(`Corrected: ${f.corrected.summaryAfterCorrection} (${f.corrected.reasons.join('; ')})`);
  if (f.retracted) flags.push(`Retracted: ${f.retracted.reason}`);
  if (f.superseded) flags.push(`Superseded by version ${f.superseded.byVersion}`);
  return flags.map((text) => `<span class="flag">${escapeHtml(text)}</span>`).join(' ');
}

function timelineTable(entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return '<p>No entries.</p>';
  const rows = entries
    .map(
      (e) => `<tr>
<td>${when(e.occurredOn, e.occurredAt)}</td>
<td>${when(e.recordedOn, e.recordedAt)}</td>
<td>${escapeHtml(e.party)}</td>
<td>${escapeHtml(e.kind)}</td>
<td>${escapeHtml(e.summary)}<div class="ids">event ${escapeHtml(e.eventId)}</div></td>
<td>${flagsOf(e)}</td>
</tr>`,
    )
    .join('\n');
  return `<table>
<caption>${entries.length} entries, in the order things happened (London dates and times)</caption>
<thead><tr><th scope="col">Occurred</th><th scope="col">Recorded</th><th scope="col">Party</th><th scope="col">Kind</th><th scope="col">Summary</th><th scope="col">Flags</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

const words = (key: string): string => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const SKIPPED = new Set(['eventIds', 'measure', 'definition', 'on', 'byConcern', 'byService', 'concernId', 'serviceId']);

function display(key: string, value: unknown): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number' && key === 'rate') return `${Math.round(value * 1000) / 10}% (${value})`;
  return String(value);
}

type Row = [label: string, value: string];
interface ListTable {
  caption: string;
  columns: string[];
  rows: string[][];
}
interface FigureParts {
  rows: Row[];
  tables: ListTable[];
}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

/** An item's fields flattened to label paths, or null when it holds a list of objects itself. */
function flatItem(value: unknown, label = '', key = '', out = new Map<string, string>()): Map<string, string> | null {
  if (Array.isArray(value)) {
    if (!value.every(isScalar)) return null;
    out.set(label, value.length === 0 ? 'none' : value.map((v) => display(key, v)).join(', '));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'eventIds') continue;
      if (flatItem(v, label ? `${label} › ${words(k)}` : words(k), k, out) === null) return null;
    }
  } else {
    out.set(label, display(key, value));
  }
  return out;
}

/**
 * A figure's fields as label/value rows, nested objects spelt out as paths; a list of flat objects
 * (a plan's update periods, say) becomes a table of its own, one row per item.
 */
function collectFigure(value: unknown, label: string, key: string, parts: FigureParts): void {
  if (Array.isArray(value)) {
    if (value.every(isScalar)) {
      parts.rows.push([label, value.length === 0 ? 'none' : value.map((v) => display(key, v)).join(', ')]);
      return;
    }
    const flat = value.map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? flatItem(v) : null));
    if (flat.every((f): f is Map<string, string> => f !== null)) {
      const columns = [...new Set(flat.flatMap((f) => [...f.keys()]))];
      parts.tables.push({ caption: label, columns, rows: flat.map((f) => columns.map((c) => f.get(c) ?? '')) });
      return;
    }
    value.forEach((v, i) => collectFigure(v, `${label} ${i + 1}`, key, parts));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === 'eventIds' || (label === '' && SKIPPED.has(k))) continue;
      collectFigure(v, label ? `${label} › ${words(k)}` : words(k), k, parts);
    }
    return;
  }
  parts.rows.push([label, display(key, value)]);
}

function listTable(figure: string, table: ListTable): string {
  return `<table>
<caption>${escapeHtml(figure)}: ${escapeHtml(table.caption)}</caption>
<thead><tr><th scope="col">#</th>${table.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${table.rows.map((r, i) => `<tr><th scope="row">${i + 1}</th>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n')}
</tbody>
</table>`;
}

function figureTable(caption: string, figure: Record<string, unknown>): string {
  const parts: FigureParts = { rows: [], tables: [] };
  collectFigure(figure, '', '', parts);
  const ids = Array.isArray(figure['eventIds']) ? (figure['eventIds'] as string[]) : [];
  const figures = parts.rows.length === 0 ? '' : `<table>
<caption class="visually-hidden">${escapeHtml(caption)}: figures</caption>
<thead><tr><th scope="col">Figure</th><th scope="col">Value</th></tr></thead>
<tbody>
${parts.rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td class="num">${escapeHtml(v)}</td></tr>`).join('\n')}
</tbody>
</table>`;
  return `<h4>${escapeHtml(caption)}</h4>
${figures}
${parts.tables.map((t) => listTable(caption, t)).join('\n')}
<p class="ids">Computed from ${ids.length} event${ids.length === 1 ? '' : 's'}${ids.length ? ': ' : ''}${ids.map(escapeHtml).join(', ')}</p>`;
}

function measureSection(key: string, measure: Record<string, unknown>): string {
  const parts = [`<section class="measure" aria-labelledby="measure-${escapeHtml(key)}">`, `<h3 id="measure-${escapeHtml(key)}">${escapeHtml(MEASURE_TITLES[key] ?? words(key))}</h3>`];
  if (typeof measure['definition'] === 'string') parts.push(`<p class="definition">${escapeHtml(measure['definition'])}</p>`);
  if (measure['overall'] && typeof measure['overall'] === 'object') parts.push(figureTable('Overall', measure['overall'] as Record<string, unknown>));
  for (const item of (Array.isArray(measure['byService']) ? measure['byService'] : []) as Record<string, unknown>[]) {
    parts.push(figureTable(`Service ${String(item['serviceId'])}`, item));
  }
  for (const item of (Array.isArray(measure['byConcern']) ? measure['byConcern'] : []) as Record<string, unknown>[]) {
    parts.push(figureTable(`Concern ${String(item['concernId'])}`, item));
  }
  parts.push('</section>');
  return parts.join('\n');
}

const CLOCK_WORDS: Record<keyof Clocks, string> = {
  acknowledgeWithinWorkingDays: 'Acknowledge within (working days)',
  absenceNoticeWithinWorkingDays: 'Absence notice within (working days)',
  reopenWindowMonths: 'Reopen window (months)',
  lateRecordAfterWorkingDays: 'Late record after (working days)',
  managerLookbackDays: 'Manager look-back (days)',
  afterManagerChangeMonths: 'After a manager change (months)',
};

/**
 * Which clocks judged the measures: each council's own setting in force on the evaluation date (from
 * the measures' councilClocks, each setting an event in this bundle), then the platform defaults for
 * every other concern and the measures tied to no council.
 */
function clocksTable(bundle: EvidenceBundle): string {
  const names = Object.keys(CLOCK_WORDS) as (keyof Clocks)[];
  const settings: ClocksInForce[] = Array.isArray(bundle.measures.councilClocks) ? bundle.measures.councilClocks : [];
  const nameOf = (councilId: string): string | null => {
    const registered = bundle.events.find((e) => e.type === 'OrganisationRegistered' && e.data['organisationId'] === councilId);
    return registered && typeof registered.data['name'] === 'string' ? registered.data['name'] : null;
  };
  const defaults = { ...DEFAULT_CLOCKS, ...(bundle.measures.clocks ?? {}) };
  const row = (who: string, clocks: Partial<Clocks>, from: string, eventId: string) =>
    `<tr><th scope="row">${who}</th>${names.map((n) => `<td class="num">${escapeHtml(clocks[n] ?? '')}</td>`).join('')}<td>${from}</td><td class="mono">${eventId}</td></tr>`;
  const rows = [
    ...settings.map((c) => {
      const name = nameOf(c.councilId);
      return row(`${name ? `${escapeHtml(name)}<div class="ids">council ${escapeHtml(c.councilId)}</div>` : `Council ${escapeHtml(c.councilId)}`}`, c.clocks, escapeHtml(c.inForceFrom ?? ''), escapeHtml(c.eventId ?? ''));
    }),
    row(settings.length ? 'Platform defaults (every other concern, and measures tied to no council)' : 'Platform defaults (no council had set its own clocks)', defaults, '—', '—'),
  ];
  return `<table>
<caption>The clocks that judged the measures on ${escapeHtml(bundle.manifest.measuredOn)}: each council's own setting then in force, else the platform defaults</caption>
<thead><tr><th scope="col">Whose clocks</th>${names.map((n) => `<th scope="col">${escapeHtml(CLOCK_WORDS[n])}</th>`).join('')}<th scope="col">In force from</th><th scope="col">Setting (event id)</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function eventsTable(events: readonly RecordedEvent[], outside: ReadonlySet<string>, councilStreams: ReadonlySet<string>, chainOnly: ReadonlySet<string>): string {
  const flag = (e: RecordedEvent): string => {
    const flags: string[] = [];
    if (outside.has(e.eventId)) flags.push('outside the as-of selection');
    if (chainOnly.has(e.eventId)) flags.push("carried only to keep the council stream's chain whole");
    else if (councilStreams.has(e.streamId) && !outside.has(e.eventId)) flags.push('council clock setting: judges the measures, not on the timeline');
    return flags.map((f) => ` <span class="flag">${escapeHtml(f)}</span>`).join('');
  };
  const rows = events
    .map(
      (e, i) => `<tr><td class="num">${i}</td><td class="mono">${escapeHtml(e.streamId)}</td><td class="num">${e.streamVersion}</td><td>${escapeHtml(e.type)}${flag(e)}</td><td class="mono">${escapeHtml(e.occurredAt)}</td><td class="mono">${escapeHtml(e.recordedAt)}</td><td class="mono">${escapeHtml(e.eventId)}</td><td class="mono">${escapeHtml(e.hash.slice(0, 16))}…</td></tr>`,
    )
    .join('\n');
  return `<table>
<caption>${events.length} events in global feed order, with the start of each one's chain hash</caption>
<thead><tr><th scope="col">#</th><th scope="col">Stream</th><th scope="col">Version</th><th scope="col">Type</th><th scope="col">Occurred (UTC)</th><th scope="col">Recorded (UTC)</th><th scope="col">Event id</th><th scope="col">Hash</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function verificationBox(report: BundleVerificationReport): string {
  const title = report.ok ? 'Verified' : `Verification failed: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}`;
  const items = report.ok ? report.passed : report.problems.map((p) => `${p.where}: ${p.problem}`);
  return `<div class="status${report.ok ? '' : ' failed'}" role="status"><h2>${escapeHtml(title)}</h2><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul></div>`;
}

/**
 * The bundle for people who read rather than parse: one self-contained HTML page (inline CSS, no
 * scripts, no external resources) that prints cleanly. All text is escaped. It shows what the
 * bundle says; only the verifier can say whether the bundle is genuine.
 */
export function renderBundleHtml(bundle: EvidenceBundle, options: RenderBundleOptions = {}): string {
  const m = bundle.manifest;
  const scopeWords = `${m.scope.kind[0].toUpperCase()}${m.scope.kind.slice(1)} ${m.scope.id}`;
  const outside = new Set(m.outsideAsOf);
  // A format 1 bundle (exported before councils' clocks were carried) has neither list.
  const councilStreams = new Set(m.councilClockStreams ?? []);
  const chainOnly = new Set(m.councilChainOnly ?? []);
  const file = options.bundleFileName ?? 'bundle.json';
  const about = facts([
    ['Scope', escapeHtml(scopeWords)],
    ['As of', m.asOf ? `${escapeHtml(m.asOf)}: ${escapeHtml(BASIS_WORDS[m.basis ?? 'recorded'])}` : 'The record as it stood when the bundle was generated'],
    ['Measures taken on', escapeHtml(m.measuredOn)],
    ['Generated', `${escapeHtml(m.generatedAt)} by ${escapeHtml(m.generatedBy)}`],
    ['Events', `${m.eventCount} in ${m.streams.length} stream${m.streams.length === 1 ? '' : 's'}${outside.size ? ` (${outside.size} carried only to keep a chain whole, outside the as-of selection)` : ''}`],
    [
      'Council clock streams',
      councilStreams.size
        ? `${[...councilStreams].map((id) => `<span class="mono">${escapeHtml(id)}</span>`).join(', ')}: the clock settings of the councils whose concerns are here${chainOnly.size ? ` (${chainOnly.size} event${chainOnly.size === 1 ? '' : 's'} carried only to keep a chain whole)` : ''}`
        : 'None: no council of these concerns had set its own clocks in this selection',
    ],
    ['Content digest (SHA-256)', `<span class="mono">${escapeHtml(m.contentDigest)}</span>`],
  ]);
  const signature = facts([
    ['Algorithm', escapeHtml(bundle.signature.algorithm)],
    ['Key fingerprint', `<span class="mono">${escapeHtml(bundle.signature.keyFingerprint)}</span>`],
    ['Public key', `<pre>${escapeHtml(bundle.signature.publicKey.trim())}</pre>`],
  ]);
  const streams = `<table>
<caption>Each stream from version 1, so its hash chain can be checked from its start</caption>
<thead><tr><th scope="col">Stream</th><th scope="col">Versions</th><th scope="col">Events</th><th scope="col">Last hash</th></tr></thead>
<tbody>
${m.streams.map((s) => `<tr><td class="mono">${escapeHtml(s.streamId)}</td><td class="num">${s.firstVersion}–${s.lastVersion}</td><td class="num">${s.eventCount}</td><td class="mono">${escapeHtml(s.lastHash)}</td></tr>`).join('\n')}
</tbody>
</table>`;
  const all = bundle.measures as unknown as Record<string, unknown>;
  // DESIGN.md's order (the file's keys are in canonical, alphabetical order).
  const keys = [...Object.keys(MEASURE_TITLES), ...Object.keys(all).filter((k) => !(k in MEASURE_TITLES))];
  const measures = keys
    .filter((k) => all[k] !== null && typeof all[k] === 'object' && 'definition' in (all[k] as object))
    .map((k) => measureSection(k, all[k] as Record<string, unknown>))
    .join('\n');

  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence bundle: ${escapeHtml(scopeWords)}${m.asOf ? ` as of ${escapeHtml(m.asOf)}` : ''}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>CareTrail evidence bundle</h1>
<p class="lede">${escapeHtml(scopeWords)}${m.asOf ? `, as of ${escapeHtml(m.asOf)} (${escapeHtml(m.basis ?? '')} basis)` : ''}</p>
</header>
<main>
${options.verification ? verificationBox(options.verification) : ''}
<section aria-labelledby="about"><h2 id="about">About this bundle</h2>
${about}
<h3>Signature</h3>
${signature}
<p>This page shows what the bundle says. To check that the bundle file is genuine and unaltered, run
<code>caretrail verify ${escapeHtml(file)} --fingerprint ${escapeHtml(bundle.signature.keyFingerprint)}</code>
with the fingerprint the deployment publishes.</p>
<h3>Streams</h3>
${streams}
</section>
<section aria-labelledby="timeline"><h2 id="timeline">Timeline</h2>
${timelineTable(bundle.timeline)}
</section>
<section aria-labelledby="measures"><h2 id="measures">Responsiveness measures</h2>
<p>Taken on ${escapeHtml(m.measuredOn)}, in working days in England unless stated. Each figure lists the events it was computed from.</p>
<h3 id="clocks">Clocks used</h3>
${clocksTable(bundle)}
${measures}
</section>
<section aria-labelledby="events"><h2 id="events">Events</h2>
${eventsTable(bundle.events, outside, councilStreams, chainOnly)}
</section>
</main>
</body>
</html>
`;
}
