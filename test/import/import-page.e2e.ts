import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_IDS } from '@caretrail/demo';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

const EXAMPLE = readFileSync(join(__dirname, '../../docs/examples/history-import.csv'));
/** The example with its first row's severity made wrong and a comment dated before the record began. */
const BAD = Buffer.from(
  EXAMPLE.toString('utf8').replace(',medication,amber,complaint,', ',medication,purple,complaint,').replace(/\n$/, '') +
    `\ncomment,${DEMO_IDS.documentationConcern},2001-01-01,,,,,,,,,general,Long ago,,,,,,,,,\n`,
);
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** What a reader sees of the page's main content: its text, tags gone, spaces collapsed. */
const textOf = (html: string) =>
  (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe.each(storesUnderTest())('the history import page (/app/import) on %s', (store) => {
  let t: TestApp;
  const signIn = async (identity: string) => {
    const agent = request.agent(t.server as never);
    const csrf = csrfOf((await agent.get('/app/sign-in').expect(200)).text);
    await agent.post('/app/sign-in').type('form').send({ identity, _csrf: csrf }).expect(303);
    return agent;
  };
  type Agent = Awaited<ReturnType<typeof signIn>>;
  /** Posts the upload form as a browser does: multipart, the CSRF field first, then the file. */
  const upload = async (agent: Agent, bytes: Buffer | null, status: number, name = 'history.csv') => {
    const csrf = csrfOf((await agent.get('/app/import').expect(200)).text);
    const req = agent.post('/app/import').field('_csrf', csrf);
    return (bytes ? req.attach('historyFile', bytes, { filename: name, contentType: 'text/csv' }) : req).expect(status);
  };

  beforeAll(async () => {
    t = await startTestApp(store);
    await seedDemoStory(t);
  });
  afterAll(async () => t?.close());

  it('a council officer finds it in the navigation, checks a bad file (every bad row listed), then records a good one once', async () => {
    const officer = await signIn('demo-council-officer');
    const dashboard = await officer.get('/app/dashboard').expect(200);
    expect(dashboard.text).toContain('href="/app/import"');
    const page = await officer.get('/app/import').expect(200);
    expect(textOf(page.text)).toContain('Import a history from a spreadsheet');
    expect(page.text).toContain('enctype="multipart/form-data"');

    const none = await upload(officer, null, 400);
    expect(textOf(none.text)).toContain('There is a problem Select a CSV file');

    const bad = await upload(officer, BAD, 422, 'bad.csv');
    const badText = textOf(bad.text);
    expect(badText).toContain('7 problems in bad.csv');
    expect(badText).toContain('Nothing was recorded');
    expect(badText).toContain('Row Column What is wrong');
    expect(badText).toMatch(/2 severity "purple" is not one of/);
    expect(badText).toContain('3 concern_ref "MC-2024-07" is raised at row 2, which is bad');
    expect(badText).toMatch(/8 row_kind refused by CareTrail's rules \(occurred-at-not-before-record\)/);
    expect(bad.text).not.toContain('Record the');

    const checked = await upload(officer, EXAMPLE, 200, 'history.csv');
    const checkedText = textOf(checked.text);
    expect(checkedText).toContain('6 rows are ready to record');
    expect(checkedText).toContain('Record the 6 rows');
    const sha = /name="fileSha256" value="([0-9a-f]{64})"/.exec(checked.text)?.[1] ?? '';
    expect(sha).toHaveLength(64);

    const recorded = await officer
      .post('/app/import/record')
      .type('form')
      .send({ _csrf: csrfOf(checked.text), fileSha256: sha, fileName: 'history.csv' })
      .expect(200);
    const recordedText = textOf(recorded.text);
    expect(recordedText).toContain('6 rows recorded');
    expect(recordedText).toContain('3 Provider notified Recorded');
    expect(recordedText).toContain('Concerns this file raised The concern raised at row 2');
    const concernHref = /href="(\/app\/concerns\/[0-9a-f-]{36})"/.exec(recorded.text)?.[1] ?? '';
    const concern = await officer.get(concernHref).expect(200);
    expect(textOf(concern.text)).toContain('Evening MAR charts unsigned, raised by a relative');

    // The same file again: nothing new; and the kept file is gone once recorded.
    const again = await upload(officer, EXAMPLE, 200);
    expect(textOf(again.text)).toContain('Nothing new to record: the 6 rows of this file were already recorded by an earlier import.');
    expect(again.text).not.toContain('Record the');
    const gone = await officer
      .post('/app/import/record')
      .type('form')
      .send({ _csrf: csrfOf(again.text), fileSha256: sha })
      .expect(400);
    expect(textOf(gone.text)).toContain('The checked file is no longer kept: select it and check it again');
    const notSha = await officer
      .post('/app/import/record')
      .type('form')
      .send({ _csrf: csrfOf(again.text), fileSha256: '../../etc/passwd' })
      .expect(400);
    expect(textOf(notSha.text)).toContain('The checked file is no longer kept');
  });

  it('refuses a file that is not a CSV, and a form without its CSRF field, naming why', async () => {
    const officer = await signIn('demo-council-officer');
    const binary = await upload(officer, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 400, 'history.xlsx');
    expect(textOf(binary.text)).toContain('The selected file must be a CSV');
    const forged = await officer.post('/app/import').attach('historyFile', EXAMPLE, 'history.csv').expect(403);
    expect(forged.text).toContain('This form has expired');
  });

  it('is not offered to, and refused to, a provider and the administrator', async () => {
    for (const identity of ['demo-provider-ceo', 'demo-admin']) {
      const agent = await signIn(identity);
      const home = await agent.get('/app/providers').expect(200);
      expect(home.text).not.toContain('href="/app/import"');
      await agent.get('/app/import').expect(403);
      const refused = await agent.post('/app/import').field('_csrf', csrfOf(home.text)).attach('historyFile', EXAMPLE, 'history.csv').expect(403);
      expect(refused.text).not.toContain('ready to record');
      await agent
        .post('/app/import/record')
        .type('form')
        .send({ _csrf: csrfOf(home.text), fileSha256: 'a'.repeat(64) })
        .expect(403);
    }
  });
});
