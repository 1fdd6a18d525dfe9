import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { startTestApp, type TestApp } from '../support/test-app';

const council = { Authorization: 'Bearer demo-council-officer' };
/** What must never reach a client: stack frames, file paths, SQL or driver names. */
const LEAK = /\bat \S+ \(|node_modules|\.ts:\d+|SQLITE_|\bSELECT\b|\bINSERT\b|syntax error|better-sqlite3|\bpg\b|Kysely/i;

describe('hardening: headers, CORS, body limits, rate limits, errors, correlation ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { CARETRAIL_BODY_LIMIT_KB: '1024' });
  });
  afterAll(async () => t?.close());

  it('sends security headers on the API, and pages keep their nonce CSP', async () => {
    const api = await request(t.server as never)
      .get('/health')
      .expect(200);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
    expect(api.headers['strict-transport-security']).toContain('max-age=');
    expect(api.headers['x-powered-by']).toBeUndefined();
    const page = await request(t.server as never)
      .get('/app/sign-in')
      .expect(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
    const nonce = /'nonce-([^']+)'/.exec(page.headers['content-security-policy'])![1];
    expect(page.text).toContain(`nonce="${nonce}"`);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('keeps CORS closed when no origins are configured', async () => {
    const res = await request(t.server as never)
      .options('/health')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const get = await request(t.server as never)
      .get('/health')
      .set('Origin', 'https://evil.example');
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a body over the limit with 413 and a clear message', async () => {
    const res = await request(t.server as never)
      .post('/concerns')
      .set(council)
      .send({ summary: 'x'.repeat(1100 * 1024) })
      .expect(413);
    expect(res.body).toEqual({
      type: 'about:blank',
      status: 413,
      title: 'Payload Too Large',
      detail: 'The request body is larger than the limit of 1024 KB',
      instance: expect.any(String),
    });
  });

  it('never answers with a stack trace or SQL', async () => {
    const answers = await Promise.all([
      request(t.server as never)
        .post('/concerns')
        .set(council)
        .set('Content-Type', 'application/json')
        .send('{"summary": '),
      request(t.server as never)
        .post('/concerns')
        .set(council)
        .send({ serviceId: 12, contractId: ['x'], summary: { $gt: '' } }),
      request(t.server as never)
        .get("/concerns/1' OR 1=1 --")
        .set(council),
      request(t.server as never)
        .get(`/concerns/${DEMO_IDS.documentationConcern}?asOf=2025-13-45`)
        .set(council),
      request(t.server as never)
        .get('/timelines/nothing/xyz')
        .set(council),
      request(t.server as never)
        .post('/admin/projections/%00/rebuild')
        .set({ Authorization: 'Bearer demo-admin' }),
      request(t.server as never)
        .post('/concerns')
        .set(council)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'bogus')
        .send('{}'),
    ]);
    for (const res of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toMatch(LEAK);
    }
  });

  it('echoes a well-formed X-Correlation-Id and makes one up otherwise', async () => {
    const given = await request(t.server as never)
      .get('/health')
      .set('X-Correlation-Id', 'abc-123');
    expect(given.headers['x-correlation-id']).toBe('abc-123');
    const made = await request(t.server as never)
      .get('/health')
      .set('X-Correlation-Id', 'bad id; "quoted"');
    expect(made.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('hardening: configured CORS and per-identity rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { CARETRAIL_CORS_ORIGINS: 'https://council.example', CARETRAIL_RATE_LIMIT: '5', CARETRAIL_RATE_WINDOW_MS: '60000' });
  });
  afterAll(async () => t?.close());

  it('allows only the configured origin', async () => {
    const ok = await request(t.server as never)
      .get('/evidence/public-key')
      .set(council)
      .set('Origin', 'https://council.example');
    expect(ok.headers['access-control-allow-origin']).toBe('https://council.example');
    const other = await request(t.server as never)
      .get('/evidence/public-key')
      .set(council)
      .set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers 429 with Retry-After once one person passes the limit, and not to someone else', async () => {
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await request(t.server as never)
        .get('/evidence/public-key')
        .set({ Authorization: 'Bearer demo-provider-ceo' });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.body).toMatchObject({ status: 429 });
    await request(t.server as never)
      .get('/evidence/public-key')
      .set({ Authorization: 'Bearer demo-regulator' })
      .expect(200);
  });
});
