import type { ManagerTenure } from '@caretrail/domain';
import { tenureChart, tenureSpans } from './tenure-chart.svg';

const tenure = (managerName: string, startedOn: string, leftOn: string | null, registeredOn: string | null = null): ManagerTenure => ({
  managerId: managerName, managerName, basis: 'permanent', startedOn, registeredOn, leftOn, leftReason: leftOn ? 'Left' : null,
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
