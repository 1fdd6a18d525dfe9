import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@caretrail/event-store';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';
import { COUNCIL, OTHER_COUNCIL, OTHER_COUNCIL_ID, PROVIDER, recordTwoCouncilsStory } from '../support/two-councils-story';

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
    .replace(/&rsquo;|’/g, "'")
    .replace(/\s+/g, ' ');

/** Rows as the browser sends them: `invitations[0][role]`. */
const rowsOf = (name: string, rows: Record<string, string>[]) =>
  Object.fromEntries(rows.flatMap((row, i) => Object.entries(row).map(([k, v]) => [`${name}[${i}][${k}]`, v])));

const INVITATIONS = [
  { organisationKind: 'commissioning_and_qa', organisationName: 'Northshire County Council', role: 'QA officer' },
  { organisationKind: 'safeguarding', organisationName: 'Northshire County Council', role: 'Safeguarding adults manager' },
  { organisationKind: 'integrated_care_board', organisationName: 'Northshire ICB', role: 'Quality lead' },
  { organisationKind: 'provider', organisationName: 'Hollybank Support Trust', role: 'Registered manager', providerAttendance: 'part' },
];
const SCHEDULE = { meetingKind: 'provider_concerns_meeting', meetingOn: '2025-04-02', invitations: INVITATIONS, occurredAt: '2025-03-24T10:00:00Z' };

interface Plan {
  meetingId: string;
  invitations: { inviteeId: string; role: string }[];
  agenda: unknown;
  heldEventId: string | null;
}
interface MeetingAction {
  meetingId: string;
  actionId: string;
  description: string;
  status: string;
  dueOn: string;
  completion: unknown;
}

/** Issue 16 item 1: multi-agency meetings called with invitations, agenda in advance, minutes whose decisions become actions. */
describe.each(storesUnderTest())('multi-agency meetings on %s', (store) => {
  let t: TestApp;
  let concerns: { own: string; other: string };
  let position = 0;
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
  const concern = async (id = concerns.own, who = COUNCIL) =>
    (await get(`/concerns/${id}`, who)).body as { meetingPlans: Plan[]; meetingActions: MeetingAction[]; meetings: Record<string, unknown>[] };
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
  const summaries = async (id: string, kinds: string, who = COUNCIL) =>
    ((await get(`/timelines/concerns/${id}?kinds=${kinds}&minPosition=${position}`, who)).body.entries as { summary: string }[]).map((e) => e.summary);

  beforeAll(async () => {
    t = await startTestApp(store);
    ({ concerns } = await recordTwoCouncilsStory(t, post));
  });
  afterAll(async () => t?.close());

  it('refuses a bad call with a 400 naming each field, a broken rule with a 422 naming it, and anyone but the concern’s council', async () => {
    const bad = await post(
      `/concerns/${concerns.own}/meetings`,
      COUNCIL,
      {
        ...SCHEDULE,
        meetingKind: 'coffee',
        meetingOn: '2025-02-30',
        invitations: [
          { organisationKind: 'church', organisationName: 'x', role: ' ' },
          { ...INVITATIONS[3], providerAttendance: 'most' },
        ],
      },
      400,
    );
    expect(fieldsOf(bad.body)).toEqual([
      'invitations.0.organisationKind',
      'invitations.0.role',
      'invitations.1.providerAttendance',
      'meetingKind',
      'meetingOn',
    ]);
    const none = await post(`/concerns/${concerns.own}/meetings`, COUNCIL, { ...SCHEDULE, invitations: [] }, 400);
    expect(fieldsOf(none.body)).toEqual(['invitations']);
    const noPart = await post(
      `/concerns/${concerns.own}/meetings`,
      COUNCIL,
      { ...SCHEDULE, invitations: [{ ...INVITATIONS[3], providerAttendance: undefined }] },
      422,
    );
    expect(noPart.body.rule).toBe('meeting-provider-attendance');
    await post(`/concerns/${concerns.own}/meetings`, PROVIDER, SCHEDULE, 403);
    await post(`/concerns/${concerns.own}/meetings`, OTHER_COUNCIL, SCHEDULE, 404);
  });

  it('calls a meeting, shares its agenda in advance, minutes it with attendance per invitee and decision actions, and completes an action as a new entry', async () => {
    await post(`/concerns/${concerns.own}/meetings`, COUNCIL, SCHEDULE, 201);
    const [plan] = (await concern()).meetingPlans;
    expect(plan.invitations).toHaveLength(4);
    expect(plan.invitations[3]).toMatchObject({ organisationKind: 'provider', providerAttendance: 'part', role: 'Registered manager' });
    // The provider, a party to the concern, reads the invitations too.
    expect((await concern(concerns.own, PROVIDER)).meetingPlans[0].meetingId).toBe(plan.meetingId);

    const late = await post(
      `/concerns/${concerns.own}/meetings/${plan.meetingId}/agenda`,
      COUNCIL,
      { sharedOn: '2025-04-02', items: ['Audit findings'], occurredAt: '2025-04-02T08:00:00Z' },
      422,
    );
    expect(late.body.rule).toBe('agenda-before-meeting');
    await post(
      `/concerns/${concerns.own}/meetings/${plan.meetingId}/agenda`,
      COUNCIL,
      { sharedOn: '2025-03-28', items: ['PAMMS audit findings', 'The provider’s action plan'], occurredAt: '2025-03-28T09:00:00Z' },
      201,
    );

    const [qa, safeguarding, icb, provider] = plan.invitations.map((i) => i.inviteeId);
    const attendance = [
      { inviteeId: qa, attendance: 'attended' },
      { inviteeId: safeguarding, attendance: 'attended' },
      { inviteeId: icb, attendance: 'apologies' },
      { inviteeId: provider, attendance: 'attended' },
    ];
    const actions = [
      { description: 'Re-audit medication records', owner: 'QA officer, Northshire County Council', dueOn: '2025-04-16' },
      { description: 'Send the revised staffing rota', owner: 'Registered manager, Hollybank Support Trust', dueOn: '2025-04-09' },
      { description: 'Train night staff on medication', owner: 'Hollybank Support Trust', dueOn: '2025-04-30' },
    ];
    const minutes = {
      heldOn: '2025-04-02',
      attendance,
      decisions: ['Hold a findings meeting after the re-audit'],
      actions,
      occurredAt: '2025-04-02T16:00:00Z',
    };
    const missing = await post(`/concerns/${concerns.own}/meetings/${plan.meetingId}/minutes`, COUNCIL, { ...minutes, attendance: attendance.slice(1) }, 422);
    expect(missing.body.rule).toBe('meeting-attendance-invitees');
    expect(missing.body.detail).toContain('QA officer, Northshire County Council');
    const early = await post(
      `/concerns/${concerns.own}/meetings/${plan.meetingId}/minutes`,
      COUNCIL,
      { ...minutes, actions: [{ ...actions[0], dueOn: '2025-04-01' }] },
      422,
    );
    expect(early.body.rule).toBe('meeting-action-due-after-meeting');
    const badAction = await post(
      `/concerns/${concerns.own}/meetings/${plan.meetingId}/minutes`,
      COUNCIL,
      { ...minutes, actions: [{ description: 'x', dueOn: 'soon' }] },
      400,
    );
    expect(fieldsOf(badAction.body)).toEqual(['actions.0.dueOn', 'actions.0.owner']);
    await post(`/concerns/${concerns.own}/meetings/${plan.meetingId}/minutes`, COUNCIL, minutes, 201);
    const again = await post(`/concerns/${concerns.own}/meetings/${plan.meetingId}/minutes`, COUNCIL, minutes, 422);
    expect(again.body.rule).toBe('meeting-already-held');

    const read = await concern();
    expect(read.meetings.at(-1)).toMatchObject({
      meetingKind: 'provider_concerns_meeting',
      heldOn: '2025-04-02',
      attendees: [
        'QA officer, Northshire County Council',
        'Safeguarding adults manager, Northshire County Council',
        'Registered manager, Hollybank Support Trust',
      ],
    });
    expect(read.meetingActions.map((a) => [a.description, a.status])).toEqual([
      ['Re-audit medication records', 'open'],
      ['Send the revised staffing rota', 'open'],
      ['Train night staff on medication', 'open'],
    ]);
    const rota = read.meetingActions[1];
    const future = await post(
      `/concerns/${concerns.own}/meetings/${plan.meetingId}/actions/${rota.actionId}/completion`,
      COUNCIL,
      { completedOn: '2999-01-01', note: 'Sent' },
      422,
    );
    expect(future.body.rule).toBe('date-not-in-future');
    await post(
      `/concerns/${concerns.own}/meetings/${plan.meetingId}/actions/${rota.actionId}/completion`,
      COUNCIL,
      { completedOn: '2025-04-08', note: 'Rota received and checked', occurredAt: '2025-04-08T12:00:00Z' },
      201,
    );
    const done = (await concern()).meetingActions;
    expect(done[1]).toMatchObject({ status: 'completed', completion: { completedOn: '2025-04-08', note: 'Rota received and checked' } });
    // The minutes stay as they were: the action is still in them as decided.
    expect((await concern()).meetings.at(-1)).toMatchObject({
      actions: [
        expect.objectContaining({ description: 'Re-audit medication records' }),
        expect.objectContaining({ dueOn: '2025-04-09' }),
        expect.objectContaining({ owner: 'Hollybank Support Trust' }),
      ],
    });

    expect(await summaries(concerns.own, 'MeetingScheduled,MeetingAgendaShared,ReviewMeetingHeld,MeetingActionCompleted')).toEqual(
      expect.arrayContaining([
        'Provider concerns meeting called for 2 Apr 2025: 4 invitations (the provider for part)',
        'Meeting agenda shared on 28 Mar 2025: 2 items',
        'Provider concerns meeting held on 2 Apr 2025: 1 decision, 3 actions to track',
        'Meeting action completed on 8 Apr 2025 — Rota received and checked',
      ]),
    );

    // The case file: invitees with attendance, the agenda, the decisions and the actions (the open one overdue).
    const council = await signedIn('demo-council-officer');
    const page = textOf((await council.get(`/app/concerns/${concerns.own}`).expect(200)).text);
    expect(page).toContain('Multi-agency meetings');
    expect(page).toContain('Provider concerns meeting, 2 April 2025');
    expect(page).toContain('Quality lead, Northshire ICB (NHS integrated care board): Sent apologies');
    expect(page).toContain('Registered manager, Hollybank Support Trust (Provider, for part of the meeting): Attended');
    expect(page).toContain('Agenda shared 28 March 2025');
    expect(page).toContain('PAMMS audit findings');
    expect(page).toContain('Hold a findings meeting after the re-audit');
    expect(page).toMatch(/Re-audit medication records .*QA officer, Northshire County Council 16 April 2025 Open Overdue/);
    expect(page).toMatch(/Send the revised staffing rota .*Completed 8 April 2025: Rota received and checked/);
    expect(page).toContain('Record as completed');
    // Shown once: the meeting called and minuted is in the meetings section, not again under "Review meetings".
    const count = (text: string, words: string) => text.split(words).length - 1;
    expect(count(page, 'Hold a findings meeting after the re-audit')).toBe(1);
    expect(count(page, 'Held 2 April 2025')).toBe(1);
    expect(page).toContain('No review meetings recorded.');
    // A review meeting recorded without being called stays under "Review meetings".
    await post(
      `/concerns/${concerns.own}/review-meetings`,
      COUNCIL,
      { heldOn: '2025-04-03', attendees: ['QA officer'], decisions: ['Weekly calls with the registered manager'], occurredAt: '2025-04-03T10:00:00Z' },
      201,
    );
    const after = textOf((await council.get(`/app/concerns/${concerns.own}`).expect(200)).text);
    expect(after).toMatch(/Review meetings Held 3 April 2025 Attendees: QA officer Decisions: Weekly calls with the registered manager/);
    expect(count(after, 'Hold a findings meeting after the re-audit')).toBe(1);

    // The provider reads the meetings; of the council's forms it is offered only completing the action it owns.
    const provider2 = await signedIn('demo-provider-manager');
    const seen = textOf((await provider2.get(`/app/concerns/${concerns.own}`).expect(200)).text);
    expect(seen).toContain('Re-audit medication records');
    expect(seen).toMatch(/Train night staff on medication Record as completed ?: Train night staff on medication Hollybank Support Trust/);
    expect(seen).not.toMatch(/Re-audit medication records Record as completed/);
    expect(seen).not.toContain('Call a multi-agency meeting');
    await provider2.get(`/app/concerns/${concerns.own}/schedule-meeting`).expect(403);
    const reaudit = read.meetingActions[0];
    const notMine = await post(
      `/concerns/${concerns.own}/meetings/${plan.meetingId}/actions/${reaudit.actionId}/completion`,
      PROVIDER,
      { completedOn: '2025-04-08', note: 'Done' },
      403,
    );
    expect(notMine.body.rule).toBe('meeting-action-owner-party');
    const training = read.meetingActions[2];
    const form = await provider2.get(`/app/concerns/${concerns.own}/complete-meeting-action?action=${training.actionId}`).expect(200);
    expect(textOf(form.text)).toContain('Train night staff on medication');
    expect(textOf(form.text)).not.toContain('Re-audit medication records');
    const refused = await provider2
      .post(`/app/concerns/${concerns.own}/complete-meeting-action`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        expectedVersion: versionOf(form.text),
        actionId: reaudit.actionId,
        'completedOn-day': '9',
        'completedOn-month': '4',
        'completedOn-year': '2025',
        note: 'Done',
      });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    await provider2
      .post(`/app/concerns/${concerns.own}/complete-meeting-action`)
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        expectedVersion: versionOf(form.text),
        actionId: training.actionId,
        'completedOn-day': '9',
        'completedOn-month': '4',
        'completedOn-year': '2025',
        note: 'All night staff trained',
      })
      .expect(303);
    const trained = textOf((await provider2.get(`/app/concerns/${concerns.own}`).expect(200)).text);
    expect(trained).toMatch(/Train night staff on medication Hollybank Support Trust 30 April 2025 Completed 9 April 2025: All night staff trained/);
    expect(trained).not.toContain('Record as completed');
  });

  it('from the pages: the council calls a meeting (error summary first), shares the agenda and records the minutes', async () => {
    const council = await signedIn('demo-council-officer');
    const file = textOf((await council.get(`/app/concerns/${concerns.own}`).expect(200)).text);
    expect(file).toContain('Call a multi-agency meeting');
    const form = await council.get(`/app/concerns/${concerns.own}/schedule-meeting`).expect(200);
    const send = (fields: object) =>
      council
        .post(`/app/concerns/${concerns.own}/schedule-meeting`)
        .type('form')
        .send({ _csrf: csrfOf(form.text), expectedVersion: versionOf(form.text), ...fields });
    const empty = await send({ meetingKind: 'findings_meeting' }).expect(400);
    expect(textOf(empty.text)).toContain('There is a problem');
    expect(textOf(empty.text)).toContain('Enter the date of the meeting');
    expect(empty.text).toContain('href="#meetingOn-day"');
    const sent = await send({
      meetingKind: 'findings_meeting',
      'meetingOn-day': '20',
      'meetingOn-month': '5',
      'meetingOn-year': '2025',
      ...rowsOf('invitations', [
        { organisationKind: 'regulator', organisationName: 'CQC', role: 'Inspector', providerAttendance: '' },
        { organisationKind: 'police', organisationName: 'Northshire Police', role: 'Detective sergeant', providerAttendance: '' },
        { organisationKind: '', organisationName: '', role: '', providerAttendance: '' },
      ]),
    });
    expect({
      status: sent.status,
      problem: sent.status === 303 ? null : /There is a problem(.*?)<\/ul>/s.exec(sent.text)?.[1] && textOf(/There is a problem.*?<\/ul>/s.exec(sent.text)![0]),
    }).toEqual({ status: 303, problem: null });
    expect(textOf((await council.get(sent.headers.location).expect(200)).text)).toContain('Meeting called');
    const plan = (await concern()).meetingPlans.find((p) => p.invitations.some((i) => i.role === 'Detective sergeant'))!;

    const agendaForm = await council.get(`/app/concerns/${concerns.own}/meeting-agenda?meeting=${plan.meetingId}`).expect(200);
    await council
      .post(`/app/concerns/${concerns.own}/meeting-agenda`)
      .type('form')
      .send({
        _csrf: csrfOf(agendaForm.text),
        expectedVersion: versionOf(agendaForm.text),
        meetingId: plan.meetingId,
        'sharedOn-day': '12',
        'sharedOn-month': '5',
        'sharedOn-year': '2025',
        items: 'Findings of the re-audit\nClosure criteria',
      })
      .expect(303);

    const minutesForm = await council.get(`/app/concerns/${concerns.own}/meeting-minutes?meeting=${plan.meetingId}`).expect(200);
    expect(textOf(minutesForm.text)).toContain('Findings meeting on 20 May 2025');
    expect(textOf(minutesForm.text)).toContain('Detective sergeant, Northshire Police (Police)');
    const minutes = (fields: object) =>
      council
        .post(`/app/concerns/${concerns.own}/meeting-minutes`)
        .type('form')
        .send({
          _csrf: csrfOf(minutesForm.text),
          expectedVersion: versionOf(minutesForm.text),
          meetingId: plan.meetingId,
          'heldOn-day': '20',
          'heldOn-month': '5',
          'heldOn-year': '2025',
          decisions: 'Close the concern at the next review',
          ...fields,
        });
    const unanswered = await minutes(
      rowsOf('attendance', [{ inviteeId: plan.invitations[0].inviteeId, attendance: 'attended' }, { inviteeId: plan.invitations[1].inviteeId }]),
    ).expect(400);
    expect(textOf(unanswered.text)).toContain('There is a problem');
    expect(unanswered.text).toContain('href="#attendance-1-attendance"');
    await minutes({
      ...rowsOf('attendance', [
        { inviteeId: plan.invitations[0].inviteeId, attendance: 'attended' },
        { inviteeId: plan.invitations[1].inviteeId, attendance: 'absent' },
      ]),
      ...rowsOf('actions', [
        { description: 'Write to the provider with the outcome', owner: 'Head of commissioning', 'dueOn-day': '27', 'dueOn-month': '5', 'dueOn-year': '2025' },
      ]),
    }).expect(303);
    const page = textOf((await council.get(`/app/concerns/${concerns.own}`).expect(200)).text);
    expect(page).toContain('Findings meeting, 20 May 2025');
    expect(page).toContain('Detective sergeant, Northshire Police (Police): Absent');
    expect(page).toContain('Findings of the re-audit');
    expect(page).toContain('Write to the provider with the outcome');

    // Minutes withdrawn are marked where the meeting is shown, once.
    const held = (await concern()).meetings.find((m) => m.meetingId === plan.meetingId)!;
    await post(`/concerns/${concerns.own}/retractions`, COUNCIL, { targetEventId: held.eventId, reason: 'Minuted on the wrong concern' }, 201);
    const withdrawn = textOf((await council.get(`/app/concerns/${concerns.own}`).expect(200)).text);
    expect(withdrawn).toMatch(/Findings meeting, 20 May 2025 Held 20 May 2025 Minutes withdrawn Minutes withdrawn: Minuted on the wrong concern/);
    expect(withdrawn.split('Close the concern at the next review').length - 1).toBe(1);
  });

  it('reads a review meeting recorded before meetings had kinds (a version-1 event) as a review meeting with no attendance or actions, never rewriting it', async () => {
    const eventStore = t.app.get<EventStore>(EVENT_STORE);
    const stream = `concern-${concerns.other}`;
    const eventId = randomUUID();
    const v1 = {
      meetingId: randomUUID(),
      concernId: concerns.other,
      heldOn: '2025-03-21',
      attendees: ['QA officer', 'Registered manager'],
      decisions: ['Fortnightly updates'],
    };
    await eventStore.append(
      stream,
      [
        {
          eventId,
          type: 'ReviewMeetingHeld',
          schemaVersion: 1,
          data: v1,
          occurredAt: '2025-03-21T10:00:00.000Z',
          actor: { userId: 'u-other', organisationId: OTHER_COUNCIL_ID, role: 'qa_officer' },
          correlationId: randomUUID(),
          causationId: null,
          commandId: null,
        },
      ],
      await eventStore.streamVersion(stream),
    );
    const read = await concern(concerns.other, OTHER_COUNCIL);
    expect(read.meetings).toEqual([
      expect.objectContaining({ eventId, meetingKind: 'review_meeting', attendance: [], actions: [], decisions: ['Fortnightly updates'] }),
    ]);
    expect(read.meetingActions).toEqual([]);
    const [stored] = (await eventStore.readStream(stream)).filter((e) => e.eventId === eventId);
    expect(stored.schemaVersion).toBe(1);
    expect(stored.data).toEqual(v1);
    // A new review meeting is recorded at schema 2.
    await post(
      `/concerns/${concerns.other}/review-meetings`,
      OTHER_COUNCIL,
      { heldOn: '2025-03-24', attendees: ['QA officer'], decisions: ['Carry on'], occurredAt: '2025-03-24T10:00:00Z' },
      201,
    );
    const latest = (await eventStore.readStream(stream)).filter((e) => e.type === 'ReviewMeetingHeld').at(-1)!;
    expect(latest.schemaVersion).toBe(2);
    expect(latest.data).toMatchObject({ meetingKind: 'review_meeting', attendance: [], actions: [] });
    // The timeline reads the stored version-1 data as it always did.
    expect(await summaries(concerns.other, 'ReviewMeetingHeld', OTHER_COUNCIL)).toEqual([
      'Review meeting held on 21 Mar 2025: 1 decision',
      'Review meeting held on 24 Mar 2025: 1 decision',
    ]);
  });
});
