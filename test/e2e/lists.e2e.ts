import { DEMO_IDS } from '@caretrail/demo';
import request from 'supertest';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

/**
 * Issue 13: the lists people work with. The dashboard's and the provider overview's concerns, and the
 * providers list: search finds, filters narrow, sort orders, page 2 shows the next rows, the counts are
 * right, bad query values are a 400 page (never a 5xx), and no party finds another's rows through
 * search or filters. Everything is read from the page text.
 */
const CATEGORIES = ['medication', 'staffing', 'safeguarding'];
const SEVERITIES = ['red', 'amber', 'green'];
const RAISED = 24;
/** Northshire's concerns once the read model has every one: the demo story's two and those raised here. */
const ALL_RAISED = /Showing 1 to 20 of 26 concerns/;

/** The page as a person reads it: tags out, entities decoded, spaces folded. */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const showing = (html: string) => textOf(/data-list-showing>([^<]*)</.exec(html)?.[1] ?? '').trim();
/** The references of the listed rows, in order. */
const references = (html: string) => {
  const table = /<table[^>]*data-list="concerns"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return [...textOf(table).matchAll(/CT-[0-9A-F]{8}/g)].map((m) => m[0]);
};

describe.each(storesUnderTest())('lists: search, filter, sort and pages on %s', (store) => {
  let t: TestApp;
  const agents = new Map<string, ReturnType<typeof request.agent>>();

  const signedIn = async (identity: string) => {
    const existing = agents.get(identity);
    if (existing) return existing;
    const agent = request.agent(t.server as never);
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/app/sign-in').expect(200)).text)?.[1] ?? '';
    await agent.post('/app/sign-in').type('form').send({ identity, _csrf: csrf }).expect(303);
    agents.set(identity, agent);
    return agent;
  };
  const page = async (identity: string, path: string, status = 200) => (await (await signedIn(identity)).get(path).expect(status)).text;
  /** Asked again until the read model has caught up with what was recorded. */
  const pageShowing = async (identity: string, path: string, expected: RegExp) => {
    let html = '';
    for (let attempt = 0; attempt < 600 && !expected.test(html); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      html = await page(identity, path);
    }
    expect(html).toMatch(expected);
    return html;
  };

  beforeAll(async () => {
    t = await startTestApp(store);
    await seedDemoStory(t);
    for (let i = 0; i < RAISED; i++) {
      await request(t.server as never)
        .post('/concerns')
        .set({ Authorization: 'Bearer demo-council-officer' })
        .send({
          serviceId: DEMO_IDS.mapleCourt,
          contractId: DEMO_IDS.contract,
          category: CATEGORIES[i % 3],
          severity: SEVERITIES[i % 3],
          source: 'complaint',
          summary: `List test concern ${i}`,
          occurredAt: `2026-11-${String(1 + (i % 25)).padStart(2, '0')}T10:00:00Z`,
        })
        .expect(201);
    }
  });
  afterAll(async () => t?.close());

  it('the council officer pages through every concern, 20 a page, each once, newest first', async () => {
    const first = await pageShowing('demo-council-officer', '/app/dashboard', ALL_RAISED);
    const total = Number(/of (\d+) concerns/.exec(showing(first))?.[1]);
    expect(total).toBeGreaterThanOrEqual(RAISED);
    const second = await page('demo-council-officer', '/app/dashboard?page=2');
    expect(showing(second)).toBe(`Showing 21 to ${Math.min(40, total)} of ${total} concerns`);
    const seen = [...references(first), ...references(second)];
    expect(references(first)).toHaveLength(20);
    expect(new Set(seen).size).toBe(seen.length);
    // GOV.UK pagination, served: page 2 is current and links back to page 1.
    expect(second).toMatch(/aria-current="page"[^>]*>\s*2|govuk-pagination__item--current[\s\S]{0,200}>\s*2\s*</);
    expect(second).toContain('href="/app/dashboard?page=1#concerns"');
  });

  it('search finds by category and by reference; filters narrow; the query string is kept across sort and page', async () => {
    const all = await page('demo-council-officer', '/app/dashboard?q=medication');
    const n = Number(/(\d+) concerns?$/.exec(showing(all))?.[1] ?? /of (\d+)/.exec(showing(all))?.[1]);
    expect(n).toBeGreaterThanOrEqual(RAISED / 3);
    expect(textOf(/<table[^>]*data-list="concerns"[\s\S]*?<\/table>/.exec(all)?.[0] ?? '')).not.toMatch(/Staffing at|Safeguarding at/);

    const red = await page('demo-council-officer', '/app/dashboard?q=medication&severity=red');
    const redText = textOf(/<table[^>]*data-list="concerns"[\s\S]*?<\/table>/.exec(red)?.[0] ?? '');
    expect(redText).not.toMatch(/Amber|Green/);
    expect(textOf(red)).toContain('Selected filters');
    // Sort links keep the search and the filter.
    expect(red).toMatch(/href="\/app\/dashboard\?q=medication&amp;severity=red&amp;sort=reference&amp;order=asc#concerns"/);

    const one = references(all)[0];
    const found = await page('demo-council-officer', `/app/dashboard?q=${one}`);
    expect(references(found)).toEqual([one]);
    expect(showing(found)).toBe('1 concern');
  });

  it('sort orders: by reference ascending, then descending', async () => {
    const asc = references(await page('demo-council-officer', '/app/dashboard?sort=reference&order=asc'));
    expect(asc).toEqual([...asc].sort());
    const desc = references(await page('demo-council-officer', '/app/dashboard?sort=reference&order=desc'));
    expect(desc).toEqual([...desc].sort().reverse());
    expect(await page('demo-council-officer', '/app/dashboard?sort=reference&order=asc')).toContain('aria-sort="ascending"');
  });

  it('the provider pages through its own concerns on its overview', async () => {
    const path = `/app/providers/${DEMO_IDS.provider}`;
    const first = await pageShowing('demo-provider-ceo', path, /Showing 1 to 20 of \d+ concerns/);
    const total = Number(/of (\d+) concerns/.exec(showing(first))?.[1]);
    const second = await page('demo-provider-ceo', `${path}?page=2`);
    expect(showing(second)).toBe(`Showing 21 to ${Math.min(40, total)} of ${total} concerns`);
    expect(references(second).length).toBe(Math.min(20, total - 20));
  });

  it('no party finds another council or provider’s concerns through search or filters', async () => {
    const northshire = new Set(references(await page('demo-council-officer', '/app/dashboard?q=maple')));
    expect(northshire.size).toBeGreaterThan(0);
    for (const query of [
      '',
      '?q=maple',
      '?q=medication',
      `?providerId=${DEMO_IDS.provider}`,
      `?serviceId=${DEMO_IDS.mapleCourt}`,
      `?q=${[...northshire][0]}`,
    ]) {
      const eastvale = await page('demo-other-council', `/app/dashboard${query}`);
      expect(references(eastvale).filter((r) => northshire.has(r))).toEqual([]);
      const kestrel = await page('demo-other-provider', `/app/providers/${DEMO_IDS.otherProvider}${query}`);
      expect(references(kestrel).filter((r) => northshire.has(r))).toEqual([]);
    }
    // A provider's list of providers holds itself only, whatever it searches.
    const providers = textOf(await page('demo-other-provider', '/app/providers?q=hollybank'));
    expect(providers).not.toContain('Hollybank Support Trust');
  });

  it('the providers list searches and sorts by name', async () => {
    const all = textOf(await page('demo-admin', '/app/providers'));
    expect(all.indexOf('Hollybank Support Trust')).toBeLessThan(all.indexOf('Kestrel Homecare Ltd'));
    const desc = textOf(await page('demo-admin', '/app/providers?sort=name&order=desc'));
    expect(desc.indexOf('Kestrel Homecare Ltd')).toBeLessThan(desc.indexOf('Hollybank Support Trust'));
    const found = await page('demo-admin', '/app/providers?q=kestrel');
    expect(showing(found)).toBe('1 provider');
    expect(textOf(found)).not.toContain('Hollybank Support Trust');
  });

  /** The services list's rows as [service, provider, manager, open concerns] cells read from the page. */
  const serviceRows = (html: string) => {
    const table = /<table[^>]*data-list="services"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    const body = /<tbody[\s\S]*?<\/tbody>/.exec(table)?.[0] ?? '';
    return [...body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) => [...row[0].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => textOf(cell[1]).trim()));
  };
  const serviceNames = (html: string) => serviceRows(html).map((cells) => cells[0]);
  const ROWAN = 22;

  it('the services list: every service once over pages of 20, each row linking to its service page', async () => {
    for (let i = 1; i <= ROWAN; i++) {
      await request(t.server as never)
        .post('/services')
        .set({ Authorization: 'Bearer demo-provider-ceo' })
        .send({
          providerId: DEMO_IDS.provider,
          name: `Rowan Lodge ${String(i).padStart(2, '0')}`,
          serviceType: 'supported_living',
          regulator: 'CQC',
          occurredAt: '2026-11-02T09:00:00Z',
        })
        .expect(201);
    }
    const total = ROWAN + 2;
    const first = await page('demo-regulator', '/app/services');
    expect(showing(first)).toBe(`Showing 1 to 20 of ${total} services`);
    expect(textOf(first)).toContain('Services');
    const second = await page('demo-regulator', '/app/services?page=2');
    expect(showing(second)).toBe(`Showing 21 to ${total} of ${total} services`);
    const seen = [...serviceNames(first), ...serviceNames(second)];
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    // Name order, ascending by default: Kestrel Homecare, Maple Court, then the Rowan Lodges.
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(first).toContain(`href="/app/services/${DEMO_IDS.mapleCourt}"`);
    expect(second).toContain('href="/app/services?page=1"');
    // A page past the end shows the last; descending name order reverses it.
    expect(showing(await page('demo-regulator', '/app/services?page=999'))).toBe(`Showing 21 to ${total} of ${total} services`);
    const desc = serviceNames(await page('demo-regulator', '/app/services?sort=name&order=desc'));
    expect(desc[0]).toBe(`Rowan Lodge ${ROWAN}`);
    expect(await page('demo-regulator', '/app/services?sort=name&order=desc')).toContain('aria-sort="descending"');
  });

  it('the services list searches by service and provider name, filters by provider and open concerns, and keeps the query', async () => {
    const rowan = await page('demo-regulator', '/app/services?q=rowan');
    expect(showing(rowan)).toBe(`Showing 1 to 20 of ${ROWAN} services`);
    expect(rowan).toContain('href="/app/services?q=rowan&amp;page=2"');
    // The provider's name finds its services.
    expect(serviceNames(await page('demo-regulator', '/app/services?q=kestrel'))).toEqual(['Kestrel Homecare (Eastvale)']);
    expect(serviceNames(await page('demo-regulator', `/app/services?providerId=${DEMO_IDS.otherProvider}`))).toEqual(['Kestrel Homecare (Eastvale)']);
    const open = await page('demo-regulator', '/app/services?concerns=open');
    expect(serviceNames(open).sort()).toEqual(['Kestrel Homecare (Eastvale)', 'Maple Court']);
    expect(textOf(open)).toContain('With open concerns');
    expect(showing(await page('demo-regulator', '/app/services?concerns=none&q=rowan'))).toBe(`Showing 1 to 20 of ${ROWAN} services`);
    // Sorted by open concerns, most first: Maple Court (Northshire's concerns) leads.
    const byConcerns = serviceRows(await page('demo-regulator', '/app/services?sort=concerns&order=desc'));
    expect(byConcerns[0][0]).toBe('Maple Court');
    expect(Number(byConcerns[0][3])).toBeGreaterThanOrEqual(RAISED);
  });

  it('the services list counts and filters only the concerns each party may read', async () => {
    // Northshire counts the concerns it raised (at Maple Court and at Kestrel); Eastvale, which raised none, counts none
    // and never finds a service through Northshire's concerns.
    const ours = serviceRows(await page('demo-council-officer', '/app/services?concerns=open'));
    expect(ours.map((r) => r[0])).toEqual(['Kestrel Homecare (Eastvale)', 'Maple Court']);
    expect(Number(ours[1][3])).toBeGreaterThanOrEqual(RAISED);
    expect(serviceRows(await page('demo-other-council', '/app/services?concerns=open'))).toEqual([]);
    for (const q of ['maple', 'kestrel']) expect(serviceRows(await page('demo-other-council', `/app/services?q=${q}`)).map((r) => r[3])).toEqual(['0']);
    expect(showing(await page('demo-other-council', '/app/services?concerns=none'))).toBe(`Showing 1 to 20 of ${ROWAN + 2} services`);
    // A council's "under your contracts" filter: Northshire contracts Maple Court and Kestrel, Eastvale only Kestrel.
    expect(serviceNames(await page('demo-council-officer', '/app/services?contracted=yes'))).toEqual(['Kestrel Homecare (Eastvale)', 'Maple Court']);
    expect(serviceNames(await page('demo-other-council', '/app/services?contracted=yes'))).toEqual(['Kestrel Homecare (Eastvale)']);
    // The provider counts the concerns about its own services.
    expect(serviceRows(await page('demo-other-provider', '/app/services')).map((r) => r[2])).toEqual(['1']);
    // A provider lists only its own services, whatever it searches or names.
    const kestrel = await page('demo-other-provider', '/app/services');
    expect(serviceNames(kestrel)).toEqual(['Kestrel Homecare (Eastvale)']);
    expect(serviceRows(await page('demo-other-provider', '/app/services?q=maple'))).toEqual([]);
    expect(serviceNames(await page('demo-other-provider', `/app/services?providerId=${DEMO_IDS.provider}`))).toEqual(['Kestrel Homecare (Eastvale)']);
    expect(showing(await page('demo-provider-ceo', '/app/services'))).toBe(`Showing 1 to 20 of ${ROWAN + 1} services`);
    // Every party has the list in its navigation.
    for (const who of ['demo-council-officer', 'demo-provider-ceo', 'demo-regulator'])
      expect(await page(who, '/app/providers')).toContain('href="/app/services"');
  });

  it('the services list answers bad values with a 400 page naming the parameter', async () => {
    for (const [query, name] of [
      ['sort=foo', 'sort'],
      ['order=up', 'order'],
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['concerns=maybe', 'concerns'],
      ['providerId=nope', 'providerId'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=a&q=b', 'q'],
    ]) {
      const html = await page('demo-regulator', `/app/services?${query}`, 400);
      expect(textOf(html).toLowerCase()).toContain(name.toLowerCase());
    }
    // A filter the party is not offered (a provider's "under your contracts") is not read at all.
    expect(showing(await page('demo-other-provider', '/app/services?contracted=yes'))).toBe('1 service');
    expect(showing(await page('demo-regulator', `/app/services?q=${encodeURIComponent("%_'\\")}`))).toBe('No services match');
  });

  it('the dashboard work queues: the first 10 on the dashboard, each queue searched, sorted and paged on its own page', async () => {
    // Northshire contracts the 22 Rowan Lodges (none has a registered manager): its queue of services without one grows past a page.
    const api = (path: string, token: string, body: object) =>
      request(t.server as never)
        .post(path)
        .set({ Authorization: `Bearer ${token}` })
        .send(body)
        .expect(201);
    const rowanIds = [] as string[];
    const listed = await page('demo-regulator', '/app/services?q=rowan&page=1');
    const listed2 = await page('demo-regulator', '/app/services?q=rowan&page=2');
    for (const html of [listed, listed2]) rowanIds.push(...[...html.matchAll(/href="\/app\/services\/([0-9a-f-]{36})"/g)].map((m) => m[1]));
    expect(rowanIds).toHaveLength(ROWAN);
    const award = await api('/contracts', 'demo-council-officer', {
      councilId: DEMO_IDS.council,
      providerId: DEMO_IDS.provider,
      serviceIds: rowanIds,
      reference: 'NCC-SL-2026-200',
      startsOn: '2026-11-03',
      endsOn: '2028-03-31',
      occurredAt: '2026-11-03T09:00:00Z',
    });
    await api(`/contracts/${award.body.recordId}/confirmation`, 'demo-provider-ceo', {
      signedContract: { name: 'NCC-SL-2026-200 signed.pdf', sha256: 'e'.repeat(64) },
      occurredAt: '2026-11-04T09:00:00Z',
    });

    const queue = '/app/dashboard/no-registered-manager';
    const first = await pageShowing('demo-council-officer', queue, /Showing 1 to 20 of \d+ services without a registered manager/);
    const total = Number(/of (\d+) services/.exec(showing(first))?.[1]);
    expect(total).toBeGreaterThanOrEqual(ROWAN + 1);
    const rowsOf = (html: string) => {
      const table = /<table[^>]*data-list="no-registered-manager"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
      return [...(/<tbody[\s\S]*?<\/tbody>/.exec(table)?.[0] ?? '').matchAll(/<tr[\s\S]*?<\/tr>/g)].map((row) => textOf(row[0]).trim());
    };
    const second = await page('demo-council-officer', `${queue}?page=2`);
    expect(showing(second)).toBe(`Showing 21 to ${total} of ${total} services without a registered manager`);
    const seen = [...rowsOf(first), ...rowsOf(second)].map((r) => r.split(' Hollybank')[0].split(' Kestrel Homecare Ltd')[0]);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(second).toContain(`href="${queue}?page=1"`);
    // The dashboard shows the first 10, says how many, and links to the whole queue.
    const dashboard = textOf(await page('demo-council-officer', '/app/dashboard'));
    expect(dashboard).toContain(`${total} services without a registered manager`);
    expect(dashboard).toContain(`The first 10 of ${total}. See all ${total} services without a registered manager`);
    // Search, then sort by service name descending (aria-sort on the head), the search kept in the links.
    const found = await page('demo-council-officer', `${queue}?q=kestrel`);
    expect(rowsOf(found)).toHaveLength(1);
    expect(rowsOf(found)[0]).toContain('Kestrel Homecare (Eastvale)');
    const desc = await page('demo-council-officer', `${queue}?q=rowan&sort=service&order=desc`);
    expect(rowsOf(desc)[0]).toContain(`Rowan Lodge ${ROWAN}`);
    expect(desc).toContain('aria-sort="descending"');
    expect(desc).toContain(`href="${queue}?q=rowan&amp;sort=service&amp;order=asc"`);
    // Eastvale's queue holds only the service under its own contract.
    expect(rowsOf(await page('demo-other-council', queue)).map((r) => r.split(' Kestrel Homecare Ltd')[0])).toEqual(['Kestrel Homecare (Eastvale)']);
    expect(rowsOf(await page('demo-other-council', `${queue}?q=rowan`))).toEqual([]);

    // Every queue: its page answers, its count is the dashboard card's, and another council finds none of Northshire's concerns in it.
    const northshire = new Set(references(await page('demo-council-officer', '/app/dashboard?q=maple')));
    for (const name of ['plans-awaiting-review', 'overdue-updates', 'overdue-actions']) {
      const html = await page('demo-council-officer', `/app/dashboard/${name}`);
      expect(showing(html)).toMatch(/^(Showing 1 to \d+ of \d+|\d+|No) /);
      const eastvale = textOf(await page('demo-other-council', `/app/dashboard/${name}?q=maple`));
      expect([...eastvale.matchAll(/CT-[0-9A-F]{8}/g)].map((m) => m[0]).filter((r) => northshire.has(r))).toEqual([]);
      await page('demo-council-officer', `/app/dashboard/${name}?sort=foo`, 400);
      await page('demo-provider-ceo', `/app/dashboard/${name}`, 403);
    }
    await page('demo-council-officer', `${queue}?page=0`, 400);
  });

  it('the provider overview shows its first 10 services and open concerns, each linking to the whole list, paged', async () => {
    const overview = await page('demo-provider-ceo', `/app/providers/${DEMO_IDS.provider}`);
    const text = textOf(overview);
    expect(text).toContain(`The first 10 of ${ROWAN + 1}, by name. See all ${ROWAN + 1} services`);
    expect(overview).toContain(`href="/app/services?providerId=${DEMO_IDS.provider}"`);
    const open = Number(/The first 10 of (\d+), highest escalation level first/.exec(text)?.[1]);
    expect(open).toBeGreaterThanOrEqual(RAISED);
    const all = await page('demo-provider-ceo', `/app/providers/${DEMO_IDS.provider}?status=open&sort=level&order=desc`);
    expect(showing(all)).toBe(`Showing 1 to 20 of ${open} concerns`);
    // The regulator follows the same link to the provider's services, paged.
    expect(showing(await page('demo-regulator', `/app/services?providerId=${DEMO_IDS.provider}`))).toBe(`Showing 1 to 20 of ${ROWAN + 1} services`);
  });

  it('the contracts lists: a council’s and a provider’s, searched, filtered, sorted and paged; no party sees another’s', async () => {
    const api = (path: string, token: string, body: object) =>
      request(t.server as never)
        .post(path)
        .set({ Authorization: `Bearer ${token}` })
        .send(body)
        .expect(201);
    for (let i = 1; i <= 20; i++) {
      const reference = `NCC-LT-2026-${String(i).padStart(3, '0')}`;
      const award = await api('/contracts', 'demo-council-officer', {
        councilId: DEMO_IDS.council,
        providerId: DEMO_IDS.provider,
        serviceIds: [DEMO_IDS.mapleCourt],
        reference,
        startsOn: `2026-11-${10 + i}`,
        endsOn: '2028-03-31',
        occurredAt: '2026-11-03T09:00:00Z',
      });
      // The last five are left awaiting the provider's confirmation.
      if (i <= 15)
        await api(`/contracts/${award.body.recordId}/confirmation`, 'demo-provider-ceo', {
          signedContract: { name: `${reference} signed.pdf`, sha256: 'f'.repeat(64) },
          occurredAt: '2026-11-04T09:00:00Z',
        });
    }
    const referencesIn = (html: string) =>
      [...textOf(/<table[^>]*data-list="contracts"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '').matchAll(/Contract ([A-Z]{3}-[A-Z]{2,3}-\d{4}-\d{3})/g)].map(
        (m) => m[1],
      );
    // The demo story's two, the Rowan Lodges' and these 20: the page waits until the read model holds them.
    const total = 23;
    const first = await page('demo-council-officer', '/app/dashboard/contracts');
    expect(showing(first)).toBe(`Showing 1 to 20 of ${total} contracts`);
    const second = await page('demo-council-officer', '/app/dashboard/contracts?page=2');
    expect(showing(second)).toBe(`Showing 21 to ${total} of ${total} contracts`);
    const seen = [...referencesIn(first), ...referencesIn(second)];
    expect(new Set(seen).size).toBe(total);
    // Newest start first by default; by reference ascending from the head.
    expect(referencesIn(first)[0]).toBe('NCC-LT-2026-020');
    const byReference = referencesIn(await page('demo-council-officer', '/app/dashboard/contracts?sort=reference&order=asc'));
    expect(byReference).toEqual([...byReference].sort());
    expect(showing(await page('demo-council-officer', '/app/dashboard/contracts?q=ncc-lt'))).toBe('20 contracts');
    expect(referencesIn(await page('demo-council-officer', '/app/dashboard/contracts?state=awaiting&q=ncc-lt')).sort()).toEqual(
      ['016', '017', '018', '019', '020'].map((n) => `NCC-LT-2026-${n}`),
    );
    // The dashboard shows the 10 starting latest and links to the whole list.
    expect(textOf(await page('demo-council-officer', '/app/dashboard'))).toContain(`The 10 starting latest of ${total}. See all ${total} contracts`);
    // Eastvale sees only its own contracts, whatever it searches.
    const eastvale = referencesIn(await page('demo-other-council', '/app/dashboard/contracts'));
    expect(eastvale.filter((r) => r.startsWith('NCC'))).toEqual([]);
    expect(eastvale).toContain('EBC-DOM-2022-004');
    expect(referencesIn(await page('demo-other-council', '/app/dashboard/contracts?q=ncc'))).toEqual([]);
    // A provider's contracts: Kestrel holds one with each council; Eastvale reading Kestrel's sees only its own.
    const kestrelPath = `/app/providers/${DEMO_IDS.otherProvider}/contracts`;
    expect(referencesIn(await page('demo-other-provider', kestrelPath)).sort()).toEqual(['EBC-DOM-2022-004', 'NCC-DOM-2024-031']);
    expect(referencesIn(await page('demo-other-council', kestrelPath))).toEqual(['EBC-DOM-2022-004']);
    expect(showing(await page('demo-provider-ceo', `/app/providers/${DEMO_IDS.provider}/contracts?state=awaiting`))).toBe('5 contracts');
    await page('demo-other-provider', `/app/providers/${DEMO_IDS.provider}/contracts`, 403);
    for (const [query, name] of [
      ['state=maybe', 'state'],
      ['sort=foo', 'sort'],
      ['page=-1', 'page'],
    ]) {
      expect(textOf(await page('demo-council-officer', `/app/dashboard/contracts?${query}`, 400)).toLowerCase()).toContain(name);
    }
  });

  it('bad query values are a 400 page naming them, never a 5xx; a page past the end shows the last', async () => {
    for (const bad of ['page=-1', 'page=abc', 'sort=foo', 'order=sideways', 'severity=purple', 'providerId=nope', 'page=1&page=2']) {
      const html = await page('demo-council-officer', `/app/dashboard?${bad}`, 400);
      expect(textOf(html)).toMatch(/page|sort|order|severity|providerId/);
    }
    await page('demo-admin', '/app/providers?sort=foo', 400);
    const last = await page('demo-council-officer', '/app/dashboard?page=999');
    expect(showing(last)).toMatch(/^Showing \d+ to (\d+) of \1 concerns$/);
    const odd = await page('demo-council-officer', `/app/dashboard?q=${encodeURIComponent("%_'\\")}`);
    expect(showing(odd)).toBe('No concerns match');
  });
});
