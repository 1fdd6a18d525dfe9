import fc from 'fast-check';
import {
  ProjectionRunner,
  dashboardProjection,
  dueItemsProjection,
  rebuildProjections,
  loadScopeEvents,
  organisationKindMap,
  readTimeline,
  scopeEventsProjection,
  timelineProjection,
  type Projection,
  type RecordScope,
} from '@caretrail/projections';
import type { ReadDatabase } from '@caretrail/read-store';
import { sql } from 'kysely';
import { buildTimeline, queryTimeline, replayTimeline, toLondonDate, type TimelineQuery } from '@caretrail/timeline';
import { CareHistory } from './support/care-history';
import { kindsUnderTest, openHarness, type Harness } from './support/projection-harness';
import { RandomHistory, stepArb } from './support/random-history';

const projectionsOf = (h: Harness): Projection[] => [
  scopeEventsProjection,
  timelineProjection(h.store),
  dashboardProjection(h.store),
  dueItemsProjection(h.store),
];

const runner = (h: Harness, projection: Projection, pageSize: number) =>
  new ProjectionRunner({ store: h.store, db: h.read.db, dialect: h.read.dialect, projection, pageSize });

/** Every row of a projection's serving generation, without the generation, in a stable order. */
async function snapshot(read: ReadDatabase, projection: Projection): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of projection.tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE generation =
      (SELECT generation FROM projection_checkpoints WHERE name = ${projection.name} AND status = 'active')`.execute(read.db);
    out[table] = rows
      .map(({ generation: _g, ...row }) =>
        JSON.stringify(
          Object.entries(row)
            .sort()
            .map(([k, v]) => [k, v === null ? null : String(v)]),
        ),
      )
      .sort();
  }
  return out;
}

const SCOPES: RecordScope[] = [
  { kind: 'provider', providerId: 'provider-1' },
  { kind: 'provider', providerId: 'provider-2' },
  { kind: 'service', serviceId: 'service-a' },
  { kind: 'service', serviceId: 'service-b' },
  { kind: 'service', serviceId: 'service-c' },
  { kind: 'council', councilId: 'council-1' },
  { kind: 'council', councilId: 'council-2' },
  { kind: 'concern', concernId: 'c1' },
  { kind: 'concern', concernId: 'c2' },
];

const queryArb: fc.Arbitrary<TimelineQuery> = fc.record(
  {
    from: fc.constantFrom('2025-01-10', '2025-01-20', '2025-02-01'),
    to: fc.constantFrom('2025-01-25', '2025-02-15', '2025-04-01'),
    kinds: fc.subarray(['ConcernRaised', 'ActionPlanSubmitted', 'PlanUpdateSubmitted', 'EntryCorrected', 'ManagerAppointed', 'CommentRecorded']),
    parties: fc.subarray(['council', 'provider', 'regulator', 'admin'] as const),
    categories: fc.constant(['documentation'] as const),
    order: fc.constantFrom('asc', 'desc') as fc.Arbitrary<'asc' | 'desc'>,
  },
  { requiredKeys: [] },
);

/** Walks every page of a query; each page must equal the library's page for the same cursor. */
async function samePages(h: Harness, scope: RecordScope, query: TimelineQuery, limit: number, replayed: ReturnType<typeof buildTimeline>) {
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const request = { ...query, limit, after };
    const live = await readTimeline(h.read.db, scope, request);
    expect(live).toEqual(queryTimeline(replayed, request));
    if (!live.nextCursor) return;
    after = live.nextCursor;
  }
}

describe.each(kindsUnderTest())('read models on %s (property)', (kind) => {
  it('built in random pages equal the models rebuilt from zero (one by one and together), and the live timeline equals the library over the replayed scope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 45 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(queryArb, fc.integer({ min: 1, max: 7 })), { minLength: 1, maxLength: 3 }),
        async (steps, pageSizes, rebuildPageSize, queries) => {
          const h = await openHarness(kind);
          try {
            const history = new CareHistory(h.store);
            await history.world();
            const random = new RandomHistory(history);
            const projections = projectionsOf(h);
            // Appends and catch-ups interleave, each catch-up with its own page size.
            for (let i = 0, round = 0; i < steps.length; round++) {
              const size = pageSizes[round % pageSizes.length];
              await random.play(steps.slice(i, i + size * 2));
              i += size * 2;
              // Everything appended so far in the feed first (PostgreSQL's horizon may hold it back).
              await h.store.headPosition();
              for (const p of projections) await runner(h, p, size).catchUp();
            }
            const incremental = await Promise.all(projections.map((p) => snapshot(h.read, p)));

            for (const p of projections) await runner(h, p, rebuildPageSize).rebuild();
            const rebuilt = await Promise.all(projections.map((p) => snapshot(h.read, p)));
            expect(rebuilt).toEqual(incremental);

            // All of them rebuilt together (one read of the feed, one transaction per batch for all,
            // as `caretrail rebuild` does): the same rows again, each switched to its new generation.
            const together = await rebuildProjections({
              store: h.store,
              db: h.read.db,
              dialect: h.read.dialect,
              projections,
              now: () => new Date(),
              pageSize: rebuildPageSize,
              maxBatchSize: rebuildPageSize * 4,
            });
            expect(together.map((d) => [d.projection, d.phase])).toEqual(projections.map((p) => [p.name, 'done']));
            expect(await Promise.all(projections.map((p) => snapshot(h.read, p)))).toEqual(incremental);

            const organisationKinds = await organisationKindMap(h.read.db);
            for (const scope of SCOPES) {
              const events = await loadScopeEvents(h.read.db, scope);
              const replayed = buildTimeline(events, { organisationKinds });
              const now = { asOf: toLondonDate(new Date()), basis: 'recorded' as const, organisationKinds };
              expect(await readTimeline(h.read.db, scope)).toEqual(replayTimeline(events, now));
              for (const [query, limit] of queries) await samePages(h, scope, query, limit, replayed);
            }
          } finally {
            await h.close();
          }
        },
      ),
      { numRuns: Number(process.env.CARETRAIL_PROPERTY_RUNS ?? (kind === 'sqlite' ? 25 : 10)) },
    );
  }, 240_000);
});
