import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { buildEvidenceBundle, serializeBundle, verifyBundle, verifyBundleText } from '@caretrail/evidence';
import { CONCERN, newSigner, seedDemoRecord } from './support/demo-record';

/** Characters a slip, a hostile edit or a bad copy could put in: JSON's own, escapes, digits, whitespace, non-ASCII. */
const SPECIALS = [
  '"',
  '\\',
  ' ',
  '\t',
  '\n',
  ',',
  ':',
  '{',
  '}',
  '[',
  ']',
  '-',
  '+',
  '.',
  '0',
  '1',
  '9',
  'e',
  'E',
  'a',
  'f',
  'A',
  'u',
  'n',
  't',
  '=',
  '/',
  'é',
  '€',
  '\u2028',
];
const replacement = fc.oneof(fc.constantFrom(...SPECIALS), fc.string({ minLength: 1, maxLength: 1 }));

describe('any single altered character of a bundle file (property)', () => {
  let text: string;
  let original: unknown;
  let cleanup: () => void;

  beforeAll(async () => {
    const demo = await seedDemoRecord();
    cleanup = demo.close;
    const { events, organisationKinds } = await demo.scopeEvents(CONCERN);
    // As of a date, so the bundle also carries an event outside the selection (the late-recorded visit).
    const bundle = buildEvidenceBundle({
      scope: CONCERN,
      events,
      asOf: '2025-04-30',
      basis: 'recorded',
      generatedAt: '2025-06-02T09:00:00.000Z',
      generatedBy: 'evidence tests',
      organisationKinds,
      signer: newSigner(),
    });
    text = serializeBundle(bundle);
    original = JSON.parse(text);
    expect(verifyBundleText(text).ok).toBe(true);
  }, 60_000);
  afterAll(() => cleanup());

  it('makes verification fail; when the file still parses to another value, the value alone fails too', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), replacement, (at, char) => {
        const mutated = text.slice(0, at) + (char === text[at] ? (char === 'x' ? 'y' : 'x') : char) + text.slice(at + 1);
        expect(verifyBundleText(mutated).ok).toBe(false);
        let value: unknown;
        try {
          value = JSON.parse(mutated);
        } catch {
          return;
        }
        parsed++;
        if (!isDeepStrictEqual(value, original)) expect(verifyBundle(value).ok).toBe(false);
      }),
      { numRuns: 150 },
    );
    // About half the places are inside strings, where a change still parses: the property is about those.
    expect(parsed).toBeGreaterThan(45);
  }, 120_000);
});

describe("any single altered character of a council's clock setting in a bundle file (property)", () => {
  let text: string;
  let original: unknown;
  let start: number;
  let end: number;
  let cleanup: () => void;

  beforeAll(async () => {
    const demo = await seedDemoRecord({
      councilClocks: { clocks: { acknowledgeWithinWorkingDays: 1 }, occurredAt: '2025-03-03T09:00:00.000Z', recordedAt: '2025-03-03T09:05:00.000Z' },
    });
    cleanup = demo.close;
    const { events, organisationKinds } = await demo.scopeEvents(CONCERN);
    const bundle = buildEvidenceBundle({
      scope: CONCERN,
      events,
      asOf: '2025-04-30',
      basis: 'occurred',
      generatedAt: '2025-06-02T09:00:00.000Z',
      generatedBy: 'evidence tests',
      organisationKinds,
      signer: newSigner(),
    });
    const setting = bundle.events.find((e) => e.type === 'CouncilClocksSet')!;
    expect(bundle.manifest.councilClockStreams).toEqual([setting.streamId]);
    text = serializeBundle(bundle);
    original = JSON.parse(text);
    expect(verifyBundleText(text).ok).toBe(true);
    // The setting's whole event object in the file: events are the items of a top-level list, four spaces in.
    const at = text.indexOf(`"eventId": "${setting.eventId}"`);
    start = text.lastIndexOf('\n    {\n', at);
    end = text.indexOf('\n    }', at) + 6;
    expect(text.slice(start, end)).toContain('"acknowledgeWithinWorkingDays": 1');
  }, 60_000);
  afterAll(() => cleanup());

  it('makes verification fail, and the value alone fails too when it still parses', () => {
    fc.assert(
      fc.property(fc.integer({ min: start, max: end - 1 }), replacement, (at, char) => {
        const mutated = text.slice(0, at) + (char === text[at] ? (char === 'x' ? 'y' : 'x') : char) + text.slice(at + 1);
        expect(verifyBundleText(mutated).ok).toBe(false);
        let value: unknown;
        try {
          value = JSON.parse(mutated);
        } catch {
          return;
        }
        if (!isDeepStrictEqual(value, original)) expect(verifyBundle(value).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
