import request from 'supertest';
import { verifyBundleText, type EvidenceBundle } from '@caretrail/evidence';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { COUNCIL, COUNCIL_ID, OTHER_COUNCIL, PROVIDER, recordTwoCouncilsStory } from '../support/two-councils-story';

const fieldsOf = (body: { fields?: { field: string }[] }) => (body.fields ?? []).map((f) => f.field).sort();
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const versionOf = (html: string) => /name="expectedVersion" value="([^"]*)"/.exec(html)?.[1] ?? '';
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const DIGEST = 'b'.repeat(64);

const REPORT = {
  visitType: 'pamms_audit',
  announced: true,
  visitorRole: 'PAMMS assessor',
  findings: [{ text: 'Medicines records incomplete for 3 of 8 people', tags: ['pamms:safeguarding-and-safety'] }, { text: 'No fire drill since October' }],
  challengeWindowWorkingDays: 14,
};

/** Issue 16 item 3: draft, the provider's challenge within the window, a senior reviewer's decision, publication with the challenge beside its finding. */
describe.each(storesUnderTest())('challenge to factual accuracy on %s', (store) => {
  let t: TestApp;
  let concernId: string;
  let position = 0;
  const today = new Date().toISOString().slice(0, 10);
  const post = async (path: string, headers: Record<string, string>, body: object, status: number) => {
    const res = await request(t.server as never)
      .post(path)
      .set(headers)
      .send(body);
    expect({ path, status: res.status, body: res.status === status ? null : res.body }).toEqual({ path, status, body: null });
    if (typeof res.body.position === 'number') position = Math.max(position, res.body.position);
    return res;
  };
  const get = (path: string, headers: Record<string, string>) =>
    request(t.server as never)
      .get(path)
      .set(headers)
      .expect(200);
  const reports = async (who = COUNCIL) => (await get(`/concerns/${concernId}`, who)).body.reports as Record<string, unknown>[];
  /** The answer names the events recorded; the concern's reports name the draft (and each challenge) by its event id. */
  const draftOf = async (res: { body: { events: { eventId: string }[] } }) =>
    (await reports()).find((r) => r.eventId === res.body.events[0].eventId) as {
      visitId: string;
      sharedOn: string;
      challengeClosesOn: string;
      challengeWindowWorkingDays: number;
    };
  const challengeOf = async (res: { body: { events: { eventId: string }[] } }) =>
    (await reports()).flatMap((r) => r.challenges as { eventId: string; challengeId: string }[]).find((c) => c.eventId === res.body.events[0].eventId)!
      .challengeId;
  const signedIn = async (token: string) => {
    const agent = request.agent(t.server as never);
    const form = await agent.get('/app/sign-in').expect(200);
    await agent
      .post('/app/sign-in')
      .type('form')
      .send({ identity: token, _csrf: csrfOf(form.text) })
      .expect(303);
    return agent;
  };
  /** A draft by another officer of the council than the signed-in one, so that the signed-in officer may decide its challenges. */
  const draftByAnotherOfficer = async (body: object): Promise<string> => {
    const { CommandExecutor } = await import('@caretrail/application');
    const executor = t.app.get(CommandExecutor);
    const author = { userId: 'u-northshire-qa-author', organisationId: COUNCIL_ID, organisationKind: 'council' as const, role: 'qa_officer' as const };
    const visitId = crypto.randomUUID();
    const result = await executor.execute(
      { kind: 'DraftVisitReport', concernId, visitId, visitedOn: today, occurredAt: new Date().toISOString(), ...REPORT, ...body } as never,
      {
        actor: author,
        commandId: visitId,
        correlationId: visitId,
        causationId: null,
      },
    );
    position = Math.max(position, result.position);
    return visitId;
  };

  beforeAll(async () => {
    t = await startTestApp(store);
    ({
      concerns: { own: concernId },
    } = await recordTwoCouncilsStory(t, (path, headers, body, status) => post(path, headers, body, status)));
  });
  afterAll(async () => t?.close());

  it('refuses a bad draft with a 400 naming each field, and a draft by the provider with a 403', async () => {
    const bad = await post(
      `/concerns/${concernId}/visit-reports`,
      COUNCIL,
      { ...REPORT, visitType: 'provider_senior_visit', visitedOn: '2025-02-30', findings: [], challengeWindowWorkingDays: 0 },
      400,
    );
    expect(fieldsOf(bad.body)).toEqual(['challengeWindowWorkingDays', 'findings', 'visitType', 'visitedOn']);
    const blank = await post(
      `/concerns/${concernId}/visit-reports`,
      COUNCIL,
      { ...REPORT, visitedOn: '2025-03-20', findings: [{ text: ' ' }, { text: 'x', tags: ['pamms:nope'] }] },
      400,
    );
    expect(fieldsOf(blank.body)).toEqual(['findings.0.text', 'findings.1.tags']);
    await post(`/concerns/${concernId}/visit-reports`, PROVIDER, { ...REPORT, visitedOn: '2025-03-20' }, 403);
  });

  it('after the window: a challenge is a 422 naming the rule; the unchallenged report is published as drafted', async () => {
    const drafted = await post(
      `/concerns/${concernId}/visit-reports`,
      COUNCIL,
      { ...REPORT, visitedOn: '2025-03-20', occurredAt: '2025-03-24T10:00:00Z' },
      201,
    );
    const draft = await draftOf(drafted);
    expect(draft).toMatchObject({ sharedOn: '2025-03-24', challengeClosesOn: '2025-04-11', challengeWindowWorkingDays: 14 });
    const late = await post(
      `/concerns/${concernId}/visit-reports/${draft.visitId}/challenges`,
      PROVIDER,
      { findingNo: 1, whatIsWrong: 'Records were complete' },
      422,
    );
    expect(late.body.rule).toBe('challenge-within-window');
    await post(`/concerns/${concernId}/visit-reports/${draft.visitId}/publication`, COUNCIL, {}, 201);
    const published = (await reports()).find((r) => r.visitId === draft.visitId)!;
    expect(published.published).toEqual([
      {
        findingNo: 1,
        text: REPORT.findings[0].text,
        draftText: REPORT.findings[0].text,
        tags: ['pamms:safeguarding-and-safety'],
        challenge: null,
        decision: null,
      },
      { findingNo: 2, text: 'No fire drill since October', draftText: 'No fire drill since October', tags: [], challenge: null, decision: null },
    ]);
  });

  it('within the window: the provider challenges, the author cannot decide, another officer decides, and the published finding carries both', async () => {
    // Drafted today by the signed-in officer through the API: that officer may not decide its challenges.
    const own = await draftOf(await post(`/concerns/${concernId}/visit-reports`, COUNCIL, { ...REPORT, visitedOn: today }, 201));
    const first = await post(
      `/concerns/${concernId}/visit-reports/${own.visitId}/challenges`,
      PROVIDER,
      { findingNo: 1, whatIsWrong: 'Records for all 8 people were complete' },
      201,
    );
    const refused = await post(
      `/concerns/${concernId}/visit-reports/${own.visitId}/challenges/${await challengeOf(first)}/decision`,
      COUNCIL,
      { outcome: 'not_upheld', reasons: 'x', reviewerRole: 'Head of QA' },
      403,
    );
    expect(refused.body.rule).toBe('challenge-decided-by-another-reviewer');

    const visitId = await draftByAnotherOfficer({});
    const path = `/concerns/${concernId}/visit-reports/${visitId}`;
    // Wrong shapes: 400 naming the field; rules: 422 naming the rule; others: refused.
    expect(
      fieldsOf((await post(`${path}/challenges`, PROVIDER, { findingNo: 0, whatIsWrong: '', evidence: [{ name: 'Log', sha256: 'xyz' }] }, 400)).body),
    ).toEqual(['evidence.0.sha256', 'findingNo', 'whatIsWrong']);
    expect((await post(`${path}/challenges`, PROVIDER, { findingNo: 3, whatIsWrong: 'No such finding' }, 422)).body.rule).toBe('challenge-names-a-finding');
    await post(`${path}/challenges`, COUNCIL, { findingNo: 2, whatIsWrong: 'x' }, 403);
    const stranger = await request(t.server as never)
      .post(`${path}/challenges`)
      .set(OTHER_COUNCIL)
      .send({ findingNo: 2, whatIsWrong: 'x' });
    expect([403, 404]).toContain(stranger.status);

    const challenged = await post(
      `${path}/challenges`,
      PROVIDER,
      { findingNo: 2, whatIsWrong: 'A fire drill was held on 12 January', evidence: [{ name: 'Fire drill log January', sha256: DIGEST }] },
      201,
    );
    const challengeId = await challengeOf(challenged);
    expect((await post(`${path}/challenges`, PROVIDER, { findingNo: 2, whatIsWrong: 'Again' }, 422)).body.rule).toBe('one-challenge-per-finding');
    expect((await post(`${path}/publication`, COUNCIL, {}, 422)).body.rule).toBe('publish-after-decisions');
    await post(`${path}/challenges/${challengeId}/decision`, PROVIDER, { outcome: 'upheld', reasons: 'x', reviewerRole: 'x' }, 403);
    expect(
      fieldsOf((await post(`${path}/challenges/${challengeId}/decision`, COUNCIL, { outcome: 'maybe', reasons: '', reviewerRole: 'Head of QA' }, 400)).body),
    ).toEqual(['outcome', 'reasons']);
    expect(
      (
        await post(
          `${path}/challenges/${challengeId}/decision`,
          COUNCIL,
          { outcome: 'not_upheld', reasons: 'x', reviewerRole: 'Head of QA', amendedFinding: 'y' },
          422,
        )
      ).body.rule,
    ).toBe('amendment-only-when-upheld');
    await post(
      `${path}/challenges/${challengeId}/decision`,
      COUNCIL,
      {
        outcome: 'partly_upheld',
        reasons: 'The log shows a drill in January, not for night staff',
        reviewerRole: 'Head of Quality Assurance',
        amendedFinding: 'No fire drill for night staff since October',
      },
      201,
    );
    expect((await post(`${path}/challenges/${challengeId}/decision`, COUNCIL, { outcome: 'upheld', reasons: 'x', reviewerRole: 'x' }, 422)).body.rule).toBe(
      'challenge-decided-once',
    );
    await post(`${path}/publication`, COUNCIL, {}, 201);
    expect((await post(`${path}/challenges`, PROVIDER, { findingNo: 1, whatIsWrong: 'Late' }, 422)).body.rule).toBe('challenge-before-publication');

    // The provider reads the published finding with its challenge and the decision beside it.
    const report = (await reports(PROVIDER)).find((r) => r.visitId === visitId)!;
    expect((report.published as unknown[])[1]).toEqual({
      findingNo: 2,
      text: 'No fire drill for night staff since October',
      draftText: 'No fire drill since October',
      tags: [],
      challenge: { challengeId, whatIsWrong: 'A fire drill was held on 12 January', evidence: [{ name: 'Fire drill log January', sha256: DIGEST }] },
      decision: { outcome: 'partly_upheld', reasons: 'The log shows a drill in January, not for night staff', reviewerRole: 'Head of Quality Assurance' },
    });

    // The timeline (JSON and CSV) says it in plain English.
    const kinds = 'VisitReportDrafted,VisitFindingChallenged,FindingChallengeDecided,VisitReportPublished';
    const { entries } = (await get(`/timelines/concerns/${concernId}?kinds=${kinds}&minPosition=${position}&order=asc&limit=100`, PROVIDER)).body as {
      entries: { kind: string; summary: string }[];
    };
    const summaries = entries.map((e) => e.summary);
    expect(summaries).toContain('Provider challenged finding 2 of a draft report — A fire drill was held on 12 January (1 evidence document)');
    expect(summaries).toContain(
      'Challenge to finding 2 partly upheld by Head of Quality Assurance (finding amended) — The log shows a drill in January, not for night staff',
    );
    const published = summaries.find((s) => s.includes('Finding 2 (amended)'));
    expect(published).toMatch(
      /^PAMMS audit on .* published: 2 findings, 1 challenged\. Finding 2 \(amended\): "No fire drill for night staff since October" — challenged by the provider: "A fire drill was held on 12 January"; partly upheld by Head of Quality Assurance: "The log shows a drill in January, not for night staff"\.$/,
    );
    const csv = await request(t.server as never)
      .get(`/timelines/concerns/${concernId}?kinds=VisitReportPublished&format=csv&minPosition=${position}`)
      .set(COUNCIL)
      .expect(200);
    expect(csv.text).toContain('challenged by the provider: ""A fire drill was held on 12 January""; partly upheld by Head of Quality Assurance');

    // The evidence bundle carries the events with their hashes, and verifies offline.
    const file = await get(`/evidence/concerns/${concernId}?minPosition=${position}`, PROVIDER);
    const bundle = JSON.parse(file.text) as EvidenceBundle;
    const publishedEvent = bundle.events.find((e) => e.type === 'VisitReportPublished' && (e.data as { visitId: string }).visitId === visitId)!;
    expect((publishedEvent.data as { findings: { challenge: unknown }[] }).findings[1].challenge).toMatchObject({
      whatIsWrong: 'A fire drill was held on 12 January',
    });
    const fingerprint = (await get('/evidence/public-key', COUNCIL)).body.keyFingerprint as string;
    expect(verifyBundleText(file.text, { fingerprint })).toMatchObject({ ok: true });
  });

  it('from the pages: the provider challenges through the form (error summary first), the officer decides and publishes, the case file shows the challenge beside the finding', async () => {
    const visitId = await draftByAnotherOfficer({ findings: [{ text: 'Staff rota shows two nights without a waking member of staff' }] });
    const provider = await signedIn('demo-provider-manager');
    const caseFile = textOf((await provider.get(`/app/concerns/${concernId}`).expect(200)).text);
    expect(caseFile).toContain('Challenge a finding of a draft report');
    expect(caseFile).toContain('Staff rota shows two nights without a waking member of staff');
    const form = await provider.get(`/app/concerns/${concernId}/challenge-finding`).expect(200);
    const send = (fields: object) =>
      provider
        .post(`/app/concerns/${concernId}/challenge-finding`)
        .type('form')
        .send({ _csrf: csrfOf(form.text), expectedVersion: versionOf(form.text), ...fields });
    const empty = await send({ finding: `${visitId}:1`, whatIsWrong: '' }).expect(400);
    expect(textOf(empty.text)).toContain('There is a problem');
    expect(textOf(empty.text)).toContain('Enter what is wrong in the finding');
    expect(empty.text).toContain('href="#whatIsWrong"');
    const sent = await send({ finding: `${visitId}:1`, whatIsWrong: 'Agency staff covered both nights; the rota was not updated' }).expect(303);
    expect(textOf((await provider.get(sent.headers.location).expect(200)).text)).toContain('Challenge sent');

    const council = await signedIn('demo-council-officer');
    const decideForm = await council.get(`/app/concerns/${concernId}/decide-challenge`).expect(200);
    const challengeId = (await reports()).find((r) => r.visitId === visitId)!.challenges as { challengeId: string }[];
    const decided = await council
      .post(`/app/concerns/${concernId}/decide-challenge`)
      .type('form')
      .send({
        _csrf: csrfOf(decideForm.text),
        expectedVersion: versionOf(decideForm.text),
        challengeId: challengeId[0].challengeId,
        outcome: 'upheld',
        reasons: 'Agency timesheets confirm cover on both nights',
        reviewerRole: 'Head of Quality Assurance',
        amendedFinding: 'The staff rota was not kept up to date for agency cover',
      })
      .expect(303);
    expect(textOf((await council.get(decided.headers.location).expect(200)).text)).toContain('Decision on the challenge recorded');
    const publishForm = await council.get(`/app/concerns/${concernId}/publish-report`).expect(200);
    await council
      .post(`/app/concerns/${concernId}/publish-report`)
      .type('form')
      .send({ _csrf: csrfOf(publishForm.text), expectedVersion: versionOf(publishForm.text), visitId })
      .expect(303);

    const after = textOf((await provider.get(`/app/concerns/${concernId}`).expect(200)).text);
    expect(after).toContain(
      "The staff rota was not kept up to date for agency cover Amended after the provider's challenge. The draft said: Staff rota shows two nights without a waking member of staff",
    );
    expect(after).toContain('Challenged by the provider: Agency staff covered both nights; the rota was not updated');
    expect(after).toContain('Decision: Upheld by Head of Quality Assurance. Agency timesheets confirm cover on both nights');
  });
});
