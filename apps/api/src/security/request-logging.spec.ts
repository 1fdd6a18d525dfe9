import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { Writable } from 'node:stream';
import { REDACTED_PATHS, requestLogger } from './request-logging';

describe('request logging', () => {
  it('writes one JSON line per request with the correlation id and no credentials, cookies or names', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    const app = express();
    app.use(requestLogger(log));
    app.use(express.json());
    app.post('/services/:id/managers', (req, res) => {
      (req as unknown as { log: pino.Logger }).log.info({ body: req.body, managerName: req.body.managerName }, 'appointed');
      res.status(201).json({ ok: true });
    });
    await request(app)
      .post('/services/s1/managers?asOf=2025-01-01')
      .set('Authorization', 'Bearer demo-secret-token')
      .set('Cookie', 'caretrail-session=s3cr3t')
      .set('X-Correlation-Id', 'corr-42')
      .send({ managerName: 'Dana Fox' })
      .expect(201);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.every((e) => (e.req as { id?: string } | undefined)?.id === 'corr-42' || e.reqId === 'corr-42')).toBe(true);
    const all = lines.join('\n');
    for (const secret of ['demo-secret-token', 's3cr3t', 'Dana Fox']) expect(all).not.toContain(secret);
  });
});
