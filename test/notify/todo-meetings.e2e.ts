import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { ProjectionHost } from '@caretrail/projections';
import { addWorkingDays, daysBetween, plural } from '@caretrail/timeline';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { COUNCIL, PROVIDER, recordTwoCouncilsStory } from '../support/two-councils-story';
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
 * Issue 16 item 1 on the to-do pages: each open action decided at a multi-agency meeting is on the
 * list of the party that owns it (the provider those owned by the provider invited, the council every
 * other), with its due date, Overdue once late; completing it takes it off. Read as each party's page shows it.
 */
describe.each(storesUnderTest())('meeting actions on the to-do pages on %s', (store) => {
  let t: TestApp;
  let concernId: string;
  let meetingId: string;
  let actions: { actionId: string; description: string }[];
  const today = londonToday();
  const trainBy = addWorkingDays(today, 30);

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
    await post(
      `/concerns/${concernId}/meetings`,
      COUNCIL,
      {
        meetingKind: 'provider_concerns_meeting',
        meetingOn: '2025-04-02',
        occurredAt: '2025-03-24T10:00:00Z',
        invitations: [
          { organisationKind: 'commissioning_and_qa', organisationName: 'Northshire County Council', role: 'QA officer' },
          { organisationKind: 'provider', organisationName: 'Hollybank Support Trust', role: 'Registered manager', providerAttendance: 'all' },
        ],
      },
      201,
    );
    const plan = (
      (
        await request(t.server as never)
          .get(`/concerns/${concernId}`)
          .set(COUNCIL)
          .expect(200)
      ).body.meetingPlans as { meetingId: string; invitations: { inviteeId: string }[] }[]
    )[0];
    meetingId = plan.meetingId;
    await post(
      `/concerns/${concernId}/meetings/${meetingId}/minutes`,
      COUNCIL,
      {
        heldOn: '2025-04-02',
        occurredAt: '2025-04-02T16:00:00Z',
        decisions: [],
        attendance: plan.invitations.map((i) => ({ inviteeId: i.inviteeId, attendance: 'attended' })),
        actions: [
          { description: 'Send the revised staffing rota', owner: 'Registered manager, Hollybank Support Trust', dueOn: '2025-04-09' },
          { description: 'Re-audit medication records', owner: 'QA officer, Northshire County Council', dueOn: '2025-04-16' },
          { description: 'Train night staff on medication', owner: 'Hollybank Support Trust', dueOn: trainBy },
        ],
      },
      201,
    );
    actions = (
      await request(t.server as never)
        .get(`/concerns/${concernId}`)
        .set(COUNCIL)
        .expect(200)
    ).body.meetingActions;
    await settled();
  });
  afterAll(async () => {
    await t?.close();
    restoreEnv?.();
  });

  const ago = (dueOn: string) => plural(daysBetween(dueOn, today), 'day');

  it('lists the provider’s own open meeting actions on its list with their due dates, the late one Overdue', async () => {
    const provider = await todoOf('demo-provider-manager');
    expect(provider).toContain(
      `Actions from meetings (2) Send the revised staffing rota Overdue Maple Court: Provider concerns meeting of 2 April 2025; owner Registered manager, Hollybank Support Trust; was due on 9 April 2025, ${ago('2025-04-09')} ago`,
    );
    expect(provider).toContain(
      `Train night staff on medication Maple Court: Provider concerns meeting of 2 April 2025; owner Hollybank Support Trust; due on ${formatDate(trainBy)}`,
    );
    expect(provider).not.toMatch(/Train night staff on medication Overdue/);
    // The council's action is not the provider's to do.
    expect(provider).not.toContain('Re-audit medication records');
  });

  it('lists the council’s meeting actions on its list only, and none on another council’s', async () => {
    const council = await todoOf('demo-council-officer');
    expect(council).toContain(
      `Actions from meetings (1) Re-audit medication records Overdue Maple Court: Provider concerns meeting of 2 April 2025; owner QA officer, Northshire County Council; was due on 16 April 2025, ${ago('2025-04-16')} ago`,
    );
    expect(council).not.toContain('Send the revised staffing rota');
    const other = await todoOf('demo-other-council');
    expect(other).toContain('Actions from meetings (0) No action from a meeting is yours to do.');
  });

  it('takes a completed action off its owner’s list', async () => {
    const rota = actions.find((a) => a.description === 'Send the revised staffing rota')!;
    const reaudit = actions.find((a) => a.description === 'Re-audit medication records')!;
    await post(
      `/concerns/${concernId}/meetings/${meetingId}/actions/${rota.actionId}/completion`,
      PROVIDER,
      { completedOn: '2025-04-08', note: 'Rota sent to the council' },
      201,
    );
    await post(
      `/concerns/${concernId}/meetings/${meetingId}/actions/${reaudit.actionId}/completion`,
      COUNCIL,
      { completedOn: '2025-04-16', note: 'Re-audit done' },
      201,
    );
    await settled();
    const provider = await todoOf('demo-provider-manager');
    expect(provider).toContain('Actions from meetings (1) Train night staff on medication');
    expect(provider).not.toContain('Send the revised staffing rota');
    expect(await todoOf('demo-council-officer')).toContain('Actions from meetings (0) No action from a meeting is yours to do.');
  });

  it('leaves out the actions of minutes since withdrawn', async () => {
    const held = (
      (
        await request(t.server as never)
          .get(`/concerns/${concernId}`)
          .set(COUNCIL)
          .expect(200)
      ).body.meetings as { eventId: string; meetingId: string }[]
    ).find((m) => m.meetingId === meetingId)!;
    await post(`/concerns/${concernId}/retractions`, COUNCIL, { targetEventId: held.eventId, reason: 'Minuted on the wrong concern' }, 201);
    await settled();
    expect(await todoOf('demo-provider-manager')).toContain('Actions from meetings (0) No action from a meeting is yours to do.');
  });
});
