import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Notify API key as Notify shows it: `<key name>-<service id>-<secret>`. */
export function fakeNotifyKey(): { apiKey: string; serviceId: string; secret: string } {
  const serviceId = randomUUID();
  const secret = randomUUID();
  return { apiKey: `caretrail_test-${serviceId}-${secret}`, serviceId, secret };
}

export interface ArrivedEmail {
  id: string;
  template_id: string;
  email_address: string;
  personalisation: Record<string, string>;
  reference: string;
}

type Plan = { kind: 'status'; status: number; body?: object } | { kind: 'hold' };

/**
 * A local stand-in for GOV.UK Notify's REST API as notifications-node-client calls it: POST
 * /v2/notifications/email and GET /v2/notifications?reference=, each with its JWT (HS256 signed with
 * the key's secret, `iss` the service id, `iat` within 30 seconds), which is verified. It records
 * every e-mail it accepted, and can be told to fail or to hold the next requests.
 */
export class FakeNotify {
  readonly emails: ArrivedEmail[] = [];
  /** Every request, accepted or not: method, path, status answered (0 while held). */
  readonly requests: { method: string; path: string; reference?: string; status: number }[] = [];
  readonly rejectedTokens: string[] = [];
  private readonly plans: Plan[] = [];
  private readonly held: ServerResponse[] = [];
  private server: Server | undefined;

  constructor(private readonly key: { serviceId: string; secret: string }) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next POSTs answer these statuses (e.g. 500 twice) before e-mails are accepted again. */
  failNext(status: number, times = 1, body?: object): void {
    for (let i = 0; i < times; i++) this.plans.push({ kind: 'status', status, body });
  }

  /** The next POST is accepted and recorded (as Notify would have it), but its answer is never sent. */
  holdNext(): void {
    this.plans.push({ kind: 'hold' });
  }

  emailsTo(address: string): ArrivedEmail[] {
    return this.emails.filter((e) => e.email_address === address);
  }

  private verifyToken(req: IncomingMessage): string | null {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    const parts = token.split('.');
    if (parts.length !== 3) return 'no bearer JWT';
    const [head, body, signature] = parts;
    const expected = createHmac('sha256', this.key.secret).update(`${head}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad signature';
    const h = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string; typ?: string };
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { iss?: string; iat?: number };
    if (h.alg !== 'HS256') return `alg ${h.alg}`;
    if (claims.iss !== this.key.serviceId) return 'iss is not the service id';
    if (typeof claims.iat !== 'number' || Math.abs(Date.now() / 1000 - claims.iat) > 30) return 'iat missing or more than 30 seconds off';
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const record = { method: req.method ?? '', path: url.pathname, status: 0 } as FakeNotify['requests'][number];
    this.requests.push(record);
    const answer = (status: number, body: object) => {
      record.status = status;
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    const problem = this.verifyToken(req);
    if (problem) {
      this.rejectedTokens.push(problem);
      return answer(403, { status_code: 403, errors: [{ error: 'AuthError', message: `Invalid token: ${problem}` }] });
    }
    if (req.method === 'GET' && url.pathname === '/v2/notifications') {
      const reference = url.searchParams.get('reference') ?? undefined;
      record.reference = reference;
      const found = this.emails.filter((e) => reference === undefined || e.reference === reference);
      return answer(200, {
        notifications: found.map((e) => ({ id: e.id, reference: e.reference, type: 'email', status: 'delivered', email_address: e.email_address })),
        links: {},
      });
    }
    if (req.method !== 'POST' || url.pathname !== '/v2/notifications/email')
      return answer(404, { status_code: 404, errors: [{ error: 'NotFound', message: 'Not found' }] });
    const payload = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ArrivedEmail;
    record.reference = payload.reference;
    const plan = this.plans.shift();
    if (plan?.kind === 'status')
      return answer(plan.status, plan.body ?? { status_code: plan.status, errors: [{ error: 'Exception', message: 'Internal server error' }] });
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(payload.email_address ?? '') || payload.email_address.endsWith('.invalid')) {
      return answer(400, { status_code: 400, errors: [{ error: 'ValidationError', message: 'email_address Not a valid email address' }] });
    }
    const email: ArrivedEmail = {
      id: randomUUID(),
      template_id: payload.template_id,
      email_address: payload.email_address,
      personalisation: payload.personalisation ?? {},
      reference: payload.reference,
    };
    this.emails.push(email);
    if (plan?.kind === 'hold') {
      this.held.push(res);
      return;
    }
    answer(201, {
      id: email.id,
      reference: email.reference,
      content: {
        subject: email.personalisation['subject'] ?? '',
        body: email.personalisation['detail'] ?? '',
        from_email: 'caretrail@notifications.service.gov.uk',
      },
      uri: `${this.url}/v2/notifications/${email.id}`,
      template: { id: email.template_id, version: 1, uri: `${this.url}/v2/template/${email.template_id}` },
    });
  }
}
