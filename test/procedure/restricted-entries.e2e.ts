import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { verifyBundleText } from '@caretrail/evidence';
import { registerVerifyBundleCommand } from '../../apps/cli/src/commands/verify-bundle.command';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { auth, COUNCIL, COUNCIL_ID, PROVIDER, recordTwoCouncilsStory } from '../support/two-councils-story';

const REGULATOR = auth('demo-regulator');
const SECRET = 'Police are investigating an allegation against the deputy manager; do not alert the service';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** `caretrail verify <file> --fingerprint <hex>` in process, as the CLI parses it. */
async function caretrailVerify(file: string, fingerprint: string): Promise<{ stdout: string; exitCode: number }> {
  let stdout = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const program = new Command().name('caretrail').exitOverride();
  registerVerifyBundleCommand(program);
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'caretrail', 'verify', file, '--fingerprint', fingerprint]);
  } finally {
    write.mockRestore();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { stdout, exitCode };
}

/** Issue 16 item 6: a comment restricted to named organisations; what an outsider and a restricted-to party receive. */
describe.each(storesUnderTest())('restricted entries on %s', (store) => {
  let t: TestApp;
  let concern: string;
  let fingerprint: string;
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
  const page = async (identity: string, path: string) => (await (await signedIn(identity)).get(path).expect(200)).text;

  beforeAll(async () => {
    t = await startTestApp(store);
    dir = mkdtempSync(join(tmpdir(), 'caretrail-restricted-'));
    ({
      concerns: { own: concern },
    } = await recordTwoCouncilsStory(t, (path, headers, body, status) => post(path, headers, body, status)));
    fingerprint = (await get('/evidence/public-key', REGULATOR)).body.keyFingerprint as string;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('refuses restrictedTo that is not a list of organisation ids with a 400 naming the field', async () => {
    const bad = await post(`/concerns/${concern}/comments`, COUNCIL, { topic: 'context', text: 'x', restrictedTo: ['police'] }, 400);
    expect(JSON.stringify(bad.body)).toContain('restrictedTo');
    const notList = await post(`/concerns/${concern}/comments`, COUNCIL, { topic: 'context', text: 'x', restrictedTo: DEMO_IDS.regulator }, 400);
    expect(JSON.stringify(notList.body)).toContain('restrictedTo');
  });

  it('an outsider (the provider) sees that the entry exists, its dates and kind, never its content; the restricted-to regulator gets the content in its bundle', async () => {
    await post(`/concerns/${concern}/comments`, COUNCIL, { topic: 'context', text: SECRET, restrictedTo: [DEMO_IDS.regulator] }, 201);

    const wait = async (headers: Record<string, string>) => {
      for (;;) {
        const { entries } = (await get(`/timelines/concerns/${concern}?kinds=RestrictedEntryRecorded`, headers)).body as {
          entries: { eventId: string; summary: string }[];
        };
        if (entries.length > 0) return entries;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const providerEntries = await wait(PROVIDER);
    const regulatorEntries = await wait(REGULATOR);
    // The same entry, with the same words, for both: the timeline never carries restricted content.
    expect(providerEntries).toEqual(regulatorEntries);
    expect(providerEntries[0].summary).toBe('Restricted comment by council: its content is shown only to the organisations it is restricted to');
    const eventId = providerEntries[0].eventId;

    for (const who of [PROVIDER, REGULATOR, COUNCIL]) {
      expect((await get(`/timelines/concerns/${concern}`, who)).text).not.toContain('deputy manager');
      expect((await get(`/timelines/concerns/${concern}?format=csv&limit=1000`, who)).text).toContain('Restricted comment by council');
      expect((await get(`/timelines/concerns/${concern}?format=csv&limit=1000`, who)).text).not.toContain('deputy manager');
      expect((await get(`/concerns/${concern}`, who)).text).not.toContain('deputy manager');
    }
    const caseFile = await page('demo-provider-manager', `/app/concerns/${concern}`);
    expect(caseFile).not.toContain('deputy manager');

    // Bundles: the provider's carries the event and its hash, not the content; the regulator's carries the content.
    const outsider = (await get(`/evidence/concerns/${concern}`, PROVIDER)).text;
    const insider = (await get(`/evidence/concerns/${concern}`, REGULATOR)).text;
    const council = (await get(`/evidence/concerns/${concern}`, COUNCIL)).text;
    const eventIn = (text: string) =>
      (JSON.parse(text) as { events: { eventId: string; hash: string; data: Record<string, unknown> }[] }).events.find((e) => e.eventId === eventId);
    expect(outsider).not.toContain('deputy manager');
    expect(insider).toContain('deputy manager');
    expect(council).toContain('deputy manager');
    expect(eventIn(outsider)?.hash).toBe(eventIn(insider)?.hash);
    expect(eventIn(outsider)?.data['sealed']).toEqual({ digest: (eventIn(insider)?.data['sealed'] as { digest: string }).digest });
    expect(eventIn(outsider)?.data['restrictedTo']).toEqual([COUNCIL_ID, DEMO_IDS.regulator]);

    for (const text of [outsider, insider]) {
      const report = verifyBundleText(text, { fingerprint });
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    }
    expect(verifyBundleText(outsider, { fingerprint }).notes.join(' ')).toContain(`1 restricted entry has its content withheld (${eventId})`);

    // Offline, with the CLI: the outsider's bundle verifies with the content withheld.
    const file = join(dir, 'outsider.json');
    writeFileSync(file, outsider);
    const verified = await caretrailVerify(file, fingerprint);
    expect(verified.exitCode).toBe(0);
    expect(verified.stdout).toContain('content withheld');
  });

  it('tampering with sealed content, or putting other content where it was withheld, is caught', async () => {
    const insider = (await get(`/evidence/concerns/${concern}`, REGULATOR)).text;
    const outsider = (await get(`/evidence/concerns/${concern}`, PROVIDER)).text;
    const altered = insider.replace('deputy manager', 'catering manager');
    expect(verifyBundleText(altered, { fingerprint }).problems.map((p) => p.problem)).toContainEqual(
      expect.stringMatching(/^sealed content does not match its digest/),
    );

    // Content slipped into a withheld part does not match the digest the hash covers.
    const bundle = JSON.parse(outsider) as { events: { type: string; data: { sealed: Record<string, unknown> } }[] };
    const restricted = bundle.events.find((e) => e.type === 'RestrictedEntryRecorded');
    if (!restricted) throw new Error('no restricted entry in the bundle');
    restricted.data.sealed['content'] = { topic: 'context', text: 'Nothing of note' };
    expect(verifyBundleText(JSON.stringify(bundle), { fingerprint }).ok).toBe(false);

    const file = join(dir, 'tampered.json');
    writeFileSync(file, altered);
    expect((await caretrailVerify(file, fingerprint)).exitCode).not.toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('catering manager');
  });

  it('the comment page form asks who may read the comment; a comment restricted to the council alone shows no content to the provider', async () => {
    const officer = await signedIn('demo-council-officer');
    const form = (await officer.get(`/app/concerns/${concern}/comment`).expect(200)).text;
    expect(form).toContain('Who may read this comment?');
    expect(form).toContain('Only my organisation');
    const whistle = 'A care worker says night staff sleep on shift';
    await officer
      .post(`/app/concerns/${concern}/comment`)
      .type('form')
      .send({ _csrf: csrfOf(form), topic: 'context', text: whistle, restrictedTo: 'own' })
      .expect(303);
    for (;;) {
      const { entries } = (await get(`/timelines/concerns/${concern}?kinds=RestrictedEntryRecorded`, PROVIDER)).body as { entries: unknown[] };
      if (entries.length >= 2) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const providerBundle = (await get(`/evidence/concerns/${concern}`, PROVIDER)).text;
    const regulatorBundle = (await get(`/evidence/concerns/${concern}`, REGULATOR)).text;
    const councilBundle = (await get(`/evidence/concerns/${concern}`, COUNCIL)).text;
    expect(providerBundle).not.toContain('night staff');
    expect(regulatorBundle).not.toContain('night staff');
    expect(councilBundle).toContain('night staff');
    expect(await page('demo-provider-manager', `/app/concerns/${concern}/timeline`)).toContain('Restricted comment by council');
    expect(await page('demo-provider-manager', `/app/concerns/${concern}/timeline`)).not.toContain('night staff');
  });
});
