import type { NewEvent } from '@caretrail/event-store';
import { streamEvents } from './bench-events';
import type { RowResult } from './bench-result';
import type { Backend, BenchSubject, Role } from './bench-subject';
import { chunks, median, settle, timed } from './measure';

export interface StoreRowSizes {
  /** Single-event appends: streams x events per stream, one writer. */
  singleStreams: number;
  eventsPerStream: number;
  /** Same shape again, shared by 8 concurrent writers. */
  writers: number;
  /** Appends of 100 events. */
  batches: number;
  batchSize: number;
  /** The stream read: its length, and how many reads the median is taken over. */
  longStream: number;
  streamReads: number;
  /** Page size of feed reads and subscription catch-up. */
  feedPage: number;
  /** Rounds each row is cut into; subjects take turns in each, so a noisy neighbour hits all alike. */
  rounds: number;
}

export interface SubjectSlot {
  role: Role;
  subject?: BenchSubject;
  /** Why there is no subject (peer not installed, failed to open). */
  missing?: string;
}

type Report = (row: RowResult) => void;

const ROLE_ORDER: Role[] = ['caretrail', 'peer', 'ceiling'];

/** Subjects in a different order each round: every one goes first, middle and last. */
function rotation(slots: readonly SubjectSlot[], round: number): SubjectSlot[] {
  const live = slots.filter((s) => s.subject);
  const k = round % Math.max(1, live.length);
  return [...live.slice(k), ...live.slice(0, k)];
}

function missingOf(slots: readonly SubjectSlot[]): RowResult['missing'] {
  const missing: RowResult['missing'] = {};
  for (const s of slots) if (!s.subject) missing[s.role] = s.missing ?? 'not available';
  return Object.keys(missing).length > 0 ? missing : undefined;
}

/**
 * Runs `work(subject, round)` for every subject, round after round, adding up each one's time and
 * event count; a subject that throws is reported with its error and left out of later rounds.
 */
async function measureRounds(
  slots: SubjectSlot[],
  rounds: number,
  work: (subject: BenchSubject, round: number) => Promise<number>,
): Promise<{ ms: Partial<Record<Role, number>>; counts: Partial<Record<Role, number>>; failed: Partial<Record<Role, string>> }> {
  const ms: Partial<Record<Role, number>> = {};
  const counts: Partial<Record<Role, number>> = {};
  const failed: Partial<Record<Role, string>> = {};
  for (let round = 0; round < rounds; round++) {
    for (const slot of rotation(slots, round)) {
      if (failed[slot.role]) continue;
      settle();
      let count = 0;
      try {
        ms[slot.role] = (ms[slot.role] ?? 0) + (await timed(async () => (count = await work(slot.subject!, round))));
        counts[slot.role] = (counts[slot.role] ?? 0) + count;
      } catch (error) {
        failed[slot.role] = `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
      }
    }
  }
  return { ms, counts, failed };
}

function rateRow(base: Omit<RowResult, 'values' | 'unit' | 'better'>, slots: SubjectSlot[], outcome: Awaited<ReturnType<typeof measureRounds>>): RowResult {
  const values: RowResult['values'] = {};
  const extra: Record<string, number> = {};
  for (const role of ROLE_ORDER) {
    const ms = outcome.ms[role];
    const count = outcome.counts[role];
    if (outcome.failed[role] || ms === undefined || !count) continue;
    values[role] = (count / ms) * 1000;
    extra[`${role}Events`] = count;
    extra[`${role}Ms`] = Math.round(ms);
  }
  const missing = { ...missingOf(slots), ...outcome.failed };
  return { ...base, unit: 'events/s', better: 'higher', values, extra, missing: Object.keys(missing).length ? missing : undefined };
}

const streamName = (row: string, i: number) => `concern-${row}-${i}`;

export async function runStoreRows(backend: Backend, slots: SubjectSlot[], sizes: StoreRowSizes, report: Report): Promise<RowResult[]> {
  const rows: RowResult[] = [];
  const done = (row: RowResult) => {
    rows.push(row);
    report(row);
  };
  const target = 'CareTrail >= Emmett and >= ceiling / 1.5';

  // 1. One event per call, streams x events, one writer. Versions go round the streams, as commands do.
  {
    const streams = sizes.singleStreams;
    const events: NewEvent[][] = Array.from({ length: streams }, (_, i) => streamEvents(streamName('single', i), sizes.eventsPerStream));
    const parts = chunks(streams, sizes.rounds);
    const outcome = await measureRounds(slots, parts.length, async (subject, round) => {
      const [from, to] = parts[round];
      let n = 0;
      for (let v = 0; v < sizes.eventsPerStream; v++) {
        for (let s = from; s < to; s++) {
          await subject.append(streamName('single', s), [events[s][v]], v);
          n++;
        }
      }
      return n;
    });
    done(
      rateRow(
        { id: `${backend}.append.single`, backend, title: `append 1 event/call, ${streams} streams x ${sizes.eventsPerStream}, 1 writer`, target },
        slots,
        outcome,
      ),
    );
  }

  // 2. The same, with 8 concurrent writers each on streams of its own.
  {
    const streams = sizes.singleStreams;
    const events: NewEvent[][] = Array.from({ length: streams }, (_, i) => streamEvents(streamName('writers', i), sizes.eventsPerStream));
    const parts = chunks(streams, sizes.rounds);
    const outcome = await measureRounds(slots, parts.length, async (subject, round) => {
      const [from, to] = parts[round];
      const writer = async (w: number): Promise<number> => {
        let n = 0;
        for (let v = 0; v < sizes.eventsPerStream; v++) {
          for (let s = from + w; s < to; s += sizes.writers) {
            await subject.append(streamName('writers', s), [events[s][v]], v);
            n++;
          }
        }
        return n;
      };
      const counts = await Promise.all(Array.from({ length: sizes.writers }, (_, w) => writer(w)));
      return counts.reduce((a, b) => a + b, 0);
    });
    done(rateRow({ id: `${backend}.append.writers`, backend, title: `append 1 event/call, ${sizes.writers} concurrent writers`, target }, slots, outcome));
  }

  // 3. Batches of 100 events per call, each batch a new stream.
  {
    const batches = Array.from({ length: sizes.batches }, (_, i) => streamEvents(streamName('batch', i), sizes.batchSize));
    const parts = chunks(sizes.batches, sizes.rounds);
    const outcome = await measureRounds(slots, parts.length, async (subject, round) => {
      const [from, to] = parts[round];
      let n = 0;
      for (let b = from; b < to; b++) {
        await subject.append(streamName('batch', b), batches[b], 0);
        n += batches[b].length;
      }
      return n;
    });
    done(rateRow({ id: `${backend}.append.batch`, backend, title: `append ${sizes.batchSize} events/call (${sizes.batches} calls)`, target }, slots, outcome));
  }

  // 4. Read one stream of `longStream` events: median of `streamReads` reads (after one warm-up read).
  {
    const long = streamName('long', 0);
    const events = streamEvents(long, sizes.longStream);
    const live = slots.filter((s) => s.subject);
    const failed: Partial<Record<Role, string>> = {};
    for (const slot of live) {
      try {
        for (let i = 0; i < events.length; i += 100) await slot.subject!.append(long, events.slice(i, i + 100), i);
        const n = await slot.subject!.readStream(long);
        if (n !== events.length) throw new Error(`read ${n} events of ${events.length}`);
      } catch (error) {
        failed[slot.role] = `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
      }
    }
    const samples: Partial<Record<Role, number[]>> = {};
    for (let i = 0; i < sizes.streamReads; i++) {
      for (const slot of rotation(slots, i)) {
        if (failed[slot.role]) continue;
        (samples[slot.role] ??= []).push(await timed(() => slot.subject!.readStream(long)));
      }
    }
    const values: RowResult['values'] = {};
    const extra: Record<string, number> = {};
    for (const role of ROLE_ORDER) {
      const s = samples[role];
      if (!s?.length) continue;
      values[role] = median(s);
      extra[`${role}Min`] = Math.min(...s);
      extra[`${role}Max`] = Math.max(...s);
    }
    const missing = { ...missingOf(slots), ...failed };
    done({
      id: `${backend}.read.stream`,
      backend,
      title: `read one stream of ${sizes.longStream} events (median of ${sizes.streamReads})`,
      unit: 'ms',
      better: 'lower',
      values,
      extra,
      missing: Object.keys(missing).length ? missing : undefined,
      target,
    });
  }

  // 5. The whole global feed, page by page; then a subscription catching up from zero.
  {
    const outcome = await measureRounds(slots, 2, (subject) => subject.readFeed(sizes.feedPage));
    // Two passes each (the first also warms the cache for the others): count both.
    done(rateRow({ id: `${backend}.read.feed`, backend, title: `read the whole global feed (pages of ${sizes.feedPage})`, target }, slots, outcome));
    const total = Math.min(...Object.values(outcome.counts).map((c) => c / 2));
    const catchUpSlots: SubjectSlot[] = slots.map((s) =>
      s.subject && !s.subject.catchUp ? { role: s.role, missing: 'no subscription API measured (see the feed row)' } : s,
    );
    const caught = await measureRounds(catchUpSlots, 1, (subject) => subject.catchUp!(total, sizes.feedPage));
    done(
      rateRow(
        { id: `${backend}.read.catchup`, backend, title: `subscription catch-up from zero (${total} events)`, target: 'CareTrail >= Emmett' },
        catchUpSlots,
        caught,
      ),
    );
  }
  return rows;
}
