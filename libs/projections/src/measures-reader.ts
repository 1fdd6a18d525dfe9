import type { RecordedEvent } from '@caretrail/event-store';
import type { ReadDb } from './projection';
import { findCheckpoint } from './projection-checkpoints';
import type { RecordScope } from './record-scope';
import { SCOPE_EVENTS } from './scope-events.projection';
import { loadCouncilClocksEvents, loadMeasureEvents, loadScopeEvents } from './scope-events.queries';
import { computeMeasures, councilsOfConcerns, type Measures } from './timeline-lib';

export interface MeasuresReaderOptions {
  /** Scopes held at most (least recently read go first). Default 64. */
  maxScopes?: number;
  /** Events held at most across all scopes (about 1 KiB each). Default 400,000. */
  maxEvents?: number;
}

/** What is held for one scope: its measure inputs as of a position of the scope-events model, and the last figures. */
interface Held {
  generation: number;
  /** Every scope-events row up to here is in `events` (the model's checkpoint when last read). */
  position: number;
  /** Rows of contract_services naming the scope's council (a new one brings a service's older rows into a council's portfolio). */
  contracts: number;
  /** The scope's own events, in global order. */
  events: RecordedEvent[];
  eventIds: Set<string>;
  /** The councils whose concerns are among the events, and their clocks settings not already among them. */
  councils: string;
  settings: RecordedEvent[];
  /** The figures of the inputs as they stand, for one evaluation date. */
  figures: { on: string; measures: Measures } | null;
  eventCount: number;
}

/**
 * Live measures of a scope (GET /measures/:scope/:id without asOf), the same figures as
 * `computeMeasures(await loadMeasureEvents(db, scope), { on })` without loading and folding every
 * event of the scope on every request. Per scope it holds the inputs read so far and the last figures:
 *
 * - a request reads the scope-events model's checkpoint and the scope's contract count (two indexed
 *   lookups); unchanged since the figures were computed, for the same date, the figures are served;
 * - otherwise only the scope's rows after the held position are read and appended (rows are written
 *   once, in feed order, and never change: a generation is append-only), the clocks settings of its
 *   councils likewise, and the figures computed again from the held inputs (no database read of the
 *   older events, no JSON parsing of them);
 * - a new generation (a rebuild), or a contract that brings a service's earlier rows into a council's
 *   portfolio, drops what is held and reads the scope from the start.
 *
 * Figures computed again after a change still fold the scope's events (the measures' pure functions
 * work on whole histories); the saving is every request in between, and the loading on each change.
 * Replays (asOf) are computed from events as before: they are rare and select by date.
 */
export class MeasuresReader {
  private readonly held = new Map<string, Held>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly maxScopes: number;
  private readonly maxEvents: number;

  constructor(
    private readonly db: ReadDb,
    options: MeasuresReaderOptions = {},
  ) {
    this.maxScopes = options.maxScopes ?? 64;
    this.maxEvents = options.maxEvents ?? 400_000;
  }

  /** The scope's measures on `on`, identical to computing them from every event of the scope. */
  live(scope: RecordScope, on: string): Promise<Measures> {
    const key = JSON.stringify(scope);
    // One refresh of a scope at a time: a second request waits for the first and is then served from it.
    const run = (this.queues.get(key) ?? Promise.resolve()).then(() => this.refresh(key, scope, on));
    const queued = run.catch(() => undefined);
    this.queues.set(key, queued);
    void queued.then(() => {
      if (this.queues.get(key) === queued) this.queues.delete(key);
    });
    return run;
  }

  /** Scopes held now (tests). */
  get size(): number {
    return this.held.size;
  }

  private async refresh(key: string, scope: RecordScope, on: string): Promise<Measures> {
    const checkpoint = await findCheckpoint(this.db, SCOPE_EVENTS, 'active');
    if (!checkpoint) return computeMeasures(await loadMeasureEvents(this.db, scope), { on });
    const contracts = await this.contractCount(scope, checkpoint.generation);
    let held = this.held.get(key);
    if (held && (held.generation !== checkpoint.generation || held.contracts !== contracts)) held = undefined;
    if (held && held.position === checkpoint.position && held.figures?.on === on) {
      this.touch(key, held);
      return held.figures.measures;
    }
    // Held arrays are extended in place below: until the new state is set, the scope holds nothing.
    this.held.delete(key);
    // Rows of a generation are committed with its checkpoint, one page after another: every row up to
    // the checkpoint read first is there; rows after it read meanwhile are left for the next request.
    const upTo = checkpoint.position;
    const within = (rows: RecordedEvent[]) => rows.filter((e) => Number(e.globalPosition) <= upTo);
    const after = held?.position ?? 0;
    const fresh = within(await loadScopeEvents(this.db, scope, held ? { after } : {}));
    const events = held ? held.events : [];
    const eventIds = held ? held.eventIds : new Set<string>();
    for (const e of fresh) {
      events.push(e);
      eventIds.add(e.eventId);
    }
    const councils = fresh.length > 0 || !held ? councilsOfConcerns(events) : held.councils.split(',').filter(Boolean);
    const councilsKey = councils.join(',');
    // The clocks settings of the councils, incrementally while the councils are the same ones.
    const same = held !== undefined && held.councils === councilsKey;
    const settings = held && same ? held.settings : [];
    const newSettings = within(await loadCouncilClocksEvents(this.db, councils, same ? { after } : {}));
    settings.push(...newSettings);
    const now = await findCheckpoint(this.db, SCOPE_EVENTS, 'active');
    if (now?.generation !== checkpoint.generation) {
      // A rebuild switched generations while we read: read the scope whole, hold nothing.
      return computeMeasures(await loadMeasureEvents(this.db, scope), { on });
    }
    let measures: Measures;
    if (held && same && fresh.length === 0 && newSettings.length === 0 && held.figures?.on === on) {
      measures = held.figures.measures; // the feed moved on, this scope did not
    } else {
      const extra = settings.filter((e) => !eventIds.has(e.eventId));
      const inputs = extra.length === 0 ? events : [...events, ...extra].sort((a, b) => Number(a.globalPosition) - Number(b.globalPosition));
      measures = computeMeasures(inputs, { on });
    }
    this.touch(key, {
      generation: checkpoint.generation,
      position: upTo,
      contracts,
      events,
      eventIds,
      councils: councilsKey,
      settings,
      figures: { on, measures },
      eventCount: events.length + settings.length,
    });
    this.trim();
    return measures;
  }

  private async contractCount(scope: RecordScope, generation: number): Promise<number> {
    if (scope.kind !== 'council') return 0;
    const row = await this.db
      .selectFrom('contract_services')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('generation', '=', generation)
      .where('council_id', '=', scope.councilId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private touch(key: string, held: Held): void {
    this.held.delete(key);
    this.held.set(key, held);
  }

  private trim(): void {
    let total = 0;
    for (const h of this.held.values()) total += h.eventCount;
    for (const [key, h] of this.held) {
      if (this.held.size <= this.maxScopes && total <= this.maxEvents) return;
      if (this.held.size === 1) return;
      this.held.delete(key);
      total -= h.eventCount;
    }
  }
}
