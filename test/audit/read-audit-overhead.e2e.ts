import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { ReadAuditLog } from '../../apps/api/src/audit/read-audit.log';
import { seedDemoStory, startTestApp, type TestApp } from '../support/test-app';

const ROUNDS = Number(process.env.CARETRAIL_AUDIT_BENCH_ROUNDS ?? 10);
const PER_ROUND = 20;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** Recording a read must not slow it: the same read timed with the audit on and off, interleaved. */
describe('who looked: overhead of recording a read', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { CARETRAIL_RATE_LIMIT: '1000000' });
    await seedDemoStory(t);
  });
  afterAll(async () => t?.close());

  it('adds well under a few milliseconds at p50', async () => {
    const audit = t.app.get(ReadAuditLog);
    const record = audit.record.bind(audit);
    const timed = { on: [] as number[], off: [] as number[] };
    const read = async () => {
      const start = process.hrtime.bigint();
      await request(t.server as never)
        .get(`/concerns/${DEMO_IDS.documentationConcern}`)
        .set('Authorization', 'Bearer demo-council-officer')
        .expect(200);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    for (let i = 0; i < 20; i++) await read(); // warm up
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of round % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        audit.record = mode === 'on' ? record : () => undefined;
        for (let i = 0; i < PER_ROUND; i++) timed[mode].push(await read());
      }
    }
    audit.record = record;
    await audit.flush();
    const line = (mode: 'on' | 'off') => `p50 ${pct(timed[mode], 50).toFixed(2)} ms, p99 ${pct(timed[mode], 99).toFixed(2)} ms`;
    console.info(
      `GET /concerns/:id × ${timed.on.length} each — audit on: ${line('on')}; audit off: ${line('off')}; p50 overhead ${(pct(timed.on, 50) - pct(timed.off, 50)).toFixed(2)} ms`,
    );
    expect(pct(timed.on, 50) - pct(timed.off, 50)).toBeLessThan(3);
  });
});
