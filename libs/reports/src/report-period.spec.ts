import { parseReportPeriod, previousPeriod, ReportPeriodError } from './report-period';

describe('report periods', () => {
  it.each([
    ['2025', '2025-01-01', '2025-12-31', '2024'],
    ['2025-Q1', '2025-01-01', '2025-03-31', '2024-Q4'],
    ['2024-Q1', '2024-01-01', '2024-03-31', '2023-Q4'],
    ['2025-q3', '2025-07-01', '2025-09-30', '2025-Q2'],
    ['2025-26', '2025-04-01', '2026-03-31', '2024-25'],
    ['1999-00', '1999-04-01', '2000-03-31', '1998-99'],
    ['2025-02-01..2025-02-28', '2025-02-01', '2025-02-28', '2025-01-04..2025-01-31'],
  ])('%s runs from %s to %s; the one before is %s', (text, from, to, before) => {
    const period = parseReportPeriod(text);
    expect([period.from, period.to, previousPeriod(period).label]).toEqual([from, to, before]);
  });

  it.each(['', 'last year', '2025-27', '2025-Q5', '2025-02-30..2025-03-01', '2025-03-01..2025-02-01', '2020-01-01..2025-01-01'])(
    'refuses %j, naming the forms it takes',
    (text) => {
      expect(() => parseReportPeriod(text)).toThrow(ReportPeriodError);
    },
  );
});
