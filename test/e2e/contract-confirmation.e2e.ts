import { DEMO_IDS } from '@caretrail/demo';
import request from 'supertest';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const NORTHSHIRE = auth('demo-council-officer');
const EASTVALE = auth('demo-other-council');
const HOLLYBANK = auth('demo-provider-ceo');
const KESTREL = auth('demo-other-provider');
const ADMIN = auth('demo-admin');
const SIGNED = { name: 'EBC-SL-2026-009 signed.pdf', sha256: 'c'.repeat(64) };

/**
 * Issue 10: a council could make itself a commissioner by awarding itself a contract for another
 * council's service, and could date acts back into a term that had ended. A contract now gives rights
 * only once its provider confirmed it (or an administrator recorded it from the signed contract), and
 * nothing is dated into a term that had ended.
 */
describe.each(storesUnderTest())('contract confirmation and contract terms over HTTP on %s', (store) => {
  let t: TestApp;
  let head: number;
  const post = (path: string, headers: Record<string, string>, body: object, status: number) =>
    request(t.server as never)
      .post(path)
      .set(headers)
      .send(body)
      .expect(status);
  const get = (path: string, headers: Record<string, string>, status = 200) =>
    request(t.server as never)
      .get(path)
      .set(headers)
      .expect(status);
  /** A read refused (403, or 404 for a stranger to the record) that shows none of the record. */
  const refusedRead = async (path: string, headers: Record<string, string>) => {
    const res = await request(t.server as never)
      .get(path)
      .set(headers);
    expect([403, 404]).toContain(res.status);
    expect(res.body.summary).toBeUndefined();
  };
  /** The streams of a council's portfolio timeline, once the read model has reached `position`. */
  const portfolioStreams = async (councilId: string, headers: Record<string, string>, position: number): Promise<Set<string>> => {
    const res = await get(`/timelines/councils/${councilId}?minPosition=${position}&limit=1000`, headers);
    return new Set(res.body.entries.map((e: { streamId: string }) => e.streamId));
  };
  /**
   * Eastvale's "Raise a concern" page, signed in by session, once it shows `expected` (the page reads the
   * scope read model, which follows the store shortly after a write: asked again until it has caught up).
   */
  const raiseConcernPage = async (expected: RegExp): Promise<string> => {
    const agent = request.agent(t.server as never);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/app/sign-in').expect(200)).text)?.[1] ?? '';
    await agent.post('/app/sign-in').type('form').send({ identity: 'demo-other-council', _csrf: csrf }).expect(303);
    let html = '';
    for (let attempt = 0; attempt < 600 && !expected.test(html); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      html = (await agent.get('/app/concerns/new').expect(200)).text;
    }
    return html;
  };
  const raiseAtMapleCourt = (contractId: string, occurredAt = '2026-11-23T10:00:00Z') => ({
    serviceId: DEMO_IDS.mapleCourt,
    contractId,
    category: 'documentation',
    severity: 'amber',
    source: 'complaint',
    summary: 'Eastvale says it commissions Maple Court',
    occurredAt,
  });

  beforeAll(async () => {
    t = await startTestApp(store);
    head = await seedDemoStory(t);
  });
  afterAll(async () => t?.close());

  it("Eastvale's award to itself of Hollybank's Maple Court gives it no rights until Hollybank confirms it", async () => {
    const award = await post(
      '/contracts',
      EASTVALE,
      {
        providerId: DEMO_IDS.provider,
        serviceIds: [DEMO_IDS.mapleCourt],
        reference: 'EBC-SL-2026-009',
        startsOn: '2026-11-01',
        endsOn: '2029-10-31',
        occurredAt: '2026-11-20T10:00:00Z',
      },
      201,
    );
    const contractId = award.body.id as string;

    // The award is recorded, and says what it is: awaiting the provider's confirmation.
    const awaiting = await get(`/contracts/${contractId}`, EASTVALE);
    expect(awaiting.body).toMatchObject({
      status: 'awaiting_confirmation',
      confirmation: null,
      councilId: DEMO_IDS.otherCouncil,
      providerId: DEMO_IDS.provider,
    });
    expect((await get(`/contracts/${contractId}`, HOLLYBANK)).body.status).toBe('awaiting_confirmation');

    // No concern under it, and nothing recorded by trying.
    const refused = await post('/concerns', EASTVALE, raiseAtMapleCourt(contractId), 403);
    expect(refused.body).toMatchObject({ rule: 'contract-awaiting-confirmation' });
    expect(refused.body.detail).toMatch(/awaits the provider's confirmation/);
    const visit = await post(
      `/services/${DEMO_IDS.mapleCourt}/visits`,
      EASTVALE,
      {
        contractId,
        visitType: 'council_monitoring',
        announced: false,
        visitedOn: '2026-11-23',
        visitorRole: 'QA officer',
        findings: 'Looked round',
        occurredAt: '2026-11-23T12:00:00Z',
      },
      403,
    );
    expect(visit.body.rule).toBe('contract-awaiting-confirmation');

    // Maple Court's concerns stay Northshire's and Hollybank's; its own records stay out of Eastvale's portfolio.
    await refusedRead(`/concerns/${DEMO_IDS.documentationConcern}`, EASTVALE);
    const before = await portfolioStreams(DEMO_IDS.otherCouncil, EASTVALE, award.body.position);
    expect(before.has(`contract-${contractId}`)).toBe(true); // its own award is on its own record
    expect(before.has(`service-${DEMO_IDS.mapleCourt}`)).toBe(false);

    // The page says the award awaits Hollybank, and offers no Maple Court placement under it.
    const awaitingPage = await raiseConcernPage(/EBC-SL-2026-009/);
    expect(awaitingPage).toMatch(
      /Contract EBC-SL-2026-009 \([^)]*\) is awarded, awaiting the provider&#39;s confirmation|Contract EBC-SL-2026-009 \([^)]*\) is awarded, awaiting the provider's confirmation/,
    );
    expect(awaitingPage).not.toContain(`value="${DEMO_IDS.mapleCourt}|${contractId}"`);

    // Neither Eastvale itself, nor another provider, confirms it.
    expect((await post(`/contracts/${contractId}/confirmation`, EASTVALE, {}, 403)).body.rule).toBe('access-policy');
    await post(`/contracts/${contractId}/confirmation`, KESTREL, {}, 404); // a stranger to the contract is told it is not there

    // Hollybank confirms: only now is Eastvale a commissioning council of Maple Court.
    await post(`/contracts/${contractId}/confirmation`, HOLLYBANK, { signedContract: SIGNED, occurredAt: '2026-11-22T09:00:00Z' }, 201);
    const confirmed = await get(`/contracts/${contractId}`, EASTVALE);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmation: { by: 'provider', signedContract: SIGNED, at: '2026-11-22T09:00:00.000Z' } });
    expect((await post(`/contracts/${contractId}/confirmation`, HOLLYBANK, {}, 422)).body.rule).toBe('contract-already-confirmed');

    const confirmedPage = await raiseConcernPage(new RegExp(`${DEMO_IDS.mapleCourt}\\|${contractId}`));
    expect(confirmedPage).toContain(`value="${DEMO_IDS.mapleCourt}|${contractId}"`);
    expect(confirmedPage).not.toContain('awaiting the provider');

    const raised = await post('/concerns', EASTVALE, raiseAtMapleCourt(contractId), 201);
    const concern = await get(`/concerns/${raised.body.id}`, EASTVALE);
    expect(concern.body).toMatchObject({
      councilId: DEMO_IDS.otherCouncil,
      providerId: DEMO_IDS.provider,
      contractId,
      summary: 'Eastvale says it commissions Maple Court',
    });
    const after = await portfolioStreams(DEMO_IDS.otherCouncil, EASTVALE, raised.body.position);
    expect(after.has(`service-${DEMO_IDS.mapleCourt}`)).toBe(true);
    // Northshire's concern about Maple Court is still not Eastvale's to read.
    await refusedRead(`/concerns/${DEMO_IDS.documentationConcern}`, EASTVALE);

    // The confirmation is on the contract's timeline in words.
    const timeline = await get(`/timelines/councils/${DEMO_IDS.otherCouncil}?minPosition=${raised.body.position}&limit=1000`, EASTVALE);
    const summaries = timeline.body.entries
      .filter((e: { streamId: string }) => e.streamId === `contract-${contractId}`)
      .map((e: { summary: string }) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining(['Contract confirmed by the provider (signed copy: EBC-SL-2026-009 signed.pdf)']));
  });

  it('an administrator records a contract from its signed copy, confirmed at once; a council cannot', async () => {
    const body = {
      providerId: DEMO_IDS.provider,
      serviceIds: [DEMO_IDS.mapleCourt],
      reference: 'NCC-SL-2026-101',
      startsOn: '2026-04-01',
      endsOn: '2029-03-31',
      occurredAt: '2026-03-20T10:00:00Z',
    };
    const missing = await post('/contracts', ADMIN, body, 400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toEqual(['councilId', 'signedContract']);
    const fromCouncil = await post('/contracts', NORTHSHIRE, { ...body, signedContract: SIGNED }, 400);
    expect(fromCouncil.body.fields.map((f: { field: string }) => f.field)).toEqual(['signedContract']);
    const notACouncil = await post('/contracts', ADMIN, { ...body, councilId: DEMO_IDS.otherProvider, signedContract: SIGNED }, 422);
    expect(notACouncil.body.rule).toBe('organisation-must-be-council');

    const recorded = await post('/contracts', ADMIN, { ...body, councilId: DEMO_IDS.council, signedContract: SIGNED }, 201);
    expect(recorded.body.events.map((e: { type: string }) => e.type)).toEqual(['ContractAwarded', 'ContractConfirmed']);
    const contract = await get(`/contracts/${recorded.body.id}`, NORTHSHIRE);
    expect(contract.body).toMatchObject({ status: 'confirmed', councilId: DEMO_IDS.council, confirmation: { by: 'administrator', signedContract: SIGNED } });

    // An administrator may also confirm a council's award from the signed copy (so a provider cannot stall it).
    const award = await post('/contracts', NORTHSHIRE, { ...body, reference: 'NCC-SL-2026-102' }, 201);
    expect((await post(`/contracts/${award.body.id}/confirmation`, ADMIN, {}, 422)).body.rule).toBe('signed-contract-required');
    await post(`/contracts/${award.body.id}/confirmation`, ADMIN, { signedContract: SIGNED }, 201);
    expect((await get(`/contracts/${award.body.id}`, HOLLYBANK)).body.confirmation).toMatchObject({ by: 'administrator' });
  });

  it('the provider confirms an award on its page; another provider is told the contract is not there', async () => {
    const award = await post(
      '/contracts',
      NORTHSHIRE,
      {
        providerId: DEMO_IDS.provider,
        serviceIds: [DEMO_IDS.mapleCourt],
        reference: 'NCC-SL-2026-200',
        startsOn: '2026-12-01',
        endsOn: '2029-11-30',
        occurredAt: '2026-11-25T10:00:00Z',
      },
      201,
    );
    const contractId = award.body.id as string;
    const signIn = async (identity: string) => {
      const agent = request.agent(t.server as never);
      const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/app/sign-in').expect(200)).text)?.[1] ?? '';
      await agent.post('/app/sign-in').type('form').send({ identity, _csrf: csrf }).expect(303);
      return agent;
    };
    const stranger = await signIn('demo-other-provider');
    await stranger.get(`/app/contracts/${contractId}/confirm`).expect(404);

    const hollybank = await signIn('demo-provider-ceo');
    /** Hollybank's overview once it satisfies `ready` (its read model follows the store shortly after a write). */
    const overview = async (ready: (html: string) => boolean): Promise<string> => {
      let html = '';
      for (let attempt = 0; attempt < 600 && !ready(html); attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
        html = (await hollybank.get(`/app/providers/${DEMO_IDS.provider}`).expect(200)).text;
      }
      return html;
    };
    const link = `/app/contracts/${contractId}/confirm`;
    const listed = await overview((html) => html.includes(link));
    expect(listed).toMatch(/Contract NCC-SL-2026-200 from Northshire[^<]*awaiting confirmation/);
    expect(listed).toContain(`href="${link}"`);

    const form = await hollybank.get(`/app/contracts/${contractId}/confirm`).expect(200);
    expect(form.text).toContain('NCC-SL-2026-200');
    expect(form.text).toContain('Northshire');
    expect(form.text).toContain('Maple Court');
    expect(form.text).toContain('Awarded, awaiting your confirmation');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';

    // A bad digest is shown on the form, and nothing is recorded.
    const bad = await hollybank
      .post(`/app/contracts/${contractId}/confirm`)
      .type('form')
      .send({ _csrf: csrf, signedName: 'signed.pdf', signedSha256: 'not-a-digest' })
      .expect(400);
    expect(bad.text).toMatch(/SHA-256/);
    expect((await get(`/contracts/${contractId}`, NORTHSHIRE)).body.status).toBe('awaiting_confirmation');

    const sent = await hollybank
      .post(`/app/contracts/${contractId}/confirm`)
      .type('form')
      .send({ _csrf: csrf, signedName: 'NCC-SL-2026-200 signed.pdf', signedSha256: 'D'.repeat(64) })
      .expect(303);
    expect(sent.headers.location).toBe(`/app/providers/${DEMO_IDS.provider}?done=contract-confirmed`);
    expect((await get(`/contracts/${contractId}`, NORTHSHIRE)).body).toMatchObject({
      status: 'confirmed',
      confirmation: { by: 'provider', signedContract: { name: 'NCC-SL-2026-200 signed.pdf', sha256: 'd'.repeat(64) } },
    });
    const banner = (await hollybank.get(sent.headers.location).expect(200)).text;
    expect(banner).toContain('Contract confirmed: the council may now act under it');
    expect(await overview((html) => html !== '' && !html.includes(link))).not.toContain(link);
  });

  it('nothing is dated into a term that had ended: backdated concerns, extensions and default notices are refused', async () => {
    // Northshire held Maple Court under a contract that ran from April 2024 to March 2025, confirmed by Hollybank.
    const old = await post(
      '/contracts',
      NORTHSHIRE,
      {
        providerId: DEMO_IDS.provider,
        serviceIds: [DEMO_IDS.mapleCourt],
        reference: 'NCC-SL-2023-002',
        startsOn: '2024-04-01',
        endsOn: '2025-03-31',
        occurredAt: '2024-03-10T10:00:00Z',
      },
      201,
    );
    const contractId = old.body.id as string;
    await post(`/contracts/${contractId}/confirmation`, HOLLYBANK, { occurredAt: '2024-03-12T10:00:00Z' }, 201);
    const version = (await get(`/contracts/${contractId}`, NORTHSHIRE)).body.version;

    // Backdated into the ended term: refused, naming occurredAt, and nothing recorded.
    const backdated = await post('/concerns', NORTHSHIRE, { ...raiseAtMapleCourt(contractId, '2025-01-10T10:00:00Z'), summary: 'Backdated' }, 422);
    expect(backdated.body.rule).toBe('contract-term-over');
    expect(backdated.body.detail).toMatch(/occurredAt 2025-01-10T10:00:00.000Z/);
    // Dated after the term: refused too.
    const after = await post('/concerns', NORTHSHIRE, { ...raiseAtMapleCourt(contractId, '2025-06-10T10:00:00Z'), summary: 'After' }, 422);
    expect(after.body.rule).toBe('occurred-at-within-contract-term');
    expect(after.body.detail).toMatch(/^occurredAt 2025-06-10T10:00:00.000Z/);

    // A lapsed term is not revived by an extension dated back into it, nor a default notice issued in it.
    const extension = await post(
      `/contracts/${contractId}/extensions`,
      NORTHSHIRE,
      { endsOn: '2028-03-31', reason: 'Extended late', occurredAt: '2025-03-20T10:00:00Z' },
      422,
    );
    expect(extension.body.rule).toBe('contract-term-over');
    const notice = await post(
      `/contracts/${contractId}/default-notices`,
      NORTHSHIRE,
      { issuedOn: '2025-03-01', reason: 'Records', occurredAt: '2025-03-01T10:00:00Z' },
      422,
    );
    expect(notice.body.rule).toBe('contract-term-over');
    const unchanged = await get(`/contracts/${contractId}`, NORTHSHIRE);
    expect(unchanged.body).toMatchObject({ version, endsOn: '2025-03-31', extensions: [], defaultNotices: [] });

    // The same acts under the live, confirmed demo contract are accepted.
    const live = await post(
      '/concerns',
      NORTHSHIRE,
      { ...raiseAtMapleCourt(DEMO_IDS.contract, '2026-11-10T10:00:00Z'), summary: 'Under the live contract' },
      201,
    );
    expect((await get(`/concerns/${live.body.id}`, NORTHSHIRE)).body.contractId).toBe(DEMO_IDS.contract);
    expect(head).toBeGreaterThan(0);
  });
});
