import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { verifyBundleText } from '@caretrail/evidence';
import { exportBundle } from '../../apps/cli/src/commands/export-bundle.command';
import { verifyBundleFile } from '../../apps/cli/src/commands/verify-bundle.command';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { auth, COUNCIL, COUNCIL_ID, OTHER_COUNCIL, OTHER_COUNCIL_ID, PROVIDER, PROVIDER_ID, recordTwoCouncilsStory } from '../support/two-councils-story';

const REGULATOR = auth('demo-regulator');
const SECRET = 'Police are interviewing the night deputy about missing medication; do not alert the service';
const NAMED = 'The regulator has been told of a second allegation by the same whistleblower';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The text a person reads: tags and scripts out, entities back, white space collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/**
 * Issue 16 item 6, finished: lifting a restriction (API and page form), the disclosure log on the case
 * file and the timeline, restricted content on the pages for its readers only, the comment form naming
 * organisations, and the command line's bundle withholding content (docs/restricted-entries.md).
 */
describe.each(storesUnderTest())('restricted entries: lifting, pages and export on %s', (store) => {
  let t: TestApp;
  let concern: string;
  let entryId: string;
  let dir: string;
  const post = async (path: string, headers: Record<string, string>, body: object, status: number) =>
    request(t.server as never)
      .post(path)
      .set(headers)
      .send(body)
      .expect(status);
  const get = (path: string, headers: Record<string, string>) =>
    request(t.server as never)
      .get(path)
      .set(headers)
      .expect(200);
  const signedIn = async (identity: string) => {
    const agent = request.agent(t.server as never);
    const signIn = await agent.get('/app/sign-in').expect(200);
    await agent
      .post('/app/sign-in')
      .type('form')
      .send({ identity, _csrf: csrfOf(signIn.text) })
      .expect(303);
    return agent;
  };
  const page = async (identity: string, path: string) => textOf((await (await signedIn(identity)).get(path).expect(200)).text);
  /** Waits until the timeline read model holds `n` entries of `kind` (the pages read it). */
  const entriesOf = async (kind: string, n: number) => {
    for (;;) {
      const { entries } = (await get(`/timelines/concerns/${concern}?kinds=${kind}`, COUNCIL)).body as { entries: { eventId: string }[] };
      if (entries.length >= n) return entries;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  beforeAll(async () => {
    t = await startTestApp(store);
    dir = mkdtempSync(join(tmpdir(), 'caretrail-restricted-lift-'));
    ({
      concerns: { own: concern },
    } = await recordTwoCouncilsStory(t, (path, headers, body, status) => post(path, headers, body, status)));
    await post(`/concerns/${concern}/comments`, COUNCIL, { topic: 'context', text: SECRET, restrictedTo: [DEMO_IDS.regulator] }, 201);
    [{ eventId: entryId }] = await entriesOf('RestrictedEntryRecorded', 1);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('the case file and timeline show the content to the organisations it is restricted to, and to nobody else', async () => {
    for (const reader of ['demo-council-officer', 'demo-regulator']) {
      const caseFile = await page(reader, `/app/concerns/${concern}`);
      expect(caseFile).toContain('Restricted entries');
      expect(caseFile).toContain(SECRET);
      expect(await page(reader, `/app/concerns/${concern}/timeline`)).toContain(SECRET);
    }
    const outsider = await page('demo-provider-manager', `/app/concerns/${concern}`);
    expect(outsider).toContain('Restricted comment by council');
    expect(outsider).toContain("Your organisation cannot read this entry's content.");
    expect(outsider).toContain('The restriction has not been lifted.');
    expect(outsider).not.toContain('night deputy');
    const outsiderTimeline = await page('demo-provider-manager', `/app/concerns/${concern}/timeline`);
    expect(outsiderTimeline).toContain('Your organisation cannot read its content.');
    expect(outsiderTimeline).not.toContain('night deputy');
    // Only the recorder is offered the lift; the provider is not.
    expect((await (await signedIn('demo-council-officer')).get(`/app/concerns/${concern}`).expect(200)).text).toContain(
      `/app/concerns/${concern}/lift-restriction?target=${entryId}`,
    );
    expect((await (await signedIn('demo-provider-manager')).get(`/app/concerns/${concern}`).expect(200)).text).not.toContain(`lift-restriction?target=`);
  });

  it('POST /concerns/{id}/restriction-lifts: 400 naming each bad field, 403 for anyone but the recorder', async () => {
    const path = `/concerns/${concern}/restriction-lifts`;
    const fields = async (body: object) => JSON.stringify((await post(path, COUNCIL, body, 400)).body);
    expect(await fields({ targetEventId: entryId, disclosedTo: [], reason: 'Closed' })).toContain('disclosedTo');
    expect(await fields({ targetEventId: entryId, disclosedTo: ['police'], reason: 'Closed' })).toContain('disclosedTo');
    expect(await fields({ targetEventId: entryId, disclosedTo: [PROVIDER_ID] })).toContain('reason');
    expect(await fields({ targetEventId: 'not-an-event', disclosedTo: [PROVIDER_ID], reason: 'Closed' })).toContain('targetEventId');
    // Those who can read it already are no new readers.
    expect(JSON.stringify((await post(path, COUNCIL, { targetEventId: entryId, disclosedTo: [DEMO_IDS.regulator], reason: 'Closed' }, 422)).body)).toContain(
      'restriction-lift-new-readers',
    );
    // The concern's other parties are refused (403); a council that is no party to it does not learn it exists (404).
    for (const [who, status] of [
      [PROVIDER, 403],
      [REGULATOR, 403],
      [OTHER_COUNCIL, 404],
    ] as const) {
      const refused = await request(t.server as never)
        .post(path)
        .set(who)
        .send({ targetEventId: entryId, disclosedTo: [PROVIDER_ID], reason: 'Closed' });
      expect(refused.status).toBe(status);
      if (status === 403) expect(JSON.stringify(refused.body)).toContain('only-recorder-lifts-restriction');
      expect(JSON.stringify(refused.body)).not.toContain('night deputy');
    }
  });

  it('the council lifts the restriction on its page form: the provider then reads the content, and the disclosure log says who, when, to whom and why', async () => {
    const officer = await signedIn('demo-council-officer');
    const form = (await officer.get(`/app/concerns/${concern}/lift-restriction?target=${entryId}`).expect(200)).text;
    expect(textOf(form)).toContain('Which restricted entry?');
    expect(textOf(form)).toContain('Police are interviewing the night deputy');
    expect(form).toContain(`value="${PROVIDER_ID}"`);
    // The regulator reads it already: it is not offered.
    expect(form).not.toContain(`value="${DEMO_IDS.regulator}"`);
    // Nothing ticked, no reason: 400 naming both fields.
    const refused = await officer
      .post(`/app/concerns/${concern}/lift-restriction`)
      .type('form')
      .send({ _csrf: csrfOf(form), targetEventId: entryId, reason: '' })
      .expect(400);
    expect(textOf(refused.text)).toContain('There is a problem');
    expect(refused.text).toContain('href="#disclosedTo"');
    expect(refused.text).toContain('href="#reason"');
    await officer
      .post(`/app/concerns/${concern}/lift-restriction`)
      .type('form')
      .send({ _csrf: csrfOf(form), targetEventId: entryId, disclosedTo: PROVIDER_ID, reason: 'Police have finished their interviews' })
      .expect(303);
    await entriesOf('EntryRestrictionLifted', 1);

    const provider = await page('demo-provider-manager', `/app/concerns/${concern}`);
    expect(provider).toContain(SECRET);
    expect(provider).toMatch(/Disclosure log \d{1,2} \w+ \d{4}: .+ lifted the restriction for .+\. Reason: Police have finished their interviews/);
    const timeline = await page('demo-provider-manager', `/app/concerns/${concern}/timeline`);
    expect(timeline).toContain(SECRET);
    expect(timeline).toMatch(/Restriction lifted on the restricted entry of .+ for 1 more organisation — Police have finished their interviews/);
    expect(timeline).toContain('Disclosed to:');
    // Another council (no party to the concern) reads neither the case file nor the timeline.
    const stranger = await signedIn('demo-other-council');
    expect((await stranger.get(`/app/concerns/${concern}`)).text).not.toContain('night deputy');
    // The provider's form lists nothing to lift: it recorded no restricted entry.
    expect(await page('demo-provider-manager', `/app/concerns/${concern}/lift-restriction`)).toContain(
      'Your organisation has recorded no restricted entry here',
    );
  });

  it('the comment form names organisations party to the concern; none ticked is a 400 naming the field', async () => {
    const officer = await signedIn('demo-council-officer');
    const form = (await officer.get(`/app/concerns/${concern}/comment`).expect(200)).text;
    expect(textOf(form)).toContain('My organisation and the organisations I choose');
    expect(textOf(form)).toContain('Which organisations may read it besides yours?');
    expect(form).toContain(`value="${PROVIDER_ID}"`);
    expect(form).not.toContain(`name="organisations" type="checkbox" value="${COUNCIL_ID}"`);
    const none = await officer
      .post(`/app/concerns/${concern}/comment`)
      .type('form')
      .send({ _csrf: csrfOf(form), topic: 'context', text: NAMED, restrictedTo: 'named' })
      .expect(400);
    expect(textOf(none.text)).toContain('Choose the organisations who may read the comment besides yours');
    expect(none.text).toContain('href="#restrictedTo"');
    const stranger = await officer
      .post(`/app/concerns/${concern}/comment`)
      .type('form')
      .send({ _csrf: csrfOf(form), topic: 'context', text: NAMED, restrictedTo: 'named', organisations: '01900000-0000-7000-8000-0000000000ff' })
      .expect(400);
    expect(textOf(stranger.text)).toContain('Choose the organisations who may read the comment from the organisations listed');

    await officer
      .post(`/app/concerns/${concern}/comment`)
      .type('form')
      .send({ _csrf: csrfOf(form), topic: 'context', text: NAMED, restrictedTo: 'named', organisations: PROVIDER_ID })
      .expect(303);
    await entriesOf('RestrictedEntryRecorded', 2);
    expect(await page('demo-provider-manager', `/app/concerns/${concern}`)).toContain(NAMED);
    const regulatorPage = await page('demo-regulator', `/app/concerns/${concern}`);
    expect(regulatorPage).not.toContain(NAMED);
    expect(regulatorPage).toContain(SECRET);
  });

  it('caretrail export withholds restricted content for the organisation it exports for, and the bundle verifies offline', async () => {
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(t.config as unknown as Record<string, unknown>).filter(([k, v]) => k.startsWith('CARETRAIL_') && typeof v === 'string'),
    ) as NodeJS.ProcessEnv;
    const messages: string[] = [];
    const io = { out: () => undefined, err: (text: string) => void messages.push(text) };
    const fingerprint = (await get('/evidence/public-key', REGULATOR)).body.keyFingerprint as string;
    const exported = async (forOrg: string | undefined, name: string) => {
      const out = join(dir, name);
      await exportBundle({ scope: 'concern', id: concern, out, ...(forOrg ? { for: forOrg } : {}) }, io, env);
      return out;
    };
    const otherCouncil = await exported(OTHER_COUNCIL_ID, 'other-council.json');
    const regulator = await exported(DEMO_IDS.regulator, 'regulator.json');
    const nobody = await exported(undefined, 'nobody.json');
    // The regulator reads the first entry (restricted to it), not the second (named for the provider alone).
    expect(readFileSync(regulator, 'utf8')).toContain('night deputy');
    expect(readFileSync(regulator, 'utf8')).not.toContain('second allegation');
    for (const file of [otherCouncil, nobody]) {
      expect(readFileSync(file, 'utf8')).not.toContain('night deputy');
      expect(readFileSync(file, 'utf8')).not.toContain('second allegation');
    }
    expect(messages.join('')).toContain('2 restricted entries have their content withheld (no --for organisation)');

    const silent = { out: () => undefined, err: () => undefined };
    for (const file of [otherCouncil, regulator, nobody]) {
      const { exitCode, report } = verifyBundleFile(file, { fingerprint }, silent);
      expect(report.problems).toEqual([]);
      expect(exitCode).toBe(0);
    }
    expect(verifyBundleText(readFileSync(nobody, 'utf8'), { fingerprint }).notes.join(' ')).toContain('2 restricted entries have their content withheld');
  });
});
