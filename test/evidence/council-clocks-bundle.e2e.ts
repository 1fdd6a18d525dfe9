import request from 'supertest';
import { renderBundleHtml, serializeBundle, verifyBundleText, type EvidenceBundle } from '@caretrail/evidence';
import { startTestApp, storesUnderTest, type TestApp } from '../support/test-app';

import {
  COUNCIL,
  COUNCIL_ID,
  OTHER_COUNCIL,
  PROVIDER,
  PROVIDER_ID,
  TWO_DAY_CLOCKS as CLOCKS,
  auth,
  recordTwoCouncilsStory,
} from '../support/two-councils-story';

const PROVIDER_CEO = auth('demo-provider-ceo');
const COUNCIL_STREAM = `organisation-${COUNCIL_ID}`;

/**
 * The scenario of test/e2e/council-clocks.e2e.ts: two councils each raise the same concern about one
 * service, acknowledged 3 working days after notice; one council then sets a 2-day acknowledgement
 * clock, in force from 1 April 2025 (recorded today). A bundle of each scope must carry that setting
 * and have the measures the API shows for the same scope, date and basis, and verify offline.
 */
describe.each(storesUnderTest())("evidence bundles judged by a council's own clocks, over HTTP on %s", (store) => {
  let t: TestApp;
  let position = 0;
  let fingerprint: string;
  let serviceId: string;
  let settingId: string;
  const concerns: Record<string, string> = {};

  const post = async (path: string, headers: Record<string, string>, body: object, status: number) => {
    const res = await request(t.server as never)
      .post(path)
      .set(headers)
      .send(body)
      .expect(status);
    if (typeof res.body.position === 'number') position = Math.max(position, res.body.position);
    return res;
  };
  const get = (path: string, headers: Record<string, string>) =>
    request(t.server as never)
      .get(path)
      .set(headers)
      .expect(200);
  const withPosition = (query: string) => `?minPosition=${position}${query ? `&${query}` : ''}`;

  /** The bundle of a scope and the API's measures of it, for the same asOf and basis. */
  const bundleAndMeasures = async (scope: 'concerns' | 'services' | 'providers', id: string, who: Record<string, string>, query = '') => {
    const file = await get(`/evidence/${scope}/${id}${withPosition(query)}`, who);
    const measures = await get(`/measures/${scope}/${id}${withPosition(query)}`, who);
    const { asOf: _asOf, basis: _basis, ...apiMeasures } = measures.body as Record<string, unknown>;
    const report = verifyBundleText(file.text, { fingerprint });
    return { text: file.text, bundle: JSON.parse(file.text) as EvidenceBundle, apiMeasures, report };
  };
  /**
   * A concern's bundle carries its service's stream too (its scope, bundle-scope.ts), the API's concern
   * scope does not: the two measures of a service's managers differ by design, not by clocks.
   */
  const concernMeasures = (measures: object) => {
    const { registeredManager: _rm, turnoverAndConcerns: _tc, ...rest } = measures as Record<string, unknown>;
    return rest;
  };
  const ackStatus = (b: EvidenceBundle, concernId: string) => b.measures.timeToAcknowledge.byConcern.find((c) => c.concernId === concernId)!.waits[0].status;

  beforeAll(async () => {
    t = await startTestApp(store);
    const story = await recordTwoCouncilsStory(t, post);
    serviceId = story.serviceId;
    Object.assign(concerns, story.concerns);
    const set = await post(
      `/councils/${COUNCIL_ID}/clocks`,
      COUNCIL,
      { ...CLOCKS, reason: 'Agreed at contract review', occurredAt: '2025-04-01T09:00:00Z' },
      201,
    );
    settingId = set.body.events[0].eventId as string;
    fingerprint = (await get('/evidence/public-key', COUNCIL)).body.keyFingerprint as string;
  });
  afterAll(async () => t?.close());

  it("a concern's bundle carries its council's setting and has the API's measures, live and as of a date after it; it verifies offline", async () => {
    for (const query of ['', 'asOf=2025-04-30&basis=occurred']) {
      const { bundle, apiMeasures, report } = await bundleAndMeasures('concerns', concerns.own, COUNCIL, query);
      expect(report.problems).toEqual([]);
      expect(report.ok && report.signerTrusted).toBe(true);
      expect(concernMeasures(bundle.measures)).toEqual(concernMeasures(apiMeasures));
      expect(ackStatus(bundle, concerns.own)).toBe('late');
      expect(bundle.measures.councilClocks).toEqual([
        expect.objectContaining({ councilId: COUNCIL_ID, eventId: settingId, inForceFrom: '2025-04-01', clocks: CLOCKS }),
      ]);
      expect(bundle.manifest.councilClockStreams).toEqual([COUNCIL_STREAM]);
      const councilEvents = bundle.events.filter((e) => e.streamId === COUNCIL_STREAM);
      expect(councilEvents.map((e) => e.type)).toEqual(['OrganisationRegistered', 'CouncilClocksSet']);
      expect(councilEvents[1]).toMatchObject({ eventId: settingId, streamVersion: 2, data: { councilId: COUNCIL_ID, clocks: CLOCKS } });
      expect(councilEvents[1].previousHash).toBe(councilEvents[0].hash);
      expect(bundle.manifest.councilChainOnly).toEqual([councilEvents[0].eventId]);
      expect(bundle.timeline.map((e) => e.eventId)).not.toContain(settingId);
    }
  });

  it('as of a date before the setting, the bundle uses the defaults and carries no setting', async () => {
    // Everything here was recorded today, so only the 'occurred' basis sees the concern in 2025.
    for (const query of ['asOf=2025-03-20&basis=occurred', 'asOf=2025-03-31&basis=occurred']) {
      const { bundle, apiMeasures, report } = await bundleAndMeasures('concerns', concerns.own, COUNCIL, query);
      expect(report.problems).toEqual([]);
      expect(concernMeasures(bundle.measures)).toEqual(concernMeasures(apiMeasures));
      expect(ackStatus(bundle, concerns.own)).toBe('on_time');
      expect(bundle.measures.councilClocks).toEqual([]);
      expect(bundle.manifest.councilClockStreams).toEqual([]);
      expect(bundle.events.filter((e) => e.type === 'CouncilClocksSet' || e.streamId.startsWith('organisation-'))).toEqual([]);
    }
  });

  it("a service's and a provider's bundles judge each council's concern by that council's clocks, as the API does", async () => {
    for (const [scope, id, who] of [
      ['services', serviceId, PROVIDER],
      ['providers', PROVIDER_ID, PROVIDER_CEO],
    ] as const) {
      for (const [query, own, streams] of [
        ['', 'late', [COUNCIL_STREAM]],
        ['asOf=2025-04-30&basis=occurred', 'late', [COUNCIL_STREAM]],
        ['asOf=2025-03-31&basis=occurred', 'on_time', []],
      ] as const) {
        const { bundle, apiMeasures, report } = await bundleAndMeasures(scope, id, who, query);
        expect(report.problems).toEqual([]);
        expect(bundle.measures).toEqual(apiMeasures);
        expect({ own: ackStatus(bundle, concerns.own), other: ackStatus(bundle, concerns.other) }).toEqual({ own, other: 'on_time' });
        // The other council set no clocks: its stream is never carried.
        expect(bundle.manifest.councilClockStreams).toEqual(streams);
      }
    }
  });

  it("tampering with the setting's data fails verification, naming the event and the measures it changes", async () => {
    const { bundle } = await bundleAndMeasures('concerns', concerns.own, COUNCIL);
    const at = bundle.events.findIndex((e) => e.eventId === settingId);
    (bundle.events[at].data['clocks'] as typeof CLOCKS).acknowledgeWithinWorkingDays = 5;
    const report = verifyBundleText(serializeBundle(bundle), { fingerprint });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => `${p.where}: ${p.problem}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^events\\[${at}\\] \\(stream ${COUNCIL_STREAM}, version 2\\): hash \\w+ does not match its content`)),
        'measures.councilClocks[0].clocks.acknowledgeWithinWorkingDays: the bundle has 2, recomputed from its events 5',
        'measures.timeToAcknowledge.byConcern[0].waits[0].status: the bundle has "late", recomputed from its events "on_time"',
        expect.stringMatching(/^signature: does not verify/),
      ]),
    );
  });

  it('the printable page lists the clock setting that judged the measures', async () => {
    const html = await get(`/evidence/concerns/${concerns.own}${withPosition('format=html')}`, COUNCIL);
    expect(html.text).toContain('<h3 id="clocks">Clocks used</h3>');
    expect(html.text).toContain('<th scope="row">Northshire County Council</th>');
    expect(html.text).toContain(`<td>1 April 2025</td><td><a href="#event-${settingId}">Council clocks set, `);
    const { bundle } = await bundleAndMeasures('concerns', concerns.own, COUNCIL);
    expect(renderBundleHtml(bundle)).toContain('<th scope="row">Northshire County Council</th><td class="num">2</td>');
  });
});
