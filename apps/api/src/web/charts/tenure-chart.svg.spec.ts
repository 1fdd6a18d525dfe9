import type { ManagerTenure } from '@caretrail/domain';
import { tenureChart, tenureSpans } from './tenure-chart.svg';

const tenure = (managerName: string, startedOn: string, leftOn: string | null, registeredOn: string | null = null): ManagerTenure => ({
  managerId: managerName,
  managerName,
  basis: 'permanent',
  startedOn,
  registeredOn,
  leftOn,
  leftReason: leftOn ? 'Left' : null,
});

describe('manager tenure chart', () => {
  it('shows the vacancies between tenures and after the last one', () => {
    const spans = tenureSpans([tenure('Dana Fox', '2024-01-02', '2024-09-30', '2024-01-02'), tenure('Lee Grant', '2024-10-07', '2024-12-20')], '2025-01-10');
    expect(spans.map((s) => [s.kind, s.label, s.from, s.to])).toEqual([
      ['tenure', 'Dana Fox', '2024-01-02', '2024-09-30'],
      ['vacancy', 'No manager', '2024-10-01', '2024-10-06'],
      ['tenure', 'Lee Grant', '2024-10-07', '2024-12-20'],
      ['vacancy', 'No manager', '2024-12-21', '2025-01-10'],
    ]);
    expect(spans[1].detail).toBe('6 days');
  });

  it('is an accessible image: a title, and a description that says every span', () => {
    const svg = tenureChart(tenureSpans([tenure('Sam <Okafor>', '2025-01-13', null, '2025-04-22')], '2025-05-01'), 't');
    expect(svg).toContain('role="img" aria-labelledby="t-title t-desc"');
    expect(svg).toContain('<title id="t-title">Registered manager tenure</title>');
    expect(svg).toContain('Sam &lt;Okafor&gt;: 13 January 2025 to 1 May 2025 (permanent, registered 22 April 2025, in post)');
    expect(tenureChart([], 'empty')).toBe('');
  });
});

describe('manager tenure chart axis', () => {
  const texts = (svg: string) =>
    [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));

  it('has one time axis with dated ticks, not only its two ends', () => {
    const svg = tenureChart(
      tenureSpans([tenure('Dana Fox', '2024-01-02', '2024-09-30', '2024-01-02'), tenure('Sam Okafor', '2025-01-13', null)], '2025-12-01'),
      'a',
    );
    const ticks = texts(svg).filter((t) => /\d{4}$/.test(t.text));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.map((t) => t.text)).toContain('Jan 2025');
    expect(new Set(ticks.map((t) => t.y)).size).toBe(1);
    const xs = ticks.map((t) => t.x).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(70);
  });

  it('ticks years over a decade', () => {
    const svg = tenureChart(tenureSpans([tenure('A', '2015-01-05', '2020-06-30'), tenure('B', '2020-07-01', null)], '2025-12-01'), 'd');
    const labels = texts(svg)
      .map((t) => t.text)
      .filter((t) => /^\d{4}$/.test(t));
    expect(labels[0]).toMatch(/^201\d$/);
    expect(labels.length).toBeGreaterThanOrEqual(3);
  });

  it('says 1 day, not 1 days', () => {
    const spans = tenureSpans([tenure('A', '2024-01-01', '2024-01-10'), tenure('B', '2024-01-12', '2024-02-01')], '2024-02-02');
    expect(spans.map((s) => s.detail)).toContain('1 day');
  });
});
