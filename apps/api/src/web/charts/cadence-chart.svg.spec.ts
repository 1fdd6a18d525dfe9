import type { CadenceRun, ExpectedPeriod } from '@caretrail/timeline';
import { cadenceChart } from './cadence-chart.svg';

const period = (index: number, status: ExpectedPeriod['status'], submittedOn: string | null): ExpectedPeriod => ({
  index,
  startsOn: `2025-03-0${index}`,
  endsOn: `2025-03-1${index}`,
  dueBy: `2025-03-2${index}`,
  status,
  updateEventId: submittedOn ? `e${index}` : null,
  submittedOn,
});

const run = (periods: ExpectedPeriod[]): CadenceRun => ({
  acceptedOn: '2025-02-26',
  acceptedEventId: 'acc',
  requestEventId: 'req',
  planVersion: 2,
  cadenceDays: 7,
  graceDays: 2,
  stoppedOn: null,
  stoppedByEventId: null,
  pauses: [],
  periods,
  unmatchedUpdateEventIds: [],
  adherence: { numerator: 1, denominator: 3, rate: 1 / 3 },
  late: 1,
  missed: 1,
  longestGap: { days: 0, from: '2025-02-26', to: '2025-02-26' },
});

describe('update cadence chart', () => {
  it('marks each expected period with a symbol as well as a colour, and says the totals', () => {
    const chart = cadenceChart(run([period(1, 'on_time', '2025-03-11'), period(2, 'late', '2025-03-24'), period(3, 'missed', null)]), 'c');
    expect(chart.svg).toContain('<title id="c-title">Update cadence: expected periods and updates received</title>');
    expect(chart.svg.match(/>(✓|L|✕)</g)).toEqual(['>✓<', '>L<', '>✕<']);
    expect(chart.summary).toContain('3 periods, 1 updated on time, 1 late, 1 missed');
    expect(chart.rows.map((r) => r.status)).toEqual(['On time', 'Late', 'Missed']);
    expect(chart.rows[2].submittedOn).toBe('');
  });
});

describe('update cadence chart over a long plan', () => {
  const weekly = (count: number): ExpectedPeriod[] =>
    Array.from({ length: count }, (_, i) => {
      const end = new Date(Date.UTC(2025, 2, 5) + i * 7 * 86_400_000).toISOString().slice(0, 10);
      return {
        index: i + 1,
        startsOn: end,
        endsOn: end,
        dueBy: end,
        status: i % 5 === 0 ? 'late' : 'on_time',
        updateEventId: `e${i}`,
        submittedOn: end,
      } as ExpectedPeriod;
    });
  const widthOf = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1]);
  const texts = (svg: string) =>
    [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));

  it('keeps the same width for a year and more of weekly updates, wrapping into rows', () => {
    const year = cadenceChart(run(weekly(52)), 'y').svg;
    const twoYears = cadenceChart(run(weekly(104)), 't').svg;
    expect(widthOf(year)).toBeLessThanOrEqual(700);
    expect(widthOf(twoYears)).toBe(widthOf(year));
    expect((twoYears.match(/<rect /g) ?? []).length).toBe(104);
    expect(twoYears).toContain('viewBox=');
    expect(twoYears).toContain('app-chart--scaled');
  });

  it('never puts two date labels closer than 50 px on a row', () => {
    for (const count of [3, 8, 13, 30, 52]) {
      const labels = texts(cadenceChart(run(weekly(count)), 'l').svg).filter((t) => /\d/.test(t.text));
      const byRow = new Map<number, number[]>();
      for (const l of labels) byRow.set(l.y, [...(byRow.get(l.y) ?? []), l.x]);
      for (const xs of byRow.values()) {
        xs.sort((a, b) => a - b);
        for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(50);
      }
    }
  });

  it('draws 60 weekly periods with no two labels or marks overlapping, no label over a box, and a bounded width', () => {
    const svg = cadenceChart(run(weekly(60)), 's').svg;
    expect(widthOf(svg)).toBeLessThanOrEqual(700);
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    // Each label's box, its width estimated at 0.6 em a character (generous for the sans-serif used).
    const fontOf = (tag: string) => Number(/font-size="(\d+)"/.exec(tag)?.[1] ?? 16);
    const labels = [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"([^>]*)>([^<]*)<\/text>/g)].map((m) => {
      const size = fontOf(m[3]);
      const w = m[4].length * 0.6 * size;
      const x = /text-anchor="middle"/.test(m[3]) ? Number(m[1]) - w / 2 : Number(m[1]);
      return { text: m[4], x1: x, x2: x + w, y1: Number(m[2]) - size * 0.8, y2: Number(m[2]) };
    });
    const boxes = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
      x1: Number(m[1]),
      y1: Number(m[2]),
      x2: Number(m[1]) + Number(m[3]),
      y2: Number(m[2]) + Number(m[4]),
    }));
    expect(boxes).toHaveLength(60);
    const overlap = (a: { x1: number; x2: number; y1: number; y2: number }, b: typeof a) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    const words = labels.filter((l) => l.text.length > 1); // the marks (one character) sit inside their boxes
    const clashes: string[] = [];
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j < words.length; j++) if (overlap(words[i], words[j])) clashes.push(`${words[i].text} / ${words[j].text}`);
      for (const b of boxes) if (overlap(words[i], b)) clashes.push(`${words[i].text} over a box`);
      expect(words[i].x1).toBeGreaterThanOrEqual(0);
      expect(words[i].x2).toBeLessThanOrEqual(widthOf(svg));
    }
    expect(clashes).toEqual([]);
  });
});
