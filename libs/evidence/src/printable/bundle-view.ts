import type { RecordedEvent } from '@caretrail/event-store';
import {
  basisOrDefault,
  DEFAULT_CLOCKS,
  entryKindWords,
  govukDate,
  govukDateTime,
  humanise,
  measureHeadlines,
  partyName,
  type Clocks,
  type ClocksInForce,
  type TimelineEntry,
} from '@caretrail/timeline';
import type { EvidenceBundle } from '../bundle-format';
import type { BundleVerificationReport } from '../verification-report';
import { figureValue, figureWords } from './figure-words';

/*
 * The printable bundle's content, worked out from the bundle alone (names from the events it carries,
 * dates in GOV.UK style, every event type, party and figure in words). The templates only lay it out.
 */

export interface PrintableNames {
  /** Names of organisations and services the bundle does not register itself (a provider's own name, say), by id. */
  [id: string]: string;
}

export interface Link {
  anchor: string;
  text: string;
}
export interface Fact {
  label: string;
  value: string;
  mono?: boolean;
}
export interface FigureTable {
  caption: string;
  columns: string[];
  rows: string[][];
}
export interface Figure {
  caption: string;
  rows: Fact[];
  tables: FigureTable[];
  evidence: Link[];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Who and what the bundle names: its services and organisations, and each concern as "Category at Service". */
export function recordNames(bundle: EvidenceBundle, given: PrintableNames = {}) {
  const names = new Map<string, string>(Object.entries(given));
  const concerns = new Map<string, { category: string; serviceId: string | null; raisedOn: string }>();
  for (const e of bundle.events) {
    if (e.type === 'ServiceRegistered' || e.type === 'OrganisationRegistered') {
      const id = text(e.data['serviceId']) ?? text(e.data['organisationId']);
      const name = text(e.data['name']);
      if (id && name && !names.has(id)) names.set(id, name);
    }
    if (e.type === 'ConcernRaised') {
      const id = text(e.data['concernId']);
      if (id) concerns.set(id, { category: humanise(text(e.data['category'])), serviceId: text(e.data['serviceId']), raisedOn: e.occurredAt });
    }
  }
  const serviceName = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const concernName = (id: string): string => {
    const c = concerns.get(id);
    if (!c) return 'A concern';
    const at = serviceName(c.serviceId);
    return `${c.category || 'Concern'}${at ? ` at ${at}` : ''}, raised ${govukDate(c.raisedOn)}`;
  };
  const providerServices = (providerId: string): string[] =>
    bundle.events.filter((e) => e.type === 'ServiceRegistered' && e.data['providerId'] === providerId).map((e) => text(e.data['name']) ?? 'a service');
  return { names, serviceName, concernName, providerServices };
}

const BASIS_WORDS = {
  recorded: 'what the record showed at the end of that day, London time',
  occurred: 'what had happened by the end of that day, London time, including entries recorded later',
};

const CLOCK_WORDS: Record<keyof Clocks, string> = {
  acknowledgeWithinWorkingDays: 'Acknowledge within (working days)',
  absenceNoticeWithinWorkingDays: 'Absence notice within (working days)',
  reopenWindowMonths: 'Reopen window (months)',
  lateRecordAfterWorkingDays: 'Late record after (working days)',
  managerLookbackDays: 'Manager look-back (days)',
  afterManagerChangeMonths: 'After a manager change (months)',
};

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

/** A measure's definition (written beside the code) with event types and field names in words: "ManagerLeft.leftOn" -> "Manager left" (left on). */
const plainDefinition = (definition: string): string =>
  definition
    .replace(/\b([A-Z][a-z]+(?:[A-Z][a-z]+)+)(?:\.([a-z]+[A-Za-z]*))?/g, (all: string, type: string, field?: string) =>
      type === 'CareTrail' ? all : `"${entryKindWords(type)}"${field ? ` (${humanise(field).toLowerCase()})` : ''}`,
    )
    .replace(/\b([a-z]+[A-Z][A-Za-z]*)\b/g, (word: string) => humanise(word).toLowerCase());

const entryAnchor = (eventId: string) => `entry-${eventId}`;
const eventAnchor = (eventId: string) => `event-${eventId}`;
const isScalar = (v: unknown) => v === null || typeof v !== 'object';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Ids and evidence lists are shown as names and links, not as cells of figures. */
const SKIPPED = new Set(['eventIds', 'measure', 'definition', 'on', 'byConcern', 'byService', 'concernId', 'serviceId']);
const isIdKey = (k: string) => /(^|[a-z])(EventIds?|eventIds?|Ids?)$/.test(k) || k === 'actionId';
const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

export function printableBundle(
  bundle: EvidenceBundle,
  options: { verification?: BundleVerificationReport; bundleFileName?: string; names?: PrintableNames } = {},
) {
  const m = bundle.manifest;
  const { names, serviceName, concernName, providerServices } = recordNames(bundle, options.names);
  const entries = new Map(bundle.timeline.map((e) => [e.eventId, e]));
  const events = new Map(bundle.events.map((e) => [e.eventId, e]));
  const outside = new Set(m.outsideAsOf);
  const councilStreams = new Set(m.councilClockStreams ?? []);
  const chainOnly = new Set(m.councilChainOnly ?? []);

  const evidenceOf = (eventId: string): Link => {
    const entry = entries.get(eventId);
    if (entry) return { anchor: entryAnchor(eventId), text: `${entryKindWords(entry.kind)}, ${govukDate(entry.occurredOn)}` };
    const event = events.get(eventId);
    if (event) return { anchor: eventAnchor(eventId), text: `${entryKindWords(event.type)}, ${govukDate(event.occurredAt)}` };
    return { anchor: '', text: 'An event not in this bundle' };
  };

  // The title: the record's own name.
  const scopeName = (() => {
    switch (m.scope.kind) {
      case 'concern':
        return { title: `Concern: ${concernName(m.scope.id)}`, kind: 'A concern and its service' };
      case 'service':
        return { title: serviceName(m.scope.id) ?? 'A service', kind: 'A service and the concerns about it' };
      case 'provider': {
        const own = names.get(m.scope.id);
        const services = providerServices(m.scope.id);
        const title =
          own ??
          (services.length
            ? `The provider of ${services.slice(0, 2).join(' and ')}${services.length > 2 ? ` and ${plural(services.length - 2, 'other service')}` : ''}`
            : 'A provider');
        return { title, kind: 'A provider, its services and the concerns about them' };
      }
    }
  })();
  const asOfWords = m.asOf
    ? `As the record stood on ${govukDate(m.asOf)}: ${BASIS_WORDS[basisOrDefault(m.basis)]}`
    : `The record as it stood when the bundle was made, ${govukDateTime(m.generatedAt)}`;

  const timeline = bundle.timeline.map((e: TimelineEntry) => {
    const f = e.flags;
    const flags: string[] = [];
    if (f.recordedLate) flags.push(`Recorded late: ${plural(f.recordedWorkingDaysAfter, 'working day')} after it happened`);
    if (f.corrected) flags.push(`Corrected. It now reads: ${f.corrected.summaryAfterCorrection}. Reason: ${f.corrected.reasons.join('; ')}`);
    if (f.retracted) flags.push(`Withdrawn. Reason: ${f.retracted.reason}`);
    if (f.superseded) flags.push(`Superseded by plan version ${f.superseded.byVersion}`);
    if (f.unreadable) flags.push('Could not be read');
    return {
      anchor: entryAnchor(e.eventId),
      eventId: e.eventId,
      occurred: govukDateTime(e.occurredAt),
      recorded: e.recordedOn === e.occurredOn && !f.recordedLate ? 'Same day' : govukDateTime(e.recordedAt),
      party: partyName(e.party),
      kind: entryKindWords(e.kind),
      summary: e.summary,
      withdrawn: f.retracted !== null,
      flags,
    };
  });

  const headlines = measureHeadlines(bundle.measures).map((h) => ({ ...h, anchor: `measure-${h.key}`, evidence: h.eventIds.map(evidenceOf) }));

  const figure = (caption: string, value: Record<string, unknown>): Figure => {
    const rows: Fact[] = [];
    const tables: FigureTable[] = [];
    const collect = (v: unknown, label: string, key: string, top: boolean): void => {
      const shown = figureValue(v);
      if (shown !== null && (!isObject(v) || label)) {
        if (label) rows.push({ label, value: shown });
        return;
      }
      if (Array.isArray(v)) {
        if (v.every(isScalar)) {
          rows.push({ label, value: v.length === 0 ? 'None' : v.map((x) => figureValue(x) ?? String(x)).join(', ') });
          return;
        }
        const items = v.filter(isObject);
        const columns = [...new Set(items.flatMap((i) => Object.keys(i).filter((k) => !isIdKey(k))))];
        tables.push({
          caption: `${caption}: ${label.toLowerCase()}`,
          columns: columns.map((c) => capitalised(figureWords(c))),
          rows: items.map((i) => columns.map((c) => cell(i[c]))),
        });
        return;
      }
      if (isObject(v)) {
        for (const [k, x] of Object.entries(v)) {
          if (isIdKey(k) || (top && SKIPPED.has(k))) continue;
          collect(x, label ? `${label}: ${figureWords(k)}` : figureWords(k), k, false);
        }
      }
      void key;
    };
    const cell = (v: unknown): string => {
      const shown = figureValue(v);
      if (shown !== null) return shown;
      if (Array.isArray(v)) return v.length === 0 ? 'None' : v.map(cell).join('; ');
      if (isObject(v))
        return Object.entries(v)
          .filter(([k]) => !isIdKey(k))
          .map(([k, x]) => `${figureWords(k)} ${cell(x)}`)
          .join(', ');
      return String(v);
    };
    collect(value, '', '', true);
    const ids = Array.isArray(value['eventIds']) ? (value['eventIds'] as string[]) : [];
    return { caption, rows, tables, evidence: ids.map(evidenceOf) };
  };

  const all = bundle.measures as unknown as Record<string, unknown>;
  const keys = [...Object.keys(MEASURE_TITLES), ...Object.keys(all).filter((k) => !(k in MEASURE_TITLES))];
  const measures = keys
    .filter((k) => isObject(all[k]) && 'definition' in (all[k] as object))
    .map((k) => {
      const measure = all[k] as Record<string, unknown>;
      const figures: Figure[] = [];
      if (isObject(measure['overall'])) figures.push(figure('Overall', measure['overall']));
      for (const item of (Array.isArray(measure['byService']) ? measure['byService'] : []) as Record<string, unknown>[]) {
        figures.push(figure(`Service: ${serviceName(text(item['serviceId'])) ?? 'a service'}`, item));
      }
      for (const item of (Array.isArray(measure['byConcern']) ? measure['byConcern'] : []) as Record<string, unknown>[]) {
        figures.push(figure(`Concern: ${concernName(String(item['concernId']))}`, item));
      }
      return {
        key: k,
        anchor: `measure-${k}`,
        title: MEASURE_TITLES[k] ?? humanise(k),
        definition: plainDefinition(text(measure['definition']) ?? ''),
        figures,
      };
    });

  const clockNames = Object.keys(CLOCK_WORDS) as (keyof Clocks)[];
  const settings: ClocksInForce[] = Array.isArray(bundle.measures.councilClocks) ? bundle.measures.councilClocks : [];
  const defaults = { ...DEFAULT_CLOCKS, ...(bundle.measures.clocks ?? {}) };
  const clocks = {
    caption: `The clocks that judged the measures on ${govukDate(m.measuredOn)}: each council's own setting then in force, else the platform defaults`,
    columns: clockNames.map((n) => CLOCK_WORDS[n]),
    rows: [
      ...settings.map((c) => ({
        who: names.get(c.councilId) ?? 'A council',
        values: clockNames.map((n) => String(c.clocks[n] ?? '')),
        from: c.inForceFrom ? govukDate(c.inForceFrom) : '',
        setting: c.eventId ? evidenceOf(c.eventId) : null,
      })),
      {
        who: settings.length
          ? 'Platform defaults (every other concern, and measures tied to no council)'
          : 'Platform defaults (no council had set its own clocks)',
        values: clockNames.map((n) => String(defaults[n] ?? '')),
        from: '',
        setting: null,
      },
    ],
  };

  const eventNote = (e: RecordedEvent): string[] => {
    const notes: string[] = [];
    if (outside.has(e.eventId)) notes.push('outside the as-of selection');
    if (chainOnly.has(e.eventId)) notes.push("carried only to keep the council stream's chain whole");
    else if (councilStreams.has(e.streamId) && !outside.has(e.eventId)) notes.push('council clock setting: judges the measures, not on the timeline');
    return notes;
  };
  const streamName = (streamId: string): string => {
    const [kind, ...rest] = streamId.split('-');
    const id = rest.join('-');
    if (kind === 'concern') return `Concern: ${concernName(id)}`;
    return names.get(id) ?? humanise(kind);
  };
  const verification = options.verification
    ? {
        ok: options.verification.ok,
        title: options.verification.ok ? 'Verified' : `Verification failed: ${plural(options.verification.problems.length, 'problem')}`,
        items: options.verification.ok ? options.verification.passed : options.verification.problems.map((p) => `${p.where}: ${p.problem}`),
      }
    : null;

  return {
    title: scopeName.title,
    asOf: m.asOf,
    scopeKind: scopeName.kind,
    asOfWords,
    measuredOn: govukDate(m.measuredOn),
    verification,
    about: [
      { label: 'What it covers', value: scopeName.kind },
      { label: 'As of', value: asOfWords },
      { label: 'Measures taken on', value: govukDate(m.measuredOn) },
      { label: 'Made', value: `${govukDateTime(m.generatedAt)} by ${m.generatedBy}` },
      { label: 'Entries', value: `${plural(bundle.timeline.length, 'entry', 'entries')} on the timeline, from ${plural(m.eventCount, 'recorded event')}` },
    ] satisfies Fact[],
    headlines,
    timeline,
    measures,
    clocks,
    appendix: {
      verifyCommand: `caretrail verify ${options.bundleFileName ?? 'bundle.json'} --fingerprint ${bundle.signature.keyFingerprint}`,
      manifest: [
        { label: 'Scope', value: `${m.scope.kind} ${m.scope.id}`, mono: true },
        { label: 'As of (date, basis)', value: m.asOf ? `${m.asOf}, ${basisOrDefault(m.basis)}` : 'none', mono: true },
        { label: 'Measured on', value: m.measuredOn, mono: true },
        { label: 'Generated at', value: m.generatedAt, mono: true },
        {
          label: 'Events',
          value: `${m.eventCount} in ${plural(m.streams.length, 'stream')}${outside.size ? ` (${outside.size} carried only to keep a chain whole, outside the as-of selection)` : ''}`,
        },
        {
          label: 'Council clock streams',
          value: councilStreams.size
            ? `${[...councilStreams].join(', ')}: the clock settings of the councils whose concerns are here${chainOnly.size ? ` (${plural(chainOnly.size, 'event')} carried only to keep a chain whole)` : ''}`
            : 'None: no council of these concerns had set its own clocks in this selection',
        },
        { label: 'Content digest (SHA-256)', value: m.contentDigest, mono: true },
      ] satisfies Fact[],
      signature: [
        { label: 'Algorithm', value: bundle.signature.algorithm },
        { label: 'Key fingerprint', value: bundle.signature.keyFingerprint, mono: true },
      ] satisfies Fact[],
      publicKey: bundle.signature.publicKey.trim(),
      streams: m.streams.map((s) => ({
        name: streamName(s.streamId),
        streamId: s.streamId,
        versions: `${s.firstVersion} to ${s.lastVersion}`,
        count: s.eventCount,
        lastHash: s.lastHash,
      })),
      events: bundle.events.map((e, i) => ({
        anchor: eventAnchor(e.eventId),
        position: i + 1,
        kind: entryKindWords(e.type),
        notes: eventNote(e),
        streamId: e.streamId,
        version: e.streamVersion,
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
        eventId: e.eventId,
        hash: `${e.hash.slice(0, 16)}…`,
      })),
    },
  };
}

export type PrintableBundle = ReturnType<typeof printableBundle>;
