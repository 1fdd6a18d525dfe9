import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost } from '@caretrail/projections';
import { startTestApp, type TestApp } from '../support/test-app';
import { COUNCIL, PROVIDER, PROVIDER_ID, recordTwoCouncilsStory, OTHER_COUNCIL, type Post } from '../support/two-councils-story';
import { useNotifyEnv } from './support/notify-env';
import { formatDate } from '../../apps/api/src/web/rendering/date-format';

const londonDate = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + offsetDays * 86_400_000));
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** The page's text as a reader meets it: tags stripped, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

/**
 * The to-do page, read as each party sees it, over a story dated around today: what is due comes
 * from the record and the working-day calendar, late items carry an Overdue tag, and nobody sees
 * another party's work.
 */
describe('the to-do page', () => {
  let t: TestApp;
  let restoreEnv: () => void;
  let story: { serviceId: string; concerns: { own: string; other: string } };

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

  beforeAll(async () => {
    restoreEnv = useNotifyEnv({});
    t = await startTestApp('sqlite');
    const send: Post = async (path, headers, body, status) => {
      const res = await request(t.server as never)
        .post(path)
        .set(headers)
        .send(body);
      if (res.status !== status) throw new Error(`POST ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
      return res;
    };
    story = await recordTwoCouncilsStory(t, send);
    // Northshire's concern: a plan requested and submitted, awaiting Northshire's review.
    await send(
      `/concerns/${story.concerns.own}/action-plan/requests`,
      COUNCIL,
      { dueOn: londonDate(4), updateCadenceDays: 7, graceDays: 2, occurredAt: daysAgo(10) },
      201,
    );
    await send(
      `/concerns/${story.concerns.own}/action-plan/versions`,
      PROVIDER,
      {
        version: 1,
        summary: 'Restore complete records',
        actions: [{ description: 'Audit every care plan', owner: 'Registered manager', dueOn: londonDate(30), measure: 'All plans audited' }],
        occurredAt: daysAgo(2),
      },
      201,
    );
    // Northshire escalated its concern to enhanced monitoring, with a decision due for review two days ago.
    await send(
      `/concerns/${story.concerns.own}/escalations`,
      COUNCIL,
      {
        toLevel: 1,
        reason: 'No improvement at the four-week review',
        decision: {
          decidedByRole: 'Head of Quality',
          leadOfficer: 'Lead Officer',
          reviewOn: londonDate(-2),
          consequence: 'none',
          riskAssessmentReference: 'RA-7',
          liftingCriteria: ['Records complete for eight weeks'],
          residentReviews: null,
          brokerageNotice: null,
        },
        occurredAt: daysAgo(9),
      },
      201,
    );
    // Eastvale's concern: a plan requested, due three days ago and not yet submitted.
    await send(
      `/concerns/${story.concerns.other}/action-plan/requests`,
      OTHER_COUNCIL,
      { dueOn: londonDate(-3), updateCadenceDays: 7, graceDays: 2, occurredAt: daysAgo(20) },
      201,
    );
    await t.app.get(ProjectionHost).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition(), 30_000);
  });
  afterAll(async () => {
    await t?.close();
    restoreEnv?.();
  });

  it("shows the provider its late plan with an Overdue tag, and counts it in the header and the start page's banner", async () => {
    const agent = await signedIn('demo-provider-manager');
    const page = textOf((await agent.get('/app/todo').expect(200)).text);
    expect(page).toContain('To do');
    expect(page).toMatch(/Action plans requested or returned \(1\) Submit the action plan Overdue Maple Court: Requested; due on \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(page).toContain(`due on ${formatDate(londonDate(-3))}`);
    expect(page).toContain('No concern is waiting for your acknowledgement.');
    expect(page).toContain('To do: 1, 1 overdue');

    const start = textOf((await agent.get(`/app/providers/${PROVIDER_ID}`).expect(200)).text);
    expect(start).toContain('Important');
    expect(start).toContain('1 item is overdue.');
    expect(start).toContain('See what is due');
    // The banner is for the start page only.
    expect(page).not.toContain('1 item is overdue.');
  });

  it('shows each council only its own concerns’ work', async () => {
    const northshire = textOf((await (await signedIn('demo-council-officer')).get('/app/todo').expect(200)).text);
    expect(northshire).toMatch(
      /Action plans awaiting your review \(1\) Review action plan version 1 Maple Court: Submitted on \d{1,2} [A-Z][a-z]+ \d{4}, waiting 2 days/,
    );
    expect(northshire).toContain(
      `Escalation and suspension decisions due for review (1) Review the escalation decision Overdue Maple Court: Was due for review on ${formatDate(londonDate(-2))}`,
    );
    expect(northshire).toContain('To do: 2, 1 overdue');

    const eastvale = textOf((await (await signedIn('demo-other-council')).get('/app/todo').expect(200)).text);
    expect(eastvale).toContain('Action plans awaiting your review (0)');
    expect(eastvale).not.toContain('Review action plan');
    expect(eastvale).toContain('To do: 0');
  });

  it('tells a regulator that to-do lists are kept for councils and providers', async () => {
    const page = textOf((await (await signedIn('demo-regulator')).get('/app/todo').expect(200)).text);
    expect(page).toContain('to-do lists are kept for councils and providers');
  });
});
