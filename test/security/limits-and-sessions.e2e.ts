import type { INestApplication } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { loadConfig } from '@caretrail/config';
import { DEMO_IDS } from '@caretrail/demo';
import { createApp } from '../../apps/api/src/create-app';
import { SessionClock } from '../../apps/api/src/web/session/web-sessions';
import { startTestApp, storesUnderTest, type StoreKind, type TestApp } from '../support/test-app';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The raw Cookie header value of the page session a response set (what someone could copy). */
const sessionCookieOf = (res: request.Response): string => {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const found = cookies.find((c) => c.startsWith('caretrail-session='));
  if (!found) throw new Error(`no session cookie in ${JSON.stringify(cookies)}`);
  return found.split(';')[0];
};

/** Signs in on the pages as a demo identity; returns the agent, its session cookie and a CSRF token for its forms. */
async function signIn(server: unknown, identity: string) {
  const agent = request.agent(server as never);
  const form = await agent.get('/app/sign-in').expect(200);
  const signedIn = await agent
    .post('/app/sign-in')
    .type('form')
    .send({ identity, _csrf: csrfOf(form.text) })
    .expect(303);
  const cookie = sessionCookieOf(signedIn);
  const dashboard = await agent.get('/app/dashboard').expect(200);
  return { agent, cookie, csrf: csrfOf(dashboard.text), dashboard };
}

/** Registers one of the demo organisations through the API (as the deployment's administrator); returns its address. */
async function registerProvider(server: unknown): Promise<string> {
  await request(server as never)
    .post('/organisations')
    .set(bearer('demo-admin'))
    .send({ organisationId: DEMO_IDS.provider, kind: 'provider', name: 'Hollybank Support Trust' })
    .expect(201);
  return `/organisations/${DEMO_IDS.provider}`;
}

/** A page opened with nothing but a (copied) session cookie. */
const openWith = (server: unknown, cookie: string, path = '/app/dashboard') =>
  request(server as never)
    .get(path)
    .set('Cookie', cookie);

function expectSentToSignIn(res: request.Response): void {
  expect({ status: res.status, location: res.headers.location }).toEqual({ status: 303, location: expect.stringMatching(/^\/app\/sign-in\?returnTo=/) });
}

/** A GET sent from another local address (127.0.0.0/8 is all loopback on Linux): what another client would see. */
function getFrom(localAddress: string, port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, localAddress, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('rate limits: one budget per person across every route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { CARETRAIL_RATE_LIMIT: '6', CARETRAIL_RATE_WINDOW_MS: '60000' });
  });
  afterAll(async () => t?.close());

  it('refuses the next route once one route used up the budget, API and pages alike, and not someone else', async () => {
    const organisation = await registerProvider(t.server);
    const helen = bearer('demo-provider-ceo');
    for (let i = 0; i < 6; i++)
      await request(t.server as never)
        .get('/evidence/public-key')
        .set(helen)
        .expect(200);
    // Another route (counted by route, it would start afresh): refused too.
    const other = await request(t.server as never)
      .get(organisation)
      .set(helen);
    expect(other.status).toBe(429);
    expect(Number(other.headers['retry-after'])).toBeGreaterThan(0);
    expect(other.body).toMatchObject({
      status: 429,
      title: 'Too Many Requests',
      detail: expect.stringMatching(/^Too many requests: more than 6 in 60 seconds\. Wait \d+ seconds and try again\.$/),
    });
    await request(t.server as never)
      .post('/organisations')
      .set(helen)
      .send({ kind: 'provider', name: 'Another' })
      .expect(429);

    // The same person on the pages shares the budget (signing in itself is counted by address).
    const pages = request.agent(t.server as never);
    const signInForm = await pages.get('/app/sign-in').expect(200);
    await pages
      .post('/app/sign-in')
      .type('form')
      .send({ identity: 'demo-provider-ceo', _csrf: csrfOf(signInForm.text) })
      .expect(303);
    const page = await pages.get(`/app/providers/${DEMO_IDS.provider}`);
    expect(page.status).toBe(429);
    expect(page.text).toMatch(/Too many requests: more than 6 in 60 seconds/);

    // Someone else is not affected.
    const alex = await request(t.server as never)
      .get(organisation)
      .set(bearer('demo-regulator'))
      .expect(200);
    expect(alex.body).toMatchObject({ id: DEMO_IDS.provider, name: 'Hollybank Support Trust' });
  });
});

describe('failed authentication is limited per client address', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { CARETRAIL_AUTH_FAILURE_LIMIT: '5', CARETRAIL_AUTH_FAILURE_WINDOW_MS: '60000' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => t?.close());

  it('answers a flood of bad tokens from one address 429 with Retry-After, while a valid token from it and other addresses are unaffected', async () => {
    const concern = await registerProvider(t.server);
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 8; i++) {
      // Missing and unknown tokens alike.
      last = await request(t.server as never)
        .get(concern)
        .set(i % 2 ? bearer(`guess-${i}`) : {});
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.body).toMatchObject({
      status: 429,
      detail: expect.stringMatching(/^Too many failed sign-in attempts from your address: more than 5 in 60 seconds\. Wait \d+ seconds and try again\.$/),
    });

    // By design a valid token from the same address is served: one broken client does not lock out its office.
    const priya = await request(t.server as never)
      .get(concern)
      .set(bearer('demo-council-officer'))
      .expect(200);
    expect(priya.body).toMatchObject({ id: DEMO_IDS.provider, name: 'Hollybank Support Trust' });

    // Another address has its own count.
    const elsewhere = await getFrom('127.0.0.2', port, concern, bearer('guess-elsewhere'));
    expect(elsewhere.status).toBe(401);
    expect(JSON.parse(elsewhere.body)).toMatchObject({ status: 401, detail: 'The bearer token is not valid' });
  });

  it('counts failed page sign-ins by address too', async () => {
    const agent = request.agent(t.server as never);
    const form = await agent.get('/app/sign-in').expect(200);
    // 127.0.0.1 is already over its limit from the flood above: a failed sign-in from it is refused 429.
    const refused = await agent
      .post('/app/sign-in')
      .type('form')
      .send({ identity: 'nobody-at-all', _csrf: csrfOf(form.text) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.text).toContain('Too many failed sign-in attempts from your address');
    // Choosing a real identity still signs in.
    const again = await agent.get('/app/sign-in').expect(200);
    await agent
      .post('/app/sign-in')
      .type('form')
      .send({ identity: 'demo-council-officer', _csrf: csrfOf(again.text) })
      .expect(303);
    expect((await agent.get('/app/dashboard').expect(200)).text).toContain('Priya Shah');
  });
});

describe('failed page sign-ins alone reach the limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { CARETRAIL_AUTH_FAILURE_LIMIT: '3', CARETRAIL_AUTH_FAILURE_WINDOW_MS: '60000' });
  });
  afterAll(async () => t?.close());

  it('answers 400 with the form until the limit, then 429', async () => {
    const agent = request.agent(t.server as never);
    const csrf = csrfOf((await agent.get('/app/sign-in').expect(200)).text);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await agent
            .post('/app/sign-in')
            .type('form')
            .send({ identity: `guess-${i}`, _csrf: csrf })
        ).status,
      );
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
  });
});

describe.each(storesUnderTest())('page sessions end on the server (%s)', (kind: StoreKind) => {
  let t: TestApp;
  let now: number;
  const IDLE_MS = 10 * 60 * 1000;
  const ABSOLUTE_MS = 30 * 60 * 1000;
  beforeAll(async () => {
    t = await startTestApp(kind, { CARETRAIL_SESSION_IDLE_TIMEOUT_MS: String(IDLE_MS), CARETRAIL_SESSION_ABSOLUTE_TIMEOUT_MS: String(ABSOLUTE_MS) });
    now = Date.now();
    jest.spyOn(t.app.get(SessionClock), 'now').mockImplementation(() => now);
  });
  afterAll(async () => t?.close());

  it('refuses a session cookie copied before sign-out once the person has signed out', async () => {
    const { agent, cookie, csrf, dashboard } = await signIn(t.server, 'demo-council-officer');
    expect(dashboard.text).toContain('Priya Shah');
    expect((await openWith(t.server, cookie).expect(200)).text).toContain('Priya Shah'); // the copy works while signed in
    const out = await agent.post('/app/sign-out').type('form').send({ _csrf: csrf }).expect(303);
    expect(out.headers.location).toBe('/app/sign-in?signedOut=1');
    const copied = await openWith(t.server, cookie);
    expectSentToSignIn(copied);
    expect(copied.text).not.toContain('Priya Shah');
    // Nor does the copy sign anyone in on the way: what it is given is a fresh signed-out session.
    expect(sessionCookieOf(copied)).not.toBe(cookie);
    expectSentToSignIn(await agent.get('/app/dashboard'));
  });

  it('ends a session left idle past the idle timeout, and keeps one in use alive until then', async () => {
    const { cookie } = await signIn(t.server, 'demo-council-officer');
    now += IDLE_MS - 60_000;
    expect((await openWith(t.server, cookie).expect(200)).text).toContain('Priya Shah');
    now += IDLE_MS - 60_000; // longer than the idle timeout since sign-in, but not since the last page
    expect((await openWith(t.server, cookie).expect(200)).text).toContain('Priya Shah');
    now += IDLE_MS + 1;
    expectSentToSignIn(await openWith(t.server, cookie));
    now -= IDLE_MS; // ended is ended: turning back the clock does not revive it
    expectSentToSignIn(await openWith(t.server, cookie));
  });

  it('ends a session at the absolute timeout however busy it is', async () => {
    const { cookie } = await signIn(t.server, 'demo-council-officer');
    const start = now;
    while (now - start + IDLE_MS / 2 <= ABSOLUTE_MS) {
      now += IDLE_MS / 2;
      expect((await openWith(t.server, cookie).expect(200)).text).toContain('Priya Shah');
    }
    now += IDLE_MS / 2;
    expectSentToSignIn(await openWith(t.server, cookie));
  });

  it('ends the previous session when someone signs in again in the same browser', async () => {
    const first = await signIn(t.server, 'demo-council-officer');
    const form = await first.agent.get('/app/sign-in').expect(200);
    const second = await first.agent
      .post('/app/sign-in')
      .type('form')
      .send({ identity: 'demo-council-officer', _csrf: csrfOf(form.text) })
      .expect(303);
    expect(sessionCookieOf(second)).not.toBe(first.cookie);
    expectSentToSignIn(await openWith(t.server, first.cookie));
    expect((await first.agent.get('/app/dashboard').expect(200)).text).toContain('Priya Shah');
  });
});

/** Starts the app on a given store and session secret, so a second start finds what the first left. */
async function startOn(env: Record<string, string>): Promise<INestApplication> {
  const config = loadConfig({ NODE_ENV: 'test', CARETRAIL_SEED_DEMO: 'false', CARETRAIL_SESSION_SECRET: 'x'.repeat(40), ...env });
  const app = await createApp(config, { logger: false });
  await app.init();
  return app;
}

describe.each(storesUnderTest())('a signed-out session stays ended across a restart (%s)', (kind: StoreKind) => {
  const dir = mkdtempSync(join(tmpdir(), 'caretrail-sessions-'));
  const schema = `e2e_sessions_${process.pid}_${Date.now().toString(36)}`;
  const env: Record<string, string> =
    kind === 'sqlite'
      ? { CARETRAIL_STORE: 'sqlite', CARETRAIL_SQLITE_FILE: join(dir, 'caretrail.db'), CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem') }
      : {
          CARETRAIL_STORE: 'postgres',
          CARETRAIL_PG_URL: process.env.CARETRAIL_TEST_PG_URL ?? '',
          CARETRAIL_PG_SCHEMA: schema,
          CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem'),
        };
  let app: INestApplication | undefined;
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    if (kind === 'postgres') {
      const client = new Client({ connectionString: process.env.CARETRAIL_TEST_PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${schema}_read" CASCADE`);
      await client.end();
    }
  });

  it('refuses the signed-out copy and keeps the live session after the service restarts', async () => {
    app = await startOn(env);
    const gone = await signIn(app.getHttpServer(), 'demo-council-officer');
    const kept = await signIn(app.getHttpServer(), 'demo-council-officer');
    await gone.agent.post('/app/sign-out').type('form').send({ _csrf: gone.csrf }).expect(303);
    await app.close();
    app = await startOn(env);
    expectSentToSignIn(await openWith(app.getHttpServer(), gone.cookie));
    expect((await openWith(app.getHttpServer(), kept.cookie).expect(200)).text).toContain('Priya Shah');
  });
});

describe('API responses are never cached', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('sends Cache-Control: no-store on record data, errors and exports, but lets static assets be cached', async () => {
    const organisation = await registerProvider(t.server);
    const priya = bearer('demo-council-officer');
    const answers = await Promise.all([
      request(t.server as never)
        .get(organisation)
        .set(priya),
      request(t.server as never)
        .get('/evidence/public-key')
        .set(priya),
      request(t.server as never)
        .get(`/timelines/providers/${DEMO_IDS.provider}`)
        .set(priya),
      request(t.server as never)
        .get(`/concerns/${DEMO_IDS.documentationConcern}`)
        .set(priya),
      request(t.server as never).get(organisation),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 403, 404, 401]);
    expect(answers[0].body).toMatchObject({ id: DEMO_IDS.provider, name: 'Hollybank Support Trust' });
    expect(answers.map((r) => r.headers['cache-control'])).toEqual(answers.map(() => 'no-store'));
    const asset = await request(t.server as never)
      .get('/assets/caretrail/caretrail.css')
      .expect(200);
    expect(asset.headers['cache-control']).not.toContain('no-store');
  });
});

describe('slow clients are cut off', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      CARETRAIL_HTTP_HEADERS_TIMEOUT_MS: '500',
      CARETRAIL_HTTP_REQUEST_TIMEOUT_MS: '500',
      CARETRAIL_HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => t?.close());

  /** Resolves with everything the server sent once it closes the connection. */
  const closed = (socket: Socket) =>
    new Promise<string>((resolve) => {
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('error', () => undefined); // writing to a socket the server closed
      socket.on('close', () => resolve(received));
    });

  it('closes a connection that sends its headers slowly, with 408', async () => {
    const socket = connect(port, '127.0.0.1');
    const answer = closed(socket);
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    // One header line at a time, never the blank line that ends them.
    const drip = setInterval(() => socket.writable && socket.write(`X-Slow-${Date.now()}: a\r\n`), 50);
    try {
      expect(await answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
  });

  it('answers a prompt request, then closes the idle keep-alive connection', async () => {
    const socket = connect(port, '127.0.0.1');
    const answer = closed(socket);
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    const received = await answer;
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(received).toMatch(/cache-control: no-store/i);
  });
});
