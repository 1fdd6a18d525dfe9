import { DEMO_IDS } from '@caretrail/demo';
import type { Browser } from 'playwright-core';
import { chromiumAvailability, launchChromium } from './support/chromium';
import { Visitor } from './support/visitor';
import { startWebApp, type WebApp } from './support/web-app';

const { available } = chromiumAvailability();
const describeInBrowser = available ? describe : describe.skip;

const DOCUMENTATION = `/app/concerns/${DEMO_IDS.documentationConcern}`;
const MISSED_CALLS = `/app/concerns/${DEMO_IDS.missedCallsConcern}`;

/**
 * The record pages show what the record holds (issue 13): each plan update's summary, every action's
 * progress note and the evidence; claim notes; review meetings; the service's ratings; corrections as
 * before and after; withdrawn entries struck through with their reason; long timelines paged (issue 12).
 */
describeInBrowser('the record pages show the whole record, a page at a time, in the browser', () => {
  jest.setTimeout(180_000);
  let web: WebApp;
  let browser: Browser;
  let officer: Visitor;

  /** A command through the API, as one of the demo identities. */
  const api = async (token: string, path: string, body: unknown): Promise<{ position: number; events: { eventId: string; type: string }[] }> => {
    const res = await fetch(`${web.baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect({ path, status: res.status }).toEqual({ path, status: 201 });
    return (await res.json()) as { position: number; events: { eventId: string; type: string }[] };
  };
  const firstEventOf = async (concernId: string, kind: string): Promise<string> => {
    const res = await fetch(`${web.baseUrl}/timelines/concerns/${concernId}?limit=1000`, { headers: { Authorization: 'Bearer demo-council-officer' } });
    const body = (await res.json()) as { entries: { eventId: string; kind: string }[] };
    return body.entries.find((e) => e.kind === kind)!.eventId;
  };

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebApp(), launchChromium()]);
    officer = await Visitor.open(browser, web.baseUrl, 'record-pages-officer');
    await officer.signIn('Priya Shah');
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it("shows each plan update's summary, every action's progress note and the evidence, the claims and the service's ratings", async () => {
    await officer.visit(DOCUMENTATION, 'record-pages-case-file');
    const updates = officer.page.locator('.app-plan-update');
    expect(await updates.count()).toBeGreaterThanOrEqual(6);
    const late = await updates.filter({ hasText: 'period ending 26 March 2025' }).innerText();
    expect(late).toContain('Care plan audit complete; update sent late because the manager was on leave');
    expect(late).toMatch(/Not started: Training on 14 April/);
    expect(late).toMatch(/In progress: Fourth weekly audit: no gaps/);
    expect(late).toContain('Weekly records audit 2025-03-26.xlsx');
    const page = await officer.text();
    expect(page).toContain('Claimed complete 26 March 2025: All 18 care plans reviewed and in date. Evidence: Care plan audit March 2025.pdf');
    expect(page).toContain('Verified 27 March 2025: Sampled six care plans on the visit: all in date');
    expect(page).toContain('PAMMS audit');
    expect(page).not.toMatch(/Pamms audit/);
    expect(page).toMatch(/Ratings and enforcement at Maple Court/);
    expect(page).toMatch(/CQC good/);
    expect(page).toContain('INS2-100200300');
  });

  it('shows a review meeting with its attendees and decisions on the case file and the timeline', async () => {
    await api('demo-council-officer', `/concerns/${DEMO_IDS.missedCallsConcern}/review-meetings`, {
      heldOn: '2026-11-10',
      attendees: ['QA officer', 'Interim manager'],
      decisions: ['Move to fortnightly updates once two clear weeks are reported', 'Council to check the rota on its next visit'],
    });
    await officer.visit(MISSED_CALLS, 'record-pages-meeting-case-file');
    const meeting = await officer.page.locator('.app-meeting').first().innerText();
    expect(meeting).toContain('Held 10 November 2026');
    expect(meeting).toContain('QA officer, Interim manager');
    expect(meeting).toContain('Council to check the rota on its next visit');
    await officer.visit(`${MISSED_CALLS}/timeline`, 'record-pages-meeting-timeline');
    const item = await officer.page.locator('.moj-timeline__item[data-kind="ReviewMeetingHeld"]').innerText();
    expect(item).toMatch(/Attendees:\s*QA officer\s*Interim manager/);
    expect(item).toContain('Move to fortnightly updates once two clear weeks are reported');
  });

  it('shows a correction as each field before and after, and the corrected value marked where it shows', async () => {
    const raised = await firstEventOf(DEMO_IDS.missedCallsConcern, 'ConcernRaised');
    await api('demo-council-officer', `/concerns/${DEMO_IDS.missedCallsConcern}/corrections`, {
      targetEventId: raised,
      reason: 'Four families had reported, not three',
      changes: { summary: 'Missed and late home-care calls reported by four families in September' },
    });
    await officer.visit(MISSED_CALLS, 'record-pages-corrected-case-file');
    const summary = await officer.page.locator('.govuk-summary-list__row', { hasText: 'What the council found' }).innerText();
    expect(summary).toContain('reported by four families');
    expect(summary).toContain('(corrected)');
    const correction = await officer.page.locator('.app-correction-record', { hasText: 'Concern as raised' }).innerText();
    expect(correction).toMatch(
      /Summary\s*Before: Missed and late home-care calls reported by three families in September\s*After: Missed and late home-care calls reported by four families in September/,
    );
    expect(correction).toContain('Reason: Four families had reported, not three');

    await officer.visit(`${MISSED_CALLS}/timeline?page=2`, 'record-pages-corrected-timeline');
    const item = await officer.page.locator(`.moj-timeline__item[data-event-id="${raised}"]`).innerText();
    expect(item).toMatch(
      /Summary: was Missed and late home-care calls reported by three families in September, now Missed and late home-care calls reported by four families in September/,
    );
    expect(item).not.toContain('It now reads');
  });

  it('strikes a withdrawn entry through, with its reason, on the case file and the timeline', async () => {
    const made = await api('demo-council-officer', `/concerns/${DEMO_IDS.missedCallsConcern}/comments`, {
      topic: 'general',
      text: 'Rota seen for the wrong week',
    });
    const commentId = made.events[0].eventId;
    await api('demo-council-officer', `/concerns/${DEMO_IDS.missedCallsConcern}/retractions`, {
      targetEventId: commentId,
      reason: 'Written on the wrong concern',
    });
    await officer.visit(MISSED_CALLS, 'record-pages-withdrawn-case-file');
    const comment = officer.page.locator('.govuk-inset-text', { hasText: 'Rota seen for the wrong week' });
    expect(await comment.locator('del').innerText()).toBe('Rota seen for the wrong week');
    expect(await comment.innerText()).toContain('Written on the wrong concern');
    await officer.visit(`${MISSED_CALLS}/timeline`, 'record-pages-withdrawn-timeline');
    const item = officer.page.locator(`.moj-timeline__item[data-event-id="${commentId}"]`);
    expect(await item.locator('del').first().innerText()).toMatch(/Comment/);
    expect(await item.innerText()).toMatch(/Withdrawn\s*Reason: Written on the wrong concern/i);
  });

  it('pages a long timeline with GOV.UK pagination, newest first, each entry once', async () => {
    for (let i = 1; i <= 30; i++) {
      await api('demo-council-officer', `/concerns/${DEMO_IDS.missedCallsConcern}/comments`, { topic: 'progress', text: `Weekly call log checked, note ${i}` });
    }
    await officer.visit(`${MISSED_CALLS}/timeline`, 'record-pages-timeline-page-1');
    const intro = await officer.text();
    const total = Number(/(\d+) entries,/.exec(intro)?.[1]);
    expect(total).toBeGreaterThan(25);
    expect(await officer.page.locator('.moj-timeline__item').count()).toBe(25);
    expect(await officer.page.getByRole('heading', { level: 1 }).innerText()).toBe(`Timeline (page 1 of ${Math.ceil(total / 25)})`);
    expect(await officer.page.locator('.moj-timeline__item').first().innerText()).toContain('Weekly call log checked, note 30');
    const seen = new Set<string>();
    for (let page = 1; page <= Math.ceil(total / 25); page++) {
      if (page > 1) {
        await officer.page.locator('.govuk-pagination').getByRole('link', { name: /Next/ }).click();
        await officer.page.waitForLoadState();
        await officer.check(`record-pages-timeline-page-${page}`);
        expect(await officer.page.locator('.govuk-pagination__item--current').innerText()).toContain(String(page));
      }
      for (const id of await officer.page
        .locator('.moj-timeline__item')
        .evaluateAll((items) => items.map((i) => (i as unknown as { dataset: { eventId: string } }).dataset.eventId)))
        seen.add(id);
    }
    expect(seen.size).toBe(total);
    expect(await officer.page.locator('.moj-timeline__item').last().innerText()).toMatch(/Concern raised/);

    // The case file shows the newest comments, not every one, and sends the reader to the timeline for the rest.
    await officer.visit(MISSED_CALLS, 'record-pages-case-file-long');
    expect(await officer.page.locator('.govuk-inset-text', { hasText: 'Weekly call log checked' }).count()).toBe(10);
    expect(await officer.text()).toMatch(/The newest 10 of 3\d comments, newest first\. Every one is on the timeline/);
    expect(await officer.page.locator('.govuk-inset-text').first().innerText()).toContain('note 30');
    expect(await officer.page.getByRole('link', { name: 'Every one is on the timeline' }).first().getAttribute('href')).toBe(`${MISSED_CALLS}/timeline`);
  });

  it('no longer puts every entry of the service on its page: ten at a time, with the pagination', async () => {
    await officer.visit(`/app/services/${DEMO_IDS.kestrelHomecare}`, 'record-pages-service');
    expect(await officer.page.locator('.moj-timeline__item').count()).toBe(10);
    expect(await officer.text()).toContain('Showing entries 1 to 10.');
    await officer.page.locator('.govuk-pagination').getByRole('link', { name: /Next/ }).click();
    await officer.page.waitForLoadState();
    await officer.check('record-pages-service-page-2');
    expect(new URL(officer.page.url()).search).toBe('?page=2');
    expect(new URL(officer.page.url()).hash).toBe('#timeline');
    expect(await officer.text()).toMatch(/Showing entries 11 to 20/);
    expect(await officer.text()).toContain('CQC');
  });

  it('answers 400 for a page that is no number', async () => {
    const res = await officer.page.goto(`${web.baseUrl}${MISSED_CALLS}/timeline?page=abc`);
    expect(res?.status()).toBe(400);
    expect(await officer.page.locator('main').innerText()).toMatch(/page must be a whole number/i);
  });
});
