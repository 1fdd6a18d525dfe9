import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost } from '@caretrail/projections';
import { addWorkingDays } from '@caretrail/timeline';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { COUNCIL, COUNCIL_ID, PROVIDER, recordTwoCouncilsStory } from '../support/two-councils-story';
import { useNotifyEnv } from './support/notify-env';
import { formatDate } from '../../apps/api/src/web/rendering/date-format';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The page's text as a reader meets it: tags stripped, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

/**
 * Issue 14's "challenges open" and issue 16 item 3 on the to-do pages: a draft visit report puts
 * "challenge it" on the provider's list until its window closes; a challenge puts "decide it" on the
 * council's; once every challenge is decided the council is told it may publish; publication clears both.
 * The lists are read as each party's page shows them.
 */
describe.each(storesUnderTest())('draft reports and challenges on the to-do pages on %s', (store) => {
  let t: TestApp;
  let concernId: string;
  let visitId: string;
  let challengeId: string;
  const today = londonToday();
  const closesOn = addWorkingDays(today, 14);

  const post = async (path: string, headers: Record<string, string>, body: object, status: number) => {
    const res = await request(t.server as never)
      .post(path)
      .set(headers)
      .send(body);
    if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const settled = async () => t.app.get(ProjectionHost).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition(), 60_000);
  const todoOf = async (token: string) => {
    const agent = request.agent(t.server as never);
    const form = await agent.get('/app/sign-in').expect(200);
    await agent
      .post('/app/sign-in')
      .type('form')
      .send({ identity: token, _csrf: csrfOf(form.text) })
      .expect(303);
    return textOf((await agent.get('/app/todo').expect(200)).text);
  };

  let restoreEnv: () => void;

  beforeAll(async () => {
    restoreEnv = useNotifyEnv({});
    t = await startTestApp(store);
    ({
      concerns: { own: concernId },
    } = await recordTwoCouncilsStory(t, (path, headers, body, status) => post(path, headers, body, status)));
    // Drafted by another officer of Northshire, so that the signed-in officer may decide its challenges.
    const { CommandExecutor } = await import('@caretrail/application');
    const author = { userId: 'u-northshire-qa-author', organisationId: COUNCIL_ID, organisationKind: 'council' as const, role: 'qa_officer' as const };
    visitId = crypto.randomUUID();
    await t.app.get(CommandExecutor).execute(
      {
        kind: 'DraftVisitReport',
        concernId,
        visitId,
        visitType: 'pamms_audit',
        announced: true,
        visitedOn: today,
        visitorRole: 'PAMMS assessor',
        findings: [{ text: 'Medicines records incomplete for 3 of 8 people' }, { text: 'No fire drill since October' }],
        challengeWindowWorkingDays: 14,
        occurredAt: new Date().toISOString(),
      } as never,
      { actor: author, commandId: visitId, correlationId: visitId, causationId: null },
    );
    await settled();
  });
  afterAll(async () => {
    await t?.close();
    restoreEnv?.();
  });

  it('puts the open draft on the provider’s list with its last day, and nothing yet on the council’s', async () => {
    const provider = await todoOf('demo-provider-manager');
    expect(provider).toContain(
      `Draft reports you may challenge (1) Check the draft report of the PAMMS audit on ${formatDate(today)} Maple Court: You may challenge findings 1, 2 until the end of ${formatDate(closesOn)}`,
    );
    const council = await todoOf('demo-council-officer');
    expect(council).toContain('Challenges to findings awaiting a decision (0)');
    // The window is open and nothing is challenged: not yet ready to publish.
    expect(council).toContain('Draft reports ready to publish (0)');
    // Another council sees neither.
    const other = await todoOf('demo-other-council');
    expect(other).not.toContain('PAMMS audit');
  });

  it('moves a challenged finding to the council’s list, and the unchallenged one stays open to the provider', async () => {
    const challenged = await post(
      `/concerns/${concernId}/visit-reports/${visitId}/challenges`,
      PROVIDER,
      { findingNo: 2, whatIsWrong: 'A fire drill was held on 12 January' },
      201,
    );
    const reports = (
      await request(t.server as never)
        .get(`/concerns/${concernId}`)
        .set(COUNCIL)
        .expect(200)
    ).body.reports as { challenges: { eventId: string; challengeId: string }[] }[];
    challengeId = reports.flatMap((r) => r.challenges).find((c) => c.eventId === challenged.body.events[0].eventId)!.challengeId;
    await settled();
    expect(await todoOf('demo-provider-manager')).toContain(`You may challenge finding 1 until the end of ${formatDate(closesOn)}`);
    const council = await todoOf('demo-council-officer');
    expect(council).toContain(
      `Challenges to findings awaiting a decision (1) Decide the challenge to finding 2 Maple Court: Of the draft report of the PAMMS audit on ${formatDate(today)}; a senior reviewer other than its author decides`,
    );
    expect(council).toContain('Draft reports ready to publish (0)');
  });

  it('tells the council it may publish once every challenge is decided, and publication clears both lists', async () => {
    await post(
      `/concerns/${concernId}/visit-reports/${visitId}/challenges/${challengeId}/decision`,
      COUNCIL,
      { outcome: 'not_upheld', reasons: 'The log shows no drill for night staff', reviewerRole: 'Head of Quality Assurance' },
      201,
    );
    await settled();
    const council = await todoOf('demo-council-officer');
    expect(council).toContain('Challenges to findings awaiting a decision (0)');
    expect(council).toContain(
      `Draft reports ready to publish (1) Publish the report of the PAMMS audit on ${formatDate(today)} Maple Court: Every challenge is decided`,
    );

    await post(`/concerns/${concernId}/visit-reports/${visitId}/publication`, COUNCIL, {}, 201);
    await settled();
    expect(await todoOf('demo-council-officer')).toContain('Draft reports ready to publish (0)');
    const provider = await todoOf('demo-provider-manager');
    expect(provider).toContain('Draft reports you may challenge (0)');
    expect(provider).toContain('No draft visit report is open to challenge.');
  });
});
