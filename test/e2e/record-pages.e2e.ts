import { DEMO_IDS } from '@caretrail/demo';
import { concernStream } from '@caretrail/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@caretrail/event-store';
import request from 'supertest';
import { seedDemoStory, startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

/**
 * The record read marks corrected values (GET /concerns/{id}: values as corrected, each corrected
 * entry's fields before and after, withdrawn entries with their reason), and the record pages read a
 * long record a page at a time without reading its whole stream (issues 12 and 13).
 */
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const concern = DEMO_IDS.missedCallsConcern;
const council = 'demo-council-officer';
const provider = 'demo-other-provider';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const itemsOn = (html: string) => (html.match(/class="moj-timeline__item"/g) ?? []).length;

describe.each(storesUnderTest())('record reads with corrections marked, and paged record pages, on %s', (store) => {
  let t: TestApp;
  let eventStore: EventStore;
  const get = (path: string, token = council, status = 200) =>
    request(t.server as never)
      .get(path)
      .set(auth(token))
      .expect(status);
  const post = (path: string, token: string, body: object) =>
    request(t.server as never)
      .post(path)
      .set(auth(token))
      .send(body)
      .expect(201);
  const firstOf = async (type: string): Promise<RecordedEvent> => (await eventStore.readStream(concernStream(concern))).find((e) => e.type === type)!;
  let officer: ReturnType<typeof request.agent>;

  beforeAll(async () => {
    t = await startTestApp(store);
    await seedDemoStory(t);
    eventStore = t.app.get<EventStore>(EVENT_STORE);
    officer = request.agent(t.server as never);
    const signIn = await officer.get('/app/sign-in').expect(200);
    await officer
      .post('/app/sign-in')
      .type('form')
      .send({ identity: council, _csrf: csrfOf(signIn.text) })
      .expect(303);
  });
  afterAll(async () => t?.close());

  it('GET /concerns/{id} reads as corrected, marks each corrected entry with its fields before and after, and lists withdrawn entries', async () => {
    const before = (await get(`/concerns/${concern}`)).body;
    expect(before.corrections).toEqual([]);
    expect(before.retractions).toEqual([]);
    const raised = await firstOf('ConcernRaised');
    const update = await firstOf('PlanUpdateSubmitted');
    await post(`/concerns/${concern}/corrections`, council, {
      targetEventId: raised.eventId,
      reason: 'Four families, not three',
      changes: { summary: 'Missed and late home-care calls reported by four families in September' },
    });
    const fixed = await post(`/concerns/${concern}/corrections`, provider, {
      targetEventId: update.eventId,
      reason: 'Wording',
      changes: { summary: 'Rotas rebuilt for all twelve runs' },
    });
    const comment = await post(`/concerns/${concern}/comments`, council, { topic: 'general', text: 'Written on the wrong concern' });
    await post(`/concerns/${concern}/retractions`, council, { targetEventId: comment.body.events[0].eventId, reason: 'Meant for another concern' });

    const after = (await get(`/concerns/${concern}`)).body;
    expect(after.summary).toBe('Missed and late home-care calls reported by four families in September');
    expect(after.plan.updates.find((u: { eventId: string }) => u.eventId === update.eventId).summary).toBe('Rotas rebuilt for all twelve runs');
    expect(after.corrections).toEqual([
      expect.objectContaining({
        eventId: raised.eventId,
        entryType: 'ConcernRaised',
        fields: [{ field: 'summary', before: raised.data.summary, after: 'Missed and late home-care calls reported by four families in September' }],
        reasons: ['Four families, not three'],
      }),
      expect.objectContaining({
        eventId: update.eventId,
        entryType: 'PlanUpdateSubmitted',
        fields: [{ field: 'summary', before: update.data.summary, after: 'Rotas rebuilt for all twelve runs' }],
        correctionEventIds: [fixed.body.events[0].eventId],
      }),
    ]);
    expect(after.retractions).toEqual([
      expect.objectContaining({ eventId: comment.body.events[0].eventId, entryType: 'CommentRecorded', reason: 'Meant for another concern' }),
    ]);
    // The provider reads the same marks; as of a day before the corrections, the record reads as first recorded.
    expect((await get(`/concerns/${concern}`, provider)).body.corrections).toEqual(after.corrections);
    const past = (await get(`/concerns/${concern}?asOf=2026-11-01`)).body;
    expect(past.summary).toBe(raised.data.summary);
    expect(past.corrections).toEqual([]);
  });

  it('pages the timeline 25 entries at a time, newest first, every entry once, and says which page', async () => {
    for (let i = 1; i <= 40; i++) await post(`/concerns/${concern}/comments`, council, { topic: 'progress', text: `Call log checked, note ${i}` });
    const total = (await eventStore.readStream(concernStream(concern))).length;
    const pages = Math.ceil(total / 25);
    const ids = new Set<string>();
    for (let page = 1; page <= pages; page++) {
      const html = (await officer.get(`/app/concerns/${concern}/timeline?page=${page}`).expect(200)).text;
      expect(html).toContain(`Timeline (page ${page} of ${pages})`);
      expect(html).toContain('govuk-pagination');
      expect(itemsOn(html)).toBe(page < pages ? 25 : total - 25 * (pages - 1));
      for (const m of html.matchAll(/data-event-id="([0-9a-f-]{36})" data-kind/g)) ids.add(m[1]);
      if (page === 1) expect(html.indexOf('Call log checked, note 40')).toBeLessThan(html.indexOf('Call log checked, note 39'));
    }
    expect(ids.size).toBe(total);
    // A page past the end shows the last; a page that is no page is a 400 naming it.
    expect((await officer.get(`/app/concerns/${concern}/timeline?page=999`).expect(200)).text).toContain(`Timeline (page ${pages} of ${pages})`);
    for (const bad of ['0', 'abc', '1.5']) {
      expect((await officer.get(`/app/concerns/${concern}/timeline?page=${bad}`).expect(400)).text).toContain('page must be a whole number of at least 1');
    }
  });

  it('shows the service ten timeline entries at a time, not every entry', async () => {
    const html = (await officer.get(`/app/services/${DEMO_IDS.kestrelHomecare}`).expect(200)).text;
    expect(itemsOn(html)).toBe(10);
    expect(html).toContain('govuk-pagination');
    // The concerns about it, each as its raising reads now.
    expect(html).toContain(
      `href="/app/concerns/${concern}">Staffing concern raised 5 October 2026</a>: Missed and late home-care calls reported by four families in September`,
    );
    const second = (await officer.get(`/app/services/${DEMO_IDS.kestrelHomecare}?page=2`).expect(200)).text;
    expect(second).toContain('Showing entries 11 to 20.');
    expect(itemsOn(second)).toBe(10);
    // The two pages share no entry.
    const idsOf = (page: string) => [...page.matchAll(/data-event-id="([0-9a-f-]{36})" data-kind/g)].map((m) => m[1]);
    expect(idsOf(second).filter((id) => idsOf(html).includes(id))).toEqual([]);
  });

  it('reads no more of the stream for the case file and a timeline page of a long record than the events since the last read', async () => {
    // Warm: the first read after the comments above folds what it has not seen yet.
    await officer.get(`/app/concerns/${concern}`).expect(200);
    await officer.get(`/app/concerns/${concern}/timeline`).expect(200);
    const read = jest.spyOn(eventStore, 'readStream');
    try {
      const caseFile = (await officer.get(`/app/concerns/${concern}`).expect(200)).text;
      expect(caseFile).toContain('Missed and late home-care calls reported by four families in September');
      await officer.get(`/app/concerns/${concern}/timeline?page=2`).expect(200);
      const concernEventsRead = (await Promise.all(read.mock.results.map((r) => r.value as Promise<RecordedEvent[]>)))
        .filter((_, i) => read.mock.calls[i][0] === concernStream(concern))
        .reduce((n, events) => n + events.length, 0);
      // One event per page (the last, for its position): never the stream's 80-odd.
      expect(concernEventsRead).toBeLessThanOrEqual(4);
    } finally {
      read.mockRestore();
    }
  });
});
