import fc from 'fast-check';
import { loadMeasureEvents, MeasuresReader, ProjectionRunner, scopeEventsProjection, type RecordScope } from '@caretrail/projections';
import { computeMeasures, DEFAULT_CLOCKS, toLondonDate } from '@caretrail/timeline';
import { CareHistory, dateOf, day, officerOf } from './support/care-history';
import { kindsUnderTest, openHarness, type Harness } from './support/projection-harness';
import { RandomHistory, stepArb } from './support/random-history';

const SCOPES: RecordScope[] = [
  { kind: 'council', councilId: 'council-1' },
  { kind: 'council', councilId: 'council-2' },
  { kind: 'council', councilId: 'council-1', readableConcerns: { councilId: 'council-1' } },
  { kind: 'provider', providerId: 'provider-1' },
  { kind: 'provider', providerId: 'provider-2', readableConcerns: { providerId: 'provider-2' } },
  { kind: 'service', serviceId: 'service-c' },
  { kind: 'concern', concernId: 'c1' },
];

const runner = (h: Harness, pageSize: number) =>
  new ProjectionRunner({ store: h.store, db: h.read.db, dialect: h.read.dialect, projection: scopeEventsProjection, pageSize });

/** What GET /measures/:scope/:id computed on every request before the reader: every event of the scope, folded. */
const fromEveryEvent = async (h: Harness, scope: RecordScope, on: string) => computeMeasures(await loadMeasureEvents(h.read.db, scope), { on });

describe.each(kindsUnderTest())('council measures held and brought up to date on %s (property)', (kind) => {
  it('equal the measures computed from every event of the scope, after each append, a new contract, a clocks setting and a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.nat(6),
        async (steps, pageSizes, eventRound) => {
          const h = await openHarness(kind);
          try {
            const history = new CareHistory(h.store);
            await history.world();
            const random = new RandomHistory(history);
            const reader = new MeasuresReader(h.read.db);
            const today = toLondonDate(new Date());
            const check = async () => {
              for (const scope of SCOPES) {
                for (const on of [dateOf(20), today]) {
                  // Twice: the second is served from what the first held.
                  expect(await reader.live(scope, on)).toEqual(await fromEveryEvent(h, scope, on));
                  expect(await reader.live(scope, on)).toEqual(await fromEveryEvent(h, scope, on));
                }
              }
            };
            await runner(h, 50).catchUp();
            await check();
            for (let i = 0, round = 0; i < steps.length; round++) {
              const size = pageSizes[round % pageSizes.length];
              await random.play(steps.slice(i, i + size * 2));
              i += size * 2;
              if (round === eventRound) {
                // A contract that brings service-c's earlier record into council-1's portfolio, and council-1's own clocks.
                await history.contract('contract-9', 'council-1', 'provider-2', ['service-c'], day(3));
                await history.append(
                  'organisation-council-1',
                  'CouncilClocksSet',
                  { councilId: 'council-1', clocks: { ...DEFAULT_CLOCKS, acknowledgeWithinWorkingDays: 2 }, reason: 'Tighter clock' },
                  day(4),
                  officerOf('council-1'),
                );
              }
              await runner(h, size).catchUp();
              await check();
            }
            // A rebuild makes a new generation: what was held for the old one is not used.
            await runner(h, 7).rebuild();
            await check();
          } finally {
            await h.close();
          }
        },
      ),
      { numRuns: Number(process.env.CARETRAIL_PROPERTY_RUNS ?? (kind === 'sqlite' ? 15 : 6)) },
    );
  }, 300_000);

  it('reads only the rows added since it last read, and serves unchanged figures without computing', async () => {
    const h = await openHarness(kind);
    try {
      const history = new CareHistory(h.store);
      await history.world();
      await history.concern('c1', { serviceId: 'service-a', providerId: 'provider-1', councilId: 'council-1', contractId: 'contract-1' }, day(1));
      await runner(h, 100).catchUp();
      const reader = new MeasuresReader(h.read.db);
      const scope: RecordScope = { kind: 'council', councilId: 'council-1' };
      const first = await reader.live(scope, dateOf(10));
      expect(await reader.live(scope, dateOf(10))).toBe(first); // the same figures object: nothing computed again
      expect(first.timeToAcknowledge).toEqual((await fromEveryEvent(h, scope, dateOf(10))).timeToAcknowledge);
      // Another council's concern moves the feed on, not council-1's portfolio: the figures stand.
      await history.concern('c2', { serviceId: 'service-c', providerId: 'provider-2', councilId: 'council-2', contractId: 'contract-3' }, day(2));
      await runner(h, 100).catchUp();
      expect(await reader.live(scope, dateOf(10))).toBe(first);
      // Council-1's second concern changes them, and they equal the fold of every event.
      await history.concern('c3', { serviceId: 'service-b', providerId: 'provider-1', councilId: 'council-1', contractId: 'contract-1' }, day(3));
      await runner(h, 100).catchUp();
      const second = await reader.live(scope, dateOf(10));
      expect(second).not.toBe(first);
      expect(second).toEqual(await fromEveryEvent(h, scope, dateOf(10)));
    } finally {
      await h.close();
    }
  }, 60_000);
});
